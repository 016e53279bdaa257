// Thrift compact-protocol encoding of the few Parquet metadata structs disd writes
// (parquet-format's parquet.thrift: PageHeader, DataPageHeader, Statistics, FileMetaData,
// SchemaElement, RowGroup, ColumnChunk, ColumnMetaData, ColumnOrder). Only the fields disd
// sets are modelled; field ids and enum values are the specification's.
//
// ThriftCompactWriter is the protocol layer (field headers with id deltas, zigzag varints,
// binary, lists, nested structs); the Encode* functions serialise one struct each by
// appending to `out`. Encoding never fails.
//
// Thread-safety: value types and free functions; a ThriftCompactWriter is used by one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace disd::dump {

// Element/field type ids of the compact protocol.
enum class ThriftType : std::uint8_t {
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Appends compact-protocol bytes to a string. Usage: StructBegin(), fields (a nested struct
// field is FieldStructBegin(id) ... StructEnd(); a list field is FieldListBegin(...)
// followed by exactly `size` elements), StructEnd().
class ThriftCompactWriter {
 public:
  explicit ThriftCompactWriter(std::string* out) : out_(out) {}

  void StructBegin();
  void StructEnd();  // writes the STOP byte
  void FieldBool(std::int16_t id, bool value);
  void FieldI32(std::int16_t id, std::int32_t value);
  void FieldI64(std::int16_t id, std::int64_t value);
  void FieldBinary(std::int16_t id, std::string_view value);
  void FieldStructBegin(std::int16_t id);  // then the struct's fields, then StructEnd()
  void FieldListBegin(std::int16_t id, ThriftType element_type, std::size_t size);
  // List elements (structs in a list: StructBegin()/StructEnd()).
  void ElementI32(std::int32_t value);
  void ElementBinary(std::string_view value);

  void Varint(std::uint64_t value);
  void ZigzagVarint(std::int64_t value);

 private:
  void FieldHeader(std::int16_t id, ThriftType type);

  std::string* out_;
  std::int16_t last_field_id_ = 0;
  std::vector<std::int16_t> enclosing_ids_;
};

namespace parquet {

enum class Type : std::int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
};
enum class Repetition : std::int32_t { kRequired = 0, kOptional = 1 };
enum class ConvertedType : std::int32_t { kUtf8 = 0 };
enum class Encoding : std::int32_t { kPlain = 0, kRle = 3 };
enum class Codec : std::int32_t { kUncompressed = 0, kSnappy = 1 };
enum class PageType : std::int32_t { kDataPage = 0 };

struct Statistics {
  std::optional<std::int64_t> null_count;
  // PLAIN-encoded bounds under the type-defined order (fields 5 and 6, not the legacy 1/2).
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
};

struct DataPageHeader {
  std::int32_t num_values = 0;  // rows, nulls included
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  std::int32_t uncompressed_page_size = 0;
  std::int32_t compressed_page_size = 0;
  DataPageHeader data_page_header;
};

// The root is a group (num_children set, no type); leaves have type and repetition.
struct SchemaElement {
  std::optional<Type> type;
  std::optional<Repetition> repetition;
  std::string name;
  std::optional<std::int32_t> num_children;
  std::optional<ConvertedType> converted_type;
  bool logical_type_string = false;  // LogicalType union, STRING member
};

struct ColumnMetaData {
  Type type = Type::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::kUncompressed;
  std::int64_t num_values = 0;
  std::int64_t total_uncompressed_size = 0;  // page headers included
  std::int64_t total_compressed_size = 0;    // page headers included
  std::int64_t data_page_offset = 0;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  std::int64_t file_offset = 0;
  ColumnMetaData meta_data;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  std::int64_t total_byte_size = 0;  // uncompressed
  std::int64_t num_rows = 0;
  std::int64_t file_offset = 0;
  std::int64_t total_compressed_size = 0;
};

struct FileMetaData {
  std::int32_t version = 1;
  std::vector<SchemaElement> schema;
  std::int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::string created_by;
  // One TypeDefinedOrder per leaf column when set (needed for min_value/max_value).
  bool type_defined_column_orders = true;
};

void EncodePageHeader(const PageHeader& header, std::string* out);
void EncodeFileMetaData(const FileMetaData& metadata, std::string* out);

}  // namespace parquet
}  // namespace disd::dump
