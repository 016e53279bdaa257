#include "unit/dump/parquet_test_util.h"

#include <cstring>

#include "unit/dump/duckdb_reader.h"

namespace disd::dump::testing {
namespace {

using Type = ParquetColumn::Type;

std::string HexOf(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string PhysicalType(Type type) {
  switch (type) {
    case Type::kBoolean:
      return "BOOLEAN";
    case Type::kInt32:
      return "INT32";
    case Type::kInt64:
      return "INT64";
    case Type::kFloat:
      return "FLOAT";
    case Type::kDouble:
      return "DOUBLE";
    default:
      return "BYTE_ARRAY";
  }
}

std::int64_t AsInt(const nlohmann::json& text) { return std::stoll(text.get<std::string>()); }

}  // namespace

nlohmann::json ExpectedCell(const ParquetColumn& column, const nlohmann::ordered_json& value) {
  if (value.is_null()) return nullptr;
  switch (column.type) {
    case Type::kBoolean:
      return value.get<bool>();
    case Type::kInt32:
      return value.get<std::int64_t>();
    case Type::kInt64:
      return value.is_number_unsigned() ? std::to_string(value.get<std::uint64_t>())
                                        : std::to_string(value.get<std::int64_t>());
    case Type::kFloat:
      return static_cast<double>(static_cast<float>(value.get<double>()));
    case Type::kDouble:
      return value.get<double>();
    case Type::kString:
      return value.get<std::string>();
    case Type::kBytes:
      return HexOf(value.get<std::string>());
    case Type::kJson:
      return value.dump();
  }
  return nullptr;
}

std::string DuckDbType(Type type) {
  switch (type) {
    case Type::kBoolean:
      return "BOOLEAN";
    case Type::kInt32:
      return "INTEGER";
    case Type::kInt64:
      return "BIGINT";
    case Type::kFloat:
      return "FLOAT";
    case Type::kDouble:
      return "DOUBLE";
    case Type::kBytes:
      return "BLOB";
    default:
      return "VARCHAR";
  }
}

std::vector<std::vector<nlohmann::json>> ExpectedRows(const std::vector<ParquetColumn>& columns,
                                                      const std::vector<std::string>& records) {
  std::vector<std::vector<nlohmann::json>> rows;
  for (const std::string& text : records) {
    const auto record = nlohmann::ordered_json::parse(text);
    std::vector<nlohmann::json> row;
    for (const ParquetColumn& column : columns) {
      row.push_back(record.contains(column.name) ? ExpectedCell(column, record[column.name])
                                                 : nlohmann::json());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

ParquetFile WriteAndVerify(const std::vector<ParquetColumn>& columns,
                           const std::vector<std::string>& records,
                           const std::vector<std::vector<nlohmann::json>>& expected_rows,
                           ParquetCompression compression) {
  std::vector<std::string_view> views(records.begin(), records.end());
  auto written = WriteParquet(columns, views, compression);
  EXPECT_TRUE(written.ok()) << written.error().detail;
  if (!written.ok()) return {};
  const ParquetFile& file = *written;
  EXPECT_EQ(file.rows, expected_rows.size());
  const auto read = ReadWithDuckDb(file.bytes);
  if (!read) return file;
  const nlohmann::json& got = *read;
  const auto rows = static_cast<std::int64_t>(expected_rows.size());

  EXPECT_EQ(AsInt(got["file"]["num_rows"]), rows);
  EXPECT_EQ(AsInt(got["file"]["num_row_groups"]), rows > 0 ? 1 : 0);
  EXPECT_EQ(got["file"]["created_by"].get<std::string>().rfind("disd version ", 0), 0u);

  const nlohmann::json& schema = got["schema"];
  EXPECT_EQ(schema.size(), columns.size() + 1);
  EXPECT_EQ(got["types"].size(), columns.size());
  for (std::size_t c = 0; c < columns.size() && c + 1 < schema.size(); ++c) {
    const nlohmann::json& element = schema[c + 1];
    EXPECT_EQ(element["name"], columns[c].name);
    EXPECT_EQ(element["type"], PhysicalType(columns[c].type)) << columns[c].name;
    EXPECT_EQ(element["repetition_type"], columns[c].optional ? "OPTIONAL" : "REQUIRED");
    const bool utf8 = columns[c].type == Type::kString || columns[c].type == Type::kJson;
    EXPECT_EQ(element["converted_type"], utf8 ? nlohmann::json("UTF8") : nlohmann::json());
    EXPECT_EQ(got["types"][c], DuckDbType(columns[c].type)) << columns[c].name;
  }

  // One chunk per column, back to back from offset 4 up to the footer; exact counts.
  const nlohmann::json& chunks = got["chunks"];
  EXPECT_EQ(chunks.size(), rows > 0 ? columns.size() : 0u);
  std::int64_t offset = 4;
  for (std::size_t c = 0; c < chunks.size() && c < columns.size(); ++c) {
    const nlohmann::json& chunk = chunks[c];
    EXPECT_EQ(chunk["path_in_schema"], columns[c].name);
    EXPECT_EQ(AsInt(chunk["num_values"]), rows);
    EXPECT_EQ(chunk["compression"],
              compression == ParquetCompression::kSnappy ? "SNAPPY" : "UNCOMPRESSED");
    EXPECT_EQ(AsInt(chunk["data_page_offset"]), offset) << columns[c].name;
    offset += AsInt(chunk["total_compressed_size"]);
    if (compression == ParquetCompression::kUncompressed) {
      EXPECT_EQ(chunk["total_compressed_size"], chunk["total_uncompressed_size"]);
    }
    std::int64_t nulls = 0;
    for (const auto& row : expected_rows) nulls += row[c].is_null();
    EXPECT_EQ(AsInt(chunk["stats_null_count"]), nulls) << columns[c].name;
  }
  std::uint32_t footer_length = 0;
  std::memcpy(&footer_length, file.bytes.data() + file.bytes.size() - 8, 4);
  EXPECT_EQ(offset + footer_length + 8, static_cast<std::int64_t>(file.bytes.size()));

  const nlohmann::json& got_rows = got["rows"];
  EXPECT_EQ(got_rows.size(), expected_rows.size());
  for (std::size_t r = 0; r < got_rows.size() && r < expected_rows.size(); ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (got_rows[r][c] != expected_rows[r][c]) {
        ADD_FAILURE() << "row " << r << " column " << columns[c].name << ": DuckDB read "
                      << got_rows[r][c].dump() << ", expected " << expected_rows[r][c].dump();
        return file;  // one mismatch is enough to diagnose
      }
    }
  }
  return file;
}

}  // namespace disd::dump::testing
