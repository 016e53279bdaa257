// Request body decompression: each codec round-trips, lying length headers and corrupt
// data are 400, and bombs are 413 without the output ever growing past the limit.
#include "api/content_encoding.h"

#include <gtest/gtest.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zstd.h>

namespace disd::api {
namespace {

constexpr std::size_t kLimit = 1 << 20;

std::string Sample(std::size_t size) {
  std::string s;
  for (std::size_t i = 0; s.size() < size; ++i) s += "record " + std::to_string(i % 97) + ";";
  s.resize(size);
  return s;
}

std::string Lz4(std::string_view in) {
  std::string out(LZ4_compressBound(static_cast<int>(in.size())), '\0');
  out.resize(LZ4_compress_default(in.data(), out.data(), static_cast<int>(in.size()),
                                  static_cast<int>(out.size())));
  return out;
}

std::string Snappy(std::string_view in) {
  std::size_t size = snappy_max_compressed_length(in.size());
  std::string out(size, '\0');
  snappy_compress(in.data(), in.size(), out.data(), &size);
  out.resize(size);
  return out;
}

std::string Zstd(std::string_view in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
  return out;
}

// A zstd frame that does not record its content size (streaming compression).
std::string ZstdStreamed(std::string_view in) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
  std::string out(ZSTD_compressBound(in.size()) + 64, '\0');
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  ZSTD_outBuffer output{out.data(), out.size(), 0};
  while (ZSTD_compressStream2(cctx, &output, &input, ZSTD_e_end) != 0) {
  }
  ZSTD_freeCCtx(cctx);
  out.resize(output.pos);
  return out;
}

ErrorCode CodeOf(const Result<std::string>& r) {
  return r.ok() ? ErrorCode::kInternal : r.error().code;
}

TEST(ContentEncodingTest, ParsesTheCodings) {
  EXPECT_EQ(*ParseContentEncoding(""), BodyEncoding::kIdentity);
  EXPECT_EQ(*ParseContentEncoding("identity"), BodyEncoding::kIdentity);
  EXPECT_EQ(*ParseContentEncoding("LZ4"), BodyEncoding::kLz4);
  EXPECT_EQ(*ParseContentEncoding(" snappy "), BodyEncoding::kSnappy);
  EXPECT_EQ(*ParseContentEncoding("zstd"), BodyEncoding::kZstd);
  auto gzip = ParseContentEncoding("gzip");
  ASSERT_FALSE(gzip.ok());
  EXPECT_EQ(gzip.error().code, ErrorCode::kInvalidRequest);
}

TEST(ContentEncodingTest, Lz4RoundTripsWithItsLengthHeader) {
  const std::string body = Sample(100000);
  auto out = DecompressLz4(Lz4(body), std::to_string(body.size()), kLimit);
  ASSERT_TRUE(out.ok()) << out.error().detail;
  EXPECT_EQ(*out, body);
}

TEST(ContentEncodingTest, Lz4LengthHeaderMustBePresentAndTrue) {
  const std::string body = Sample(5000);
  const std::string packed = Lz4(body);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, "", kLimit)), ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, "abc", kLimit)), ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, "-1", kLimit)), ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, std::to_string(body.size() + 1), kLimit)),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, std::to_string(body.size() - 1), kLimit)),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4("\xff\xff\xff garbage", "100", kLimit)),
            ErrorCode::kInvalidRequest);
}

TEST(ContentEncodingTest, Lz4BombIs413) {
  const std::string zeros(16 << 20, '\0');
  const std::string packed = Lz4(zeros);
  ASSERT_LT(packed.size(), 100000u);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, std::to_string(zeros.size()), kLimit)),
            ErrorCode::kPayloadTooLarge);
  // A small header does not let it through either.
  EXPECT_EQ(CodeOf(DecompressLz4(packed, std::to_string(kLimit), kLimit)),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, "99999999999999999999", kLimit)),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressLz4(packed, "9223372036854775807", kLimit)),
            ErrorCode::kPayloadTooLarge);
}

TEST(ContentEncodingTest, SnappyRoundTripsAndRejectsCorruptData) {
  const std::string body = Sample(70000);
  auto out = DecompressSnappy(Snappy(body), kLimit);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, body);
  std::string corrupt = Snappy(body);
  corrupt.resize(corrupt.size() / 2);
  EXPECT_EQ(CodeOf(DecompressSnappy(corrupt, kLimit)), ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressSnappy("", kLimit)), ErrorCode::kInvalidRequest);
}

TEST(ContentEncodingTest, SnappyBombIs413) {
  const std::string zeros(16 << 20, '\0');
  EXPECT_EQ(CodeOf(DecompressSnappy(Snappy(zeros), kLimit)), ErrorCode::kPayloadTooLarge);
  // A preamble that claims 4 GiB.
  EXPECT_EQ(CodeOf(DecompressSnappy(std::string("\xff\xff\xff\xff\x0f", 5), kLimit)),
            ErrorCode::kPayloadTooLarge);
}

TEST(ContentEncodingTest, ZstdRoundTripsWithAndWithoutTheLengthHeader) {
  const std::string body = Sample(300000);
  for (const std::string& packed : {Zstd(body), ZstdStreamed(body)}) {
    auto plain = DecompressZstd(packed, "", kLimit);
    ASSERT_TRUE(plain.ok()) << plain.error().detail;
    EXPECT_EQ(*plain, body);
    auto declared = DecompressZstd(packed, std::to_string(body.size()), kLimit);
    ASSERT_TRUE(declared.ok());
    EXPECT_EQ(*declared, body);
    EXPECT_EQ(CodeOf(DecompressZstd(packed, std::to_string(body.size() - 1), kLimit)),
              ErrorCode::kInvalidRequest);
  }
}

TEST(ContentEncodingTest, ZstdBombsAre413WhateverTheFrameSays) {
  const std::string zeros(64 << 20, '\0');
  EXPECT_EQ(CodeOf(DecompressZstd(Zstd(zeros), "", kLimit)), ErrorCode::kPayloadTooLarge);
  // No content size in the frame: stopped while decompressing.
  const std::string streamed = ZstdStreamed(zeros);
  EXPECT_EQ(ZSTD_getFrameContentSize(streamed.data(), streamed.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  EXPECT_EQ(CodeOf(DecompressZstd(streamed, "", kLimit)), ErrorCode::kPayloadTooLarge);
  // A lying small header does not help.
  EXPECT_EQ(CodeOf(DecompressZstd(streamed, "100", kLimit)), ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(CodeOf(DecompressZstd(streamed, std::to_string(zeros.size()), kLimit)),
            ErrorCode::kPayloadTooLarge);
}

TEST(ContentEncodingTest, ZstdCorruptOrTruncatedIs400) {
  const std::string packed = Zstd(Sample(100000));
  EXPECT_EQ(CodeOf(DecompressZstd("not zstd at all", "", kLimit)), ErrorCode::kInvalidRequest);
  EXPECT_EQ(CodeOf(DecompressZstd(packed.substr(0, packed.size() - 10), "", kLimit)),
            ErrorCode::kInvalidRequest);
}

TEST(ContentEncodingTest, DecodeRequestBodyFollowsTheHeaders) {
  const std::string body = Sample(1000);
  HttpRequest r;
  r.body = body;
  auto none = DecodeRequestBody(r, kLimit);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  r.body = Lz4(body);
  r.headers = {{"Content-Encoding", "lz4"}, {"x-dis-lz4-content-length", "1000"}};
  auto lz4 = DecodeRequestBody(r, kLimit);
  ASSERT_TRUE(lz4.ok());
  EXPECT_EQ(**lz4, body);
  r.body = Zstd(body);
  r.headers = {{"content-encoding", "zstd"}, {"X-DIS-ZSTD-CONTENT-LENGTH", "1000"}};
  EXPECT_EQ(**DecodeRequestBody(r, kLimit), body);
  r.body = Snappy(body);
  r.headers = {{"Content-Encoding", "snappy"}};
  EXPECT_EQ(**DecodeRequestBody(r, kLimit), body);
  EXPECT_FALSE(DecodeRequestBody(r, 999).ok());
  r.headers = {{"Content-Encoding", "br"}};
  EXPECT_FALSE(DecodeRequestBody(r, kLimit).ok());
}

}  // namespace
}  // namespace disd::api
