#include "service/avro_schema.h"

#include <gtest/gtest.h>

namespace disd::service {
namespace {

TEST(AvroSchemaTest, AcceptsValidSchemas) {
  for (const char* ok : {
           R"("string")",
           R"({"type":"long"})",
           R"(["null","string"])",
           R"({"type":"record","name":"r","fields":[{"name":"a","type":"int"},{"name":"b","type":["null","string"],"default":null}]})",
           R"({"type":"record","name":"n.r","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},{"name":"again","type":"E"}]})",
           R"({"type":"array","items":{"type":"map","values":"double"}})",
           R"({"type":"fixed","name":"md5","size":16})",
       }) {
    EXPECT_TRUE(ValidateAvroSchema(ok).ok()) << ok;
  }
}

TEST(AvroSchemaTest, RejectsInvalidSchemas) {
  for (const char* bad : {
           "", "{", "42", R"("nosuchtype")", R"({"type":"record","fields":[]})",
           R"({"type":"record","name":"r"})",
           R"({"type":"record","name":"r","fields":[{"name":"a"}]})",
           R"({"type":"record","name":"r","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]})",
           R"({"type":"enum","name":"E","symbols":["A","A"]})",
           R"(["string","string"])", R"([["int"]])", R"({"type":"array"})",
           R"({"type":"fixed","name":"f"})", R"({"type":"record","name":"1bad","fields":[]})",
       }) {
    Status s = ValidateAvroSchema(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), ErrorCode::kInvalidDataSchema);
  }
}

}  // namespace
}  // namespace disd::service
