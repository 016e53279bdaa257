// The little XML the S3 client reads: the values of simple elements in ListObjectsV2
// answers (<Key>, <IsTruncated>, <NextContinuationToken>) and error bodies (<Code>,
// <Message>). Not a general XML parser: it finds <Tag>text</Tag> pairs (no attributes on
// the tag, no nested elements inside) and decodes the five predefined entities and
// numeric character references.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace disd::dump {

// Every value of <tag>...</tag> in document order, entity-decoded.
std::vector<std::string> XmlValues(std::string_view xml, std::string_view tag);
// The first value, nullopt when absent.
std::optional<std::string> XmlValue(std::string_view xml, std::string_view tag);
// Decodes &amp; &lt; &gt; &quot; &apos; &#N; &#xN; (UTF-8 output); unknown entities stay.
std::string XmlUnescape(std::string_view text);

}  // namespace disd::dump
