#include <gtest/gtest.h>

#include <string>

#include "dump/parquet_writer.h"

namespace disd::dump {
namespace {

using Type = ParquetColumn::Type;
using Shape = ParquetColumn::JsonShape;

std::string Record(const std::string& fields) {
  return R"({"type":"record","name":"R","fields":[)" + fields + "]}";
}

TEST(AvroColumnsTest, SeedExampleMapsToRequiredStrings) {
  auto columns = ColumnsFromAvroSchema(
      R"({"type":"record", "name":"RecordName", "fields":[{"name":"key1", "type":"string"},)"
      R"( {"name":"key2", "type":"string"}]})");
  ASSERT_TRUE(columns.ok()) << columns.error().detail;
  ASSERT_EQ(columns->size(), 2u);
  EXPECT_EQ((*columns)[0].name, "key1");
  EXPECT_EQ((*columns)[0].type, Type::kString);
  EXPECT_FALSE((*columns)[0].optional);
  EXPECT_EQ((*columns)[1].name, "key2");
}

TEST(AvroColumnsTest, PrimitivesUnionsAndAttributes) {
  auto columns = ColumnsFromAvroSchema(Record(
      R"({"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},)"
      R"({"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"s","type":"string"},)"
      R"({"name":"y","type":"bytes"},{"name":"o","type":["null","long"]},)"
      R"({"name":"o2","type":["string","null"],"default":"x"},)"
      R"({"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},)"
      R"({"name":"u","type":["int","string"]})"));
  ASSERT_TRUE(columns.ok()) << columns.error().detail;
  const std::vector<std::pair<Type, bool>> expected = {
      {Type::kBoolean, false}, {Type::kInt32, false},  {Type::kInt64, false}, {Type::kFloat, false},
      {Type::kDouble, false},  {Type::kString, false}, {Type::kBytes, false}, {Type::kInt64, true},
      {Type::kString, true},   {Type::kInt64, false},  {Type::kJson, false}};
  ASSERT_EQ(columns->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*columns)[i].type, expected[i].first) << (*columns)[i].name;
    EXPECT_EQ((*columns)[i].optional, expected[i].second) << (*columns)[i].name;
  }
  EXPECT_EQ((*columns)[8].default_json, "\"x\"");
  EXPECT_EQ((*columns)[10].json_shape, Shape::kAny);
}

TEST(AvroColumnsTest, NestedAndNamedTypes) {
  auto columns = ColumnsFromAvroSchema(
      Record(R"({"name":"r","type":{"type":"record","name":"Inner","namespace":"a.b",)"
             R"("fields":[{"name":"x","type":"int"}]}},)"
             R"({"name":"again","type":["null","a.b.Inner"]},)"
             R"({"name":"short_ref","type":"Inner"},)"
             R"({"name":"a","type":{"type":"array","items":"string"}},)"
             R"({"name":"m","type":{"type":"map","values":"long"}},)"
             R"({"name":"e","type":{"type":"enum","name":"Color","symbols":["RED"]}},)"
             R"({"name":"e2","type":"Color"},)"
             R"({"name":"fx","type":{"type":"fixed","name":"Md5","size":16}},)"
             R"({"name":"self","type":["null","R"]})"));
  ASSERT_TRUE(columns.ok()) << columns.error().detail;
  const auto& c = *columns;
  EXPECT_EQ(c[0].type, Type::kJson);
  EXPECT_EQ(c[0].json_shape, Shape::kObject);
  EXPECT_EQ(c[1].type, Type::kJson);
  EXPECT_TRUE(c[1].optional);
  EXPECT_EQ(c[2].json_shape, Shape::kObject);
  EXPECT_EQ(c[3].json_shape, Shape::kArray);
  EXPECT_EQ(c[4].json_shape, Shape::kObject);
  EXPECT_EQ(c[5].type, Type::kString);
  EXPECT_EQ(c[6].type, Type::kString);
  EXPECT_EQ(c[7].type, Type::kBytes);
  EXPECT_EQ(c[8].type, Type::kJson);
  EXPECT_TRUE(c[8].optional);
}

TEST(AvroColumnsTest, InvalidSchemasFailWithInvalidDataSchema) {
  const std::vector<std::string> bad = {
      "",
      "not json",
      R"("string")",
      R"({"type":"record","name":"R"})",
      R"({"type":"record","name":"R","fields":[]})",
      R"({"type":"enum","name":"E","symbols":["A"]})",
      R"({"type":"record","fields":[{"name":"a","type":"int"}]})",  // record without a name
      Record(R"({"name":"a","type":"null"})"),
      Record(R"({"name":"a","type":["null"]})"),
      Record(R"({"name":"a","type":"integer"})"),
      Record(R"({"name":"a","type":"Unknown"})"),
      Record(R"({"name":"a"})"),
      Record(R"({"type":"int"})"),
      Record(R"({"name":"1a","type":"int"})"),
      Record(R"({"name":"a-b","type":"int"})"),
      Record(R"({"name":"a","type":"int"},{"name":"a","type":"long"})"),
      Record(R"({"name":"a","type":["null",["int"]]})"),
      Record(R"({"name":"a","type":{"type":"array"}})"),
      Record(R"({"name":"a","type":{"type":"enum","name":"E"}})"),
      Record(R"({"name":"a","type":"int","default":"x"})"),
      Record(R"({"name":"a","type":"int","default":null})"),
      Record(R"({"name":"a","type":"int","default":4294967296})"),
  };
  for (const std::string& schema : bad) {
    auto columns = ColumnsFromAvroSchema(schema);
    ASSERT_FALSE(columns.ok()) << schema;
    EXPECT_EQ(columns.error().code, ErrorCode::kInvalidDataSchema) << schema;
    EXPECT_FALSE(columns.error().detail.empty()) << schema;
  }
}

TEST(AvroColumnsTest, DeepNestingIsRefusedNotOverflowed) {
  std::string type = R"("int")";
  for (int i = 0; i < 200; ++i) type = R"({"type":"array","items":)" + type + "}";
  auto columns = ColumnsFromAvroSchema(Record(R"({"name":"a","type":)" + type + "}"));
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.error().code, ErrorCode::kInvalidDataSchema);
}

}  // namespace
}  // namespace disd::dump
