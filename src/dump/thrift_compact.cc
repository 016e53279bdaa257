#include "dump/thrift_compact.h"

namespace disd::dump {

void ThriftCompactWriter::StructBegin() {
  enclosing_ids_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void ThriftCompactWriter::StructEnd() {
  out_->push_back('\0');  // STOP
  last_field_id_ = enclosing_ids_.empty() ? 0 : enclosing_ids_.back();
  if (!enclosing_ids_.empty()) enclosing_ids_.pop_back();
}

void ThriftCompactWriter::FieldHeader(std::int16_t id, ThriftType type) {
  const int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_->push_back(static_cast<char>(type));
    ZigzagVarint(id);
  }
  last_field_id_ = id;
}

void ThriftCompactWriter::FieldBool(std::int16_t id, bool value) {
  FieldHeader(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}

void ThriftCompactWriter::FieldI32(std::int16_t id, std::int32_t value) {
  FieldHeader(id, ThriftType::kI32);
  ZigzagVarint(value);
}

void ThriftCompactWriter::FieldI64(std::int16_t id, std::int64_t value) {
  FieldHeader(id, ThriftType::kI64);
  ZigzagVarint(value);
}

void ThriftCompactWriter::FieldBinary(std::int16_t id, std::string_view value) {
  FieldHeader(id, ThriftType::kBinary);
  ElementBinary(value);
}

void ThriftCompactWriter::FieldStructBegin(std::int16_t id) {
  FieldHeader(id, ThriftType::kStruct);
  StructBegin();
}

void ThriftCompactWriter::FieldListBegin(std::int16_t id, ThriftType element_type,
                                         std::size_t size) {
  FieldHeader(id, ThriftType::kList);
  const auto type = static_cast<unsigned>(element_type);
  if (size < 15) {
    out_->push_back(static_cast<char>((size << 4) | type));
  } else {
    out_->push_back(static_cast<char>(0xF0 | type));
    Varint(size);
  }
}

void ThriftCompactWriter::ElementI32(std::int32_t value) { ZigzagVarint(value); }

void ThriftCompactWriter::ElementBinary(std::string_view value) {
  Varint(value.size());
  out_->append(value);
}

void ThriftCompactWriter::Varint(std::uint64_t value) {
  while (value >= 0x80) {
    out_->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::ZigzagVarint(std::int64_t value) {
  Varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
}

namespace parquet {
namespace {

std::int32_t I32(auto enum_value) { return static_cast<std::int32_t>(enum_value); }

void EncodeStatistics(ThriftCompactWriter& w, std::int16_t field_id, const Statistics& stats) {
  w.FieldStructBegin(field_id);
  if (stats.null_count) w.FieldI64(3, *stats.null_count);
  if (stats.max_value) w.FieldBinary(5, *stats.max_value);
  if (stats.min_value) w.FieldBinary(6, *stats.min_value);
  w.StructEnd();
}

void EncodeSchemaElement(ThriftCompactWriter& w, const SchemaElement& element) {
  w.StructBegin();
  if (element.type) w.FieldI32(1, I32(*element.type));
  if (element.repetition) w.FieldI32(3, I32(*element.repetition));
  w.FieldBinary(4, element.name);
  if (element.num_children) w.FieldI32(5, *element.num_children);
  if (element.converted_type) w.FieldI32(6, I32(*element.converted_type));
  if (element.logical_type_string) {
    w.FieldStructBegin(10);  // LogicalType
    w.FieldStructBegin(1);   // STRING: StringType {}
    w.StructEnd();
    w.StructEnd();
  }
  w.StructEnd();
}

void EncodeColumnMetaData(ThriftCompactWriter& w, const ColumnMetaData& meta) {
  w.FieldStructBegin(3);
  w.FieldI32(1, I32(meta.type));
  w.FieldListBegin(2, ThriftType::kI32, meta.encodings.size());
  for (Encoding encoding : meta.encodings) w.ElementI32(I32(encoding));
  w.FieldListBegin(3, ThriftType::kBinary, meta.path_in_schema.size());
  for (const std::string& part : meta.path_in_schema) w.ElementBinary(part);
  w.FieldI32(4, I32(meta.codec));
  w.FieldI64(5, meta.num_values);
  w.FieldI64(6, meta.total_uncompressed_size);
  w.FieldI64(7, meta.total_compressed_size);
  w.FieldI64(9, meta.data_page_offset);
  if (meta.statistics) EncodeStatistics(w, 12, *meta.statistics);
  w.StructEnd();
}

void EncodeRowGroup(ThriftCompactWriter& w, const RowGroup& group) {
  w.StructBegin();
  w.FieldListBegin(1, ThriftType::kStruct, group.columns.size());
  for (const ColumnChunk& chunk : group.columns) {
    w.StructBegin();
    w.FieldI64(2, chunk.file_offset);
    EncodeColumnMetaData(w, chunk.meta_data);
    w.StructEnd();
  }
  w.FieldI64(2, group.total_byte_size);
  w.FieldI64(3, group.num_rows);
  w.FieldI64(5, group.file_offset);
  w.FieldI64(6, group.total_compressed_size);
  w.StructEnd();
}

}  // namespace

void EncodePageHeader(const PageHeader& header, std::string* out) {
  ThriftCompactWriter w(out);
  w.StructBegin();
  w.FieldI32(1, I32(header.type));
  w.FieldI32(2, header.uncompressed_page_size);
  w.FieldI32(3, header.compressed_page_size);
  const DataPageHeader& data = header.data_page_header;
  w.FieldStructBegin(5);
  w.FieldI32(1, data.num_values);
  w.FieldI32(2, I32(data.encoding));
  w.FieldI32(3, I32(data.definition_level_encoding));
  w.FieldI32(4, I32(data.repetition_level_encoding));
  if (data.statistics) EncodeStatistics(w, 5, *data.statistics);
  w.StructEnd();
  w.StructEnd();
}

void EncodeFileMetaData(const FileMetaData& metadata, std::string* out) {
  ThriftCompactWriter w(out);
  w.StructBegin();
  w.FieldI32(1, metadata.version);
  w.FieldListBegin(2, ThriftType::kStruct, metadata.schema.size());
  for (const SchemaElement& element : metadata.schema) EncodeSchemaElement(w, element);
  w.FieldI64(3, metadata.num_rows);
  w.FieldListBegin(4, ThriftType::kStruct, metadata.row_groups.size());
  for (const RowGroup& group : metadata.row_groups) EncodeRowGroup(w, group);
  w.FieldBinary(6, metadata.created_by);
  if (metadata.type_defined_column_orders) {
    std::size_t leaves = 0;
    for (const SchemaElement& element : metadata.schema) leaves += element.type.has_value();
    w.FieldListBegin(7, ThriftType::kStruct, leaves);
    for (std::size_t i = 0; i < leaves; ++i) {
      w.StructBegin();        // ColumnOrder union
      w.FieldStructBegin(1);  // TYPE_ORDER: TypeDefinedOrder {}
      w.StructEnd();
      w.StructEnd();
    }
  }
  w.StructEnd();
}

}  // namespace parquet
}  // namespace disd::dump
