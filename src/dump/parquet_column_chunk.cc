#include "dump/parquet_column_chunk.h"

#include <snappy.h>

#include <bit>
#include <limits>

#include "dump/parquet_encoding.h"

namespace disd::dump {
namespace {

constexpr std::int64_t kMaxPageBytes = std::numeric_limits<std::int32_t>::max();

// PLAIN encoding of one non-null value (statistics use the same bytes).
std::string PlainStatistic(const ColumnValue& value) {
  std::string out;
  if (const bool* b = std::get_if<bool>(&value)) {
    out.push_back(*b ? 1 : 0);
  } else if (const std::int32_t* i = std::get_if<std::int32_t>(&value)) {
    AppendLittleEndian32(static_cast<std::uint32_t>(*i), &out);
  } else if (const std::int64_t* l = std::get_if<std::int64_t>(&value)) {
    AppendLittleEndian64(static_cast<std::uint64_t>(*l), &out);
  } else if (const float* f = std::get_if<float>(&value)) {
    AppendLittleEndian32(std::bit_cast<std::uint32_t>(*f), &out);
  } else if (const double* d = std::get_if<double>(&value)) {
    AppendLittleEndian64(std::bit_cast<std::uint64_t>(*d), &out);
  }
  return out;
}

// The specification asks for -0.0 as a zero minimum and +0.0 as a zero maximum.
ColumnValue SignedZero(ColumnValue value, bool negative) {
  if (float* f = std::get_if<float>(&value); f && *f == 0.0f) *f = negative ? -0.0f : 0.0f;
  if (double* d = std::get_if<double>(&value); d && *d == 0.0) *d = negative ? -0.0 : 0.0;
  return value;
}

}  // namespace

ColumnChunkBuilder::ColumnChunkBuilder(const ParquetColumn& column) : column_(column) {}

void ColumnChunkBuilder::Append(const ColumnValue& value) {
  ++rows_;
  const bool is_null = std::holds_alternative<std::monostate>(value);
  if (column_.optional) definition_levels_.push_back(is_null ? 0 : 1);
  if (is_null) {
    ++nulls_;
    return;
  }
  if (const std::string* s = std::get_if<std::string>(&value)) {
    AppendPlainByteArray(*s, &values_);
    return;
  }
  if (const bool* b = std::get_if<bool>(&value)) {
    booleans_.push_back(*b);
  } else {
    values_.append(PlainStatistic(value));
  }
  if (!min_ || value < *min_) min_ = value;
  if (!max_ || *max_ < value) max_ = value;
}

parquet::Type ColumnChunkBuilder::PhysicalType() const {
  using Type = ParquetColumn::Type;
  switch (column_.type) {
    case Type::kBoolean:
      return parquet::Type::kBoolean;
    case Type::kInt32:
      return parquet::Type::kInt32;
    case Type::kInt64:
      return parquet::Type::kInt64;
    case Type::kFloat:
      return parquet::Type::kFloat;
    case Type::kDouble:
      return parquet::Type::kDouble;
    case Type::kString:
    case Type::kBytes:
    case Type::kJson:
      return parquet::Type::kByteArray;
  }
  return parquet::Type::kByteArray;
}

parquet::SchemaElement ColumnChunkBuilder::SchemaElement() const {
  parquet::SchemaElement element;
  element.type = PhysicalType();
  element.repetition =
      column_.optional ? parquet::Repetition::kOptional : parquet::Repetition::kRequired;
  element.name = column_.name;
  if (column_.type == ParquetColumn::Type::kString || column_.type == ParquetColumn::Type::kJson) {
    element.converted_type = parquet::ConvertedType::kUtf8;
    element.logical_type_string = true;
  }
  return element;
}

std::optional<parquet::Statistics> ColumnChunkBuilder::Statistics() const {
  parquet::Statistics stats;
  stats.null_count = nulls_;
  if (min_ && max_) {
    stats.min_value = PlainStatistic(SignedZero(*min_, /*negative=*/true));
    stats.max_value = PlainStatistic(SignedZero(*max_, /*negative=*/false));
  }
  return stats;
}

Result<parquet::ColumnChunk> ColumnChunkBuilder::Finish(parquet::Codec codec, std::string* file) {
  std::string page;
  if (column_.optional) {
    std::string levels;
    AppendRleBitPackedHybrid(definition_levels_, &levels);
    AppendLittleEndian32(static_cast<std::uint32_t>(levels.size()), &page);
    page.append(levels);
  }
  AppendPlainBooleans(booleans_, &page);
  page.append(values_);
  if (static_cast<std::int64_t>(page.size()) > kMaxPageBytes || rows_ > kMaxPageBytes) {
    return MakeError(ErrorCode::kInternal,
                     "column '" + column_.name + "' holds more than a Parquet page can (2 GiB)");
  }
  std::string compressed;
  if (codec == parquet::Codec::kSnappy) {
    snappy::Compress(page.data(), page.size(), &compressed);
    if (static_cast<std::int64_t>(compressed.size()) > kMaxPageBytes) {
      return MakeError(ErrorCode::kInternal, "compressed page of '" + column_.name + "' too big");
    }
  }
  const std::string& body = codec == parquet::Codec::kSnappy ? compressed : page;

  parquet::PageHeader header;
  header.uncompressed_page_size = static_cast<std::int32_t>(page.size());
  header.compressed_page_size = static_cast<std::int32_t>(body.size());
  header.data_page_header.num_values = static_cast<std::int32_t>(rows_);
  std::string header_bytes;
  parquet::EncodePageHeader(header, &header_bytes);

  parquet::ColumnChunk chunk;
  chunk.file_offset = static_cast<std::int64_t>(file->size());
  parquet::ColumnMetaData& meta = chunk.meta_data;
  meta.type = PhysicalType();
  meta.encodings = {parquet::Encoding::kPlain};
  if (column_.optional) meta.encodings.push_back(parquet::Encoding::kRle);
  meta.path_in_schema = {column_.name};
  meta.codec = codec;
  meta.num_values = rows_;
  meta.total_uncompressed_size = static_cast<std::int64_t>(header_bytes.size() + page.size());
  meta.total_compressed_size = static_cast<std::int64_t>(header_bytes.size() + body.size());
  meta.data_page_offset = chunk.file_offset;
  meta.statistics = Statistics();

  file->append(header_bytes);
  file->append(body);
  return chunk;
}

}  // namespace disd::dump
