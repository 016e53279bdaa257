#include "service/cursor_codec.h"

#include <nlohmann/json.hpp>

#include "disd/common/base64.h"
#include "disd/common/numbers.h"
#include "disd/common/partition_id.h"

namespace disd::service {

using nlohmann::json;

std::string EncodeCursor(const CursorPosition& position) {
  json doc = {
      {"getIteratorParam",
       {{"stream-name", position.stream_name},
        {"partition-id", FormatPartitionId(position.partition)},
        {"cursor-type", "AT_SEQUENCE_NUMBER"},
        {"starting-sequence-number", std::to_string(position.sequence_number)}}},
      {"generateTimestamp", position.generated_ms},
      {"streamInstance", std::to_string(position.stream_instance)},
  };
  return Base64Encode(doc.dump(), Base64Alphabet::kUrlSafe);
}

Result<CursorPosition> DecodeCursor(std::string_view token) {
  auto bad = [](std::string why) { return MakeError(ErrorCode::kInvalidCursor, "[" + why + "]"); };
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
    token = token.substr(1, token.size() - 2);
  }
  if (token.empty()) return bad("empty partition-cursor");
  if (token.size() > kMaxCursorLength) return bad("partition-cursor longer than 512 characters");
  auto text = Base64Decode(token, Base64Alphabet::kUrlSafe);
  if (!text) return bad("partition-cursor is not a disd cursor");
  json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("partition-cursor is not a disd cursor");
  auto param = doc.find("getIteratorParam");
  auto generated = doc.find("generateTimestamp");
  auto instance = doc.find("streamInstance");
  if (param == doc.end() || !param->is_object() || generated == doc.end() ||
      !generated->is_number_integer() || instance == doc.end() || !instance->is_string()) {
    return bad("partition-cursor is not a disd cursor");
  }
  auto field = [&](const char* key) -> std::string {
    auto it = param->find(key);
    return it != param->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  CursorPosition p;
  p.stream_name = field("stream-name");
  auto partition = ParsePartitionId(field("partition-id"));
  auto sequence = ParseInt64(field("starting-sequence-number"));
  auto inst = ParseUint64(instance->get<std::string>());
  if (p.stream_name.empty() || !partition || !sequence || *sequence < 0 || !inst) {
    return bad("partition-cursor is not a disd cursor");
  }
  p.partition = *partition;
  p.sequence_number = *sequence;
  p.generated_ms = generated->get<std::int64_t>();
  p.stream_instance = *inst;
  return p;
}

}  // namespace disd::service
