#include "dump/thrift_compact.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace disd::dump {
namespace {

// Lowercase hex of `bytes`, two digits per byte, space separated.
std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Zigzag(std::int64_t value) {
  std::string out;
  ThriftCompactWriter(&out).ZigzagVarint(value);
  return Hex(out);
}

TEST(ThriftCompactTest, ZigzagVarints) {
  EXPECT_EQ(Zigzag(0), "00");
  EXPECT_EQ(Zigzag(-1), "01");
  EXPECT_EQ(Zigzag(1), "02");
  EXPECT_EQ(Zigzag(-64), "7f");
  EXPECT_EQ(Zigzag(64), "80 01");
  EXPECT_EQ(Zigzag(300), "d8 04");
  EXPECT_EQ(Zigzag(std::numeric_limits<std::int32_t>::min()), "ff ff ff ff 0f");
  EXPECT_EQ(Zigzag(std::numeric_limits<std::int64_t>::max()), "fe ff ff ff ff ff ff ff ff 01");
  EXPECT_EQ(Zigzag(std::numeric_limits<std::int64_t>::min()), "ff ff ff ff ff ff ff ff ff 01");
}

TEST(ThriftCompactTest, FieldHeadersUseDeltasUpToFifteen) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.StructBegin();
  w.FieldI32(1, 3);        // delta 1, i32: 0x15, zigzag(3) = 6
  w.FieldI64(16, -2);      // delta 15, i64: 0xf6, zigzag(-2) = 3
  w.FieldBool(40, true);   // delta 24: long form, type 1 then zigzag i16 id 40 = 0x50
  w.FieldBool(41, false);  // delta 1, false: 0x12
  w.FieldI32(2, 0);        // going back: long form, 0x05 then id 2 = 0x04
  w.StructEnd();
  EXPECT_EQ(Hex(out), "15 06 f6 03 01 50 12 05 04 00 00");
}

TEST(ThriftCompactTest, BinaryListsAndNestedStructs) {
  std::string out;
  ThriftCompactWriter w(&out);
  w.StructBegin();
  w.FieldBinary(4, "ab");                    // 0x48, length 2, bytes
  w.FieldListBegin(5, ThriftType::kI32, 2);  // 0x19, size 2 << 4 | 5
  w.ElementI32(0);
  w.ElementI32(3);
  w.FieldStructBegin(6);  // 0x1c; inner ids start again from 0
  w.FieldI32(1, 1);
  w.StructEnd();
  w.FieldI32(7, 1);                              // delta from 6, not from the inner 1
  w.FieldListBegin(8, ThriftType::kBinary, 15);  // 15 elements: 0xf8 then varint 15
  for (int i = 0; i < 15; ++i) w.ElementBinary("");
  w.StructEnd();
  EXPECT_EQ(Hex(out),
            "48 02 61 62 19 25 00 06 1c 15 02 00 15 02 19 f8 0f "
            "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
}

TEST(ThriftCompactTest, PageHeaderKnownBytes) {
  parquet::PageHeader header;
  header.uncompressed_page_size = 10;
  header.compressed_page_size = 7;
  header.data_page_header.num_values = 3;
  std::string out;
  parquet::EncodePageHeader(header, &out);
  // type 0, sizes 10 and 7, field 5 struct {num_values 3, PLAIN, RLE, RLE}, stops.
  EXPECT_EQ(Hex(out), "15 00 15 14 15 0e 2c 15 06 15 00 15 06 15 06 00 00");
}

TEST(ThriftCompactTest, FileMetaDataKnownBytes) {
  parquet::FileMetaData meta;
  meta.num_rows = 2;
  meta.created_by = "x";
  parquet::SchemaElement root;
  root.name = "s";
  root.num_children = 1;
  parquet::SchemaElement leaf;
  leaf.type = parquet::Type::kByteArray;
  leaf.repetition = parquet::Repetition::kOptional;
  leaf.name = "c";
  leaf.converted_type = parquet::ConvertedType::kUtf8;
  leaf.logical_type_string = true;
  meta.schema = {root, leaf};
  parquet::RowGroup group;
  group.num_rows = 2;
  group.total_byte_size = 30;
  group.file_offset = 4;
  group.total_compressed_size = 20;
  parquet::ColumnChunk chunk;
  chunk.file_offset = 4;
  chunk.meta_data.type = parquet::Type::kByteArray;
  chunk.meta_data.encodings = {parquet::Encoding::kPlain, parquet::Encoding::kRle};
  chunk.meta_data.path_in_schema = {"c"};
  chunk.meta_data.codec = parquet::Codec::kSnappy;
  chunk.meta_data.num_values = 2;
  chunk.meta_data.total_uncompressed_size = 30;
  chunk.meta_data.total_compressed_size = 20;
  chunk.meta_data.data_page_offset = 4;
  parquet::Statistics stats;
  stats.null_count = 1;
  chunk.meta_data.statistics = stats;
  group.columns = {chunk};
  meta.row_groups = {group};
  std::string out;
  parquet::EncodeFileMetaData(meta, &out);
  const std::string expected =
      "15 02 "                                      // 1: version 1
      "19 2c "                                      // 2: list of 2 structs
      "48 01 73 15 02 00 "                          //   root: name "s", num_children 1
      "15 0c 25 02 18 01 63 25 00 4c 1c 00 00 00 "  // leaf: BYTE_ARRAY, OPTIONAL, "c", UTF8,
                                                    //   logicalType {STRING {}}
      "16 04 "                                      // 3: num_rows 2
      "19 1c "                                      // 4: list of 1 row group
      "19 1c "                                      //   1: columns, 1 struct
      "26 08 "                                      //     2: file_offset 4
      "1c "                                         //     3: ColumnMetaData
      // BYTE_ARRAY, [PLAIN, RLE], ["c"], SNAPPY, 2 values, sizes 30/20, data_page_offset 4
      "15 0c 19 25 00 06 19 18 01 63 15 02 16 04 16 3c 16 28 26 08 "
      "3c 36 02 00 "                 //       12: statistics {3: null_count 1}
      "00 00 "                       //     end ColumnMetaData, ColumnChunk
      "16 3c 16 04 26 08 16 28 00 "  // total_byte_size 30, num_rows 2,
                                     //   5: file_offset 4, 6: compressed 20
      "28 01 78 "                    // 6: created_by "x"
      "19 1c 1c 00 00 "              // 7: column_orders [{TYPE_ORDER {}}]
      "00";
  EXPECT_EQ(Hex(out), expected);
}

}  // namespace
}  // namespace disd::dump
