// SigV4 against AWS's published vectors: the four S3 examples of the SigV4 header
// documentation (GET object with Range, PUT object "test$file.text", GET ?lifecycle,
// list objects ?max-keys=2&prefix=J) and the get-vanilla pair of the generic test suite.
#include "dump/sigv4.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

constexpr char kEmptyHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SigV4Credentials S3Example() {
  return {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3"};
}

SigV4Request S3Get(std::string path, SigV4Params query) {
  SigV4Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  r.payload_hash = kEmptyHash;
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-date", "20130524T000000Z"},
               {"x-amz-content-sha256", kEmptyHash}};
  return r;
}

TEST(SigV4Test, S3GetObjectExample) {
  SigV4Request r = S3Get("/test.txt", {});
  r.headers.emplace_back("Range", "bytes=0-9");
  const SigV4Signature s = SignV4(r, S3Example(), "20130524T000000Z");
  EXPECT_EQ(s.canonical_request,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:" +
                std::string(kEmptyHash) +
                "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" +
                kEmptyHash);
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(s.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4Test, S3PutObjectExampleEncodesTheDollarOnce) {
  const std::string hash = Sha256Hex("Welcome to Amazon S3.");
  EXPECT_EQ(hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  SigV4Request r;
  r.method = "PUT";
  r.path = "/test$file.text";
  r.payload_hash = hash;
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
               {"x-amz-date", "20130524T000000Z"},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"x-amz-content-sha256", hash}};
  const SigV4Signature s = SignV4(r, S3Example(), "20130524T000000Z");
  EXPECT_NE(s.canonical_request.find("PUT\n/test%24file.text\n\n"), std::string::npos);
  EXPECT_EQ(s.signed_headers, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  EXPECT_EQ(s.string_to_sign.substr(s.string_to_sign.rfind('\n') + 1),
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(s.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Test, S3ValueLessSubresourceSignsAsNameEquals) {
  const SigV4Signature s = SignV4(S3Get("", {{"lifecycle", ""}}), S3Example(), "20130524T000000Z");
  EXPECT_NE(s.canonical_request.find("GET\n/\nlifecycle=\n"), std::string::npos);
  EXPECT_EQ(s.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4Test, S3ListObjectsExampleSortsTheQuery) {
  const SigV4Signature s =
      SignV4(S3Get("/", {{"prefix", "J"}, {"max-keys", "2"}}), S3Example(), "20130524T000000Z");
  EXPECT_NE(s.canonical_request.find("GET\n/\nmax-keys=2&prefix=J\n"), std::string::npos);
  EXPECT_EQ(s.string_to_sign.substr(s.string_to_sign.rfind('\n') + 1),
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(s.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, GenericSuiteGetVanillaAndQueryOrder) {
  const SigV4Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     "us-east-1", "service"};
  SigV4Request r;
  r.method = "GET";
  r.path = "/";
  r.payload_hash = kEmptyHash;
  r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  SigV4Signature s = SignV4(r, credentials, "20150830T123600Z");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  r.query = {{"Param2", "value2"}, {"Param1", "value1"}};
  s = SignV4(r, credentials, "20150830T123600Z");
  EXPECT_EQ(s.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Test, EncodingRules) {
  // Path: once, '/' kept, UTF-8 per byte, '+' and '=' encoded, '~' kept.
  EXPECT_EQ(SigV4Encode("/dump/s1/a b+c=d&\xC3\xA9~.txt", true),
            "/dump/s1/a%20b%2Bc%3Dd%26%C3%A9~.txt");
  // Query: '/' encoded too.
  EXPECT_EQ(SigV4Encode("a/b c", false), "a%2Fb%20c");
  EXPECT_EQ(CanonicalQueryString({{"prefix", "x/y"}, {"list-type", "2"}}),
            "list-type=2&prefix=x%2Fy");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndSpacesCollapsed) {
  SigV4Request r = S3Get("/k", {});
  r.headers.emplace_back("X-Amz-Meta-Note", "  a   b  ");
  const SigV4Signature s = SignV4(r, S3Example(), "20130524T000000Z");
  EXPECT_NE(s.canonical_request.find("\nx-amz-meta-note:a b\n"), std::string::npos);
}

TEST(SigV4Test, AmzDateIsUtc) {
  EXPECT_EQ(AmzDate(0), "19700101T000000Z");
  EXPECT_EQ(AmzDate(1369353600000), "20130524T000000Z");
  EXPECT_EQ(AmzDate(1440938160999), "20150830T123600Z");
}

}  // namespace
}  // namespace disd::dump
