// The XML the S3 client reads: ListObjectsV2 pages and error bodies.
#include "dump/s3_xml.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

TEST(S3XmlTest, ListObjectsPage) {
  const std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
      R"(<Name>b</Name><Prefix>d/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>)"
      R"(<IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>)"
      R"(<Contents><Key>d/a b+c=d&amp;&#233;~.txt</Key><Size>3</Size></Contents>)"
      R"(<Contents><Key>d/&lt;x&gt;&quot;&apos;&#x4E2D;</Key><Size>1</Size></Contents></ListBucketResult>)";
  EXPECT_EQ(XmlValues(xml, "Key"),
            (std::vector<std::string>{"d/a b+c=d&\xC3\xA9~.txt", "d/<x>\"'\xE4\xB8\xAD"}));
  EXPECT_EQ(XmlValue(xml, "IsTruncated"), "true");
  EXPECT_EQ(XmlValue(xml, "NextContinuationToken"),
            "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  EXPECT_EQ(XmlValue(xml, "Missing"), std::nullopt);
}

TEST(S3XmlTest, ErrorBody) {
  const std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>)"
      R"(<Message></Message><RequestId>tx0</RequestId></Error>)";
  EXPECT_EQ(XmlValue(xml, "Code"), "SignatureDoesNotMatch");
  EXPECT_EQ(XmlValue(xml, "Message"), "");
}

TEST(S3XmlTest, UnknownOrBrokenEntitiesStayAsText) {
  EXPECT_EQ(XmlUnescape("a &nbsp; b & c &#xZZ; &#;"), "a &nbsp; b & c &#xZZ; &#;");
}

}  // namespace
}  // namespace disd::dump
