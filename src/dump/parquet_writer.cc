// WriteParquet: JSON records to one Parquet file ("PAR1", one column chunk per column,
// the thrift-encoded FileMetaData, its length, "PAR1").
#include "dump/parquet_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "dump/parquet_column_chunk.h"
#include "dump/parquet_encoding.h"
#include "dump/parquet_values.h"
#include "dump/thrift_compact.h"

namespace disd::dump {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kMagic = "PAR1";

// The columns' defaults, parsed once per file.
std::vector<std::optional<ColumnValue>> Defaults(const std::vector<ParquetColumn>& columns) {
  std::vector<std::optional<ColumnValue>> defaults(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!columns[c].default_json) continue;
    const Json value = Json::parse(*columns[c].default_json, nullptr, false);
    if (!value.is_discarded()) defaults[c] = ConvertJsonValue(columns[c], value);
  }
  return defaults;
}

// Converts one record into `row` (one value per column); false when the record is rejected.
bool ConvertRecord(std::string_view text, const std::vector<ParquetColumn>& columns,
                   const std::unordered_map<std::string_view, std::size_t>& index,
                   const std::vector<std::optional<ColumnValue>>& defaults,
                   std::vector<const Json*>& slots, std::vector<ColumnValue>& row) {
  const Json record = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded() || !record.is_object()) return false;
  std::fill(slots.begin(), slots.end(), nullptr);
  for (auto it = record.begin(); it != record.end(); ++it) {
    auto column = index.find(it.key());
    if (column != index.end()) slots[column->second] = &it.value();
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::optional<ColumnValue> value;
    if (slots[c] != nullptr) {
      value = ConvertJsonValue(columns[c], *slots[c]);
    } else if (defaults[c]) {
      value = defaults[c];
    } else if (columns[c].optional) {
      value = ColumnValue{};
    }
    if (!value) return false;
    row[c] = std::move(*value);
  }
  return true;
}

}  // namespace

Result<ParquetFile> WriteParquet(const std::vector<ParquetColumn>& columns,
                                 const std::vector<std::string_view>& json_records,
                                 ParquetCompression compression) {
  if (columns.empty()) return MakeError(ErrorCode::kInvalidDataSchema, "no columns");
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!index.emplace(columns[c].name, c).second) {
      return MakeError(ErrorCode::kInvalidDataSchema, "duplicate column '" + columns[c].name + "'");
    }
  }
  const auto defaults = Defaults(columns);

  std::vector<ColumnChunkBuilder> builders;
  builders.reserve(columns.size());
  for (const ParquetColumn& column : columns) builders.emplace_back(column);

  ParquetFile file;
  std::vector<const Json*> slots(columns.size());
  std::vector<ColumnValue> row(columns.size());
  for (std::size_t r = 0; r < json_records.size(); ++r) {
    if (!ConvertRecord(json_records[r], columns, index, defaults, slots, row)) {
      file.rejected.push_back(r);
      continue;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) builders[c].Append(row[c]);
    ++file.rows;
  }

  parquet::FileMetaData metadata;
  metadata.num_rows = static_cast<std::int64_t>(file.rows);
  metadata.created_by = "disd version " DISD_VERSION;
  parquet::SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<std::int32_t>(columns.size());
  metadata.schema.push_back(root);
  for (const ColumnChunkBuilder& builder : builders) {
    metadata.schema.push_back(builder.SchemaElement());
  }

  file.bytes.append(kMagic);
  if (file.rows > 0) {
    const parquet::Codec codec = compression == ParquetCompression::kSnappy
                                     ? parquet::Codec::kSnappy
                                     : parquet::Codec::kUncompressed;
    parquet::RowGroup group;
    group.num_rows = metadata.num_rows;
    group.file_offset = static_cast<std::int64_t>(file.bytes.size());
    for (ColumnChunkBuilder& builder : builders) {
      auto chunk = builder.Finish(codec, &file.bytes);
      if (!chunk.ok()) return chunk.error();
      group.total_byte_size += chunk->meta_data.total_uncompressed_size;
      group.total_compressed_size += chunk->meta_data.total_compressed_size;
      group.columns.push_back(std::move(chunk).value());
    }
    metadata.row_groups.push_back(std::move(group));
  }
  std::string footer;
  parquet::EncodeFileMetaData(metadata, &footer);
  file.bytes.append(footer);
  AppendLittleEndian32(static_cast<std::uint32_t>(footer.size()), &file.bytes);
  file.bytes.append(kMagic);
  return file;
}

}  // namespace disd::dump
