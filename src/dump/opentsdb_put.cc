#include "dump/opentsdb_put.h"

#include <algorithm>
#include <optional>

namespace disd::dump {
namespace {

using Json = nlohmann::json;

Error Failed(int status, std::string_view body, std::string_view why) {
  std::string detail = "OpenTSDB answered " + std::to_string(status);
  if (!why.empty()) detail += " (" + std::string(why) + ")";
  if (!body.empty()) detail += ": " + std::string(body.substr(0, 300));
  return MakeError(ErrorCode::kInternal, detail);
}

std::optional<std::int64_t> Integer(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const std::string& s = v.get_ref<const std::string&>();
      const long long n = std::stoll(s, &used);
      if (used == s.size()) return n;
    } catch (...) {  // not a number: no timestamp
    }
  }
  return std::nullopt;
}

bool SameTags(const Json& tags, const std::map<std::string, std::string>& expected) {
  if (!tags.is_object() || tags.size() != expected.size()) return false;
  for (const auto& [k, v] : expected) {
    auto it = tags.find(k);
    if (it == tags.end() || !it->is_string() || it->get_ref<const std::string&>() != v) {
      return false;
    }
  }
  return true;
}

// Whether the point OpenTSDB echoes in an error is `point`. OpenTSDB echoes the timestamp
// it was sent (milliseconds here); seconds are accepted too.
bool Matches(const Json& dp, const TsdbPoint& point) {
  if (!dp.is_object()) return false;
  auto metric = dp.find("metric");
  auto ts = dp.find("timestamp");
  if (metric == dp.end() || *metric != point.metric || ts == dp.end()) return false;
  const auto t = Integer(*ts);
  if (!t || (*t != point.timestamp_ms && *t * 1000 != point.timestamp_ms)) return false;
  auto tags = dp.find("tags");
  return tags != dp.end() && SameTags(*tags, point.tags);
}

// OpenTSDB's per-point errors that mean "the storage failed", not "this point is bad".
bool IsTransient(std::string_view error) {
  static constexpr std::string_view kMarks[] = {
      "Storage exception", "Please throttle", "timeout", "Timeout", "timed out", "Timed out"};
  return std::any_of(std::begin(kMarks), std::end(kMarks),
                     [&](std::string_view m) { return error.find(m) != std::string_view::npos; });
}

}  // namespace

std::vector<TsdbChunk> ChunkPoints(const std::vector<TsdbPoint>& points, std::size_t max_points,
                                   std::size_t max_bytes) {
  std::vector<TsdbChunk> chunks;
  TsdbChunk current;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string text = PointJson(points[i]).dump();
    const bool full = current.count >= max_points ||
                      (current.count > 0 && current.body.size() + 1 + text.size() + 1 > max_bytes);
    if (full) {
      current.body += ']';
      chunks.push_back(std::move(current));
      current = TsdbChunk{};
    }
    if (current.count == 0) {
      current.first = i;
      current.body = "[";
    } else {
      current.body += ',';
    }
    current.body += text;
    ++current.count;
  }
  if (current.count > 0) {
    current.body += ']';
    chunks.push_back(std::move(current));
  }
  return chunks;
}

Result<std::vector<TsdbRefusal>> ReadPutAnswer(int status, std::string_view body,
                                               const TsdbPoint* points, std::size_t count) {
  if (status == 204) return std::vector<TsdbRefusal>{};
  if (status != 200 && status != 400) return Failed(status, body, "");
  if (status == 200 && body.find_first_not_of(" \r\n\t") == std::string_view::npos) {
    return std::vector<TsdbRefusal>{};
  }
  const Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto failed = doc.is_object() ? doc.find("failed") : doc.end();
  if (!doc.is_object() || failed == doc.end() || !failed->is_number_integer()) {
    return Failed(status, body, "not a details answer");
  }
  auto timeouts = doc.find("timeouts");
  if (timeouts != doc.end() && timeouts->is_number() && timeouts->get<double>() > 0) {
    return Failed(status, body, "storage timeouts");
  }
  const std::int64_t failed_count = failed->get<std::int64_t>();
  if (failed_count == 0) {
    if (status == 200) return std::vector<TsdbRefusal>{};
    return Failed(status, body, "refused without naming a point");
  }
  auto errors = doc.find("errors");
  if (errors == doc.end() || !errors->is_array() ||
      static_cast<std::int64_t>(errors->size()) != failed_count) {
    return Failed(status, body, "the errors do not list every failed point");
  }
  std::vector<bool> taken(count, false);
  std::vector<TsdbRefusal> refusals;
  for (const Json& e : *errors) {
    const std::string reason = e.is_object() && e.contains("error") && e["error"].is_string()
                                   ? e["error"].get<std::string>()
                                   : std::string();
    if (IsTransient(reason)) return Failed(status, body, "storage failure");
    const Json dp = e.is_object() ? e.value("datapoint", Json()) : Json();
    std::size_t found = count;
    for (std::size_t i = 0; i < count && found == count; ++i) {
      if (!taken[i] && Matches(dp, points[i])) found = i;
    }
    if (found == count) return Failed(status, body, "an error names a point not sent");
    taken[found] = true;
    refusals.push_back({found, reason});
  }
  std::sort(refusals.begin(), refusals.end(),
            [](const TsdbRefusal& a, const TsdbRefusal& b) { return a.point < b.point; });
  return refusals;
}

}  // namespace disd::dump
