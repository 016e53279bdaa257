#include "loadgen/json_page.h"

#include "disd/common/base64.h"

namespace disd::bench {

namespace od = simdjson::ondemand;

od::document IterateJson(const std::string& body) {
  thread_local od::parser parser;
  return parser.iterate(body.data(), body.size(), body.capacity());
}

bool ParseJsonPage(const std::string& body, Detail detail, const PageKeys& keys, Page& page) {
  page = Page{};
  try {
    od::document doc = IterateJson(body);
    for (auto field : doc.get_object()) {
      std::string_view key = field.unescaped_key();
      if (key == keys.next) {
        page.next = std::string_view(field.value().get_string());
      } else if (key == keys.records) {
        for (auto r : field.value().get_array()) {
          PageRecord record;
          for (auto f : r.get_object()) {
            std::string_view k = f.unescaped_key();
            if (k == keys.data) {
              std::string_view data = f.value().get_string();
              page.bytes += DecodedLength(data);
              if (detail == Detail::kHeader) record.header = ParseHeaderBase64(data);
              if (detail == Detail::kFull) record.data = Base64Decode(data).value_or("");
            } else if (k == keys.sequence && detail == Detail::kFull) {
              record.sequence = std::string_view(f.value().get_string());
            }
          }
          ++page.count;
          if (detail != Detail::kCount) page.records.push_back(std::move(record));
        }
      }
    }
    return true;
  } catch (const simdjson::simdjson_error&) {
    return false;
  }
}

}  // namespace disd::bench
