#include "dump/object_layout.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace disd::dump {
namespace {

// Reads exactly `width` digits at `pos`.
bool Digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

std::optional<std::int64_t> ToUnixMs(int year, int month, int day, int hour, int minute,
                                     int second) {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year),
                            std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const auto days = sys_days(date).time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + hour) * 60 + minute) * 60000ll + second * 1000ll;
}

}  // namespace

Result<std::string> TimeDirs(std::string_view partition_format, std::int64_t unix_ms) {
  static constexpr std::string_view kFormats[] = {
      "", "yyyy", "yyyy/MM", "yyyy/MM/dd", "yyyy/MM/dd/HH", "yyyy/MM/dd/HH/mm"};
  int parts = -1;
  for (int i = 0; i < 6; ++i) {
    if (partition_format == kFormats[i]) parts = i;
  }
  if (parts < 0) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "unknown partition_format " + std::string(partition_format));
  }
  if (parts == 0) return std::string();
  std::int64_t seconds = unix_ms / 1000;
  if (unix_ms % 1000 < 0) --seconds;  // floor for times before the epoch
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const int values[] = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
  std::string out;
  for (int i = 0; i < parts; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), i == 0 ? "%04d" : "/%02d", values[i]);
    out += buf;
  }
  return out;
}

std::optional<std::int64_t> ParseTimestampText(std::string_view format, std::string_view text) {
  // Positions of year, month, day in the date part; the time part " HH:mm:ss" follows.
  struct Layout {
    std::string_view format;
    std::size_t year, month, day;
    char separator;
  };
  static constexpr Layout kLayouts[] = {
      {"yyyy/MM/dd HH:mm:ss", 0, 5, 8, '/'}, {"MM/dd/yyyy HH:mm:ss", 6, 0, 3, '/'},
      {"dd/MM/yyyy HH:mm:ss", 6, 3, 0, '/'}, {"yyyy-MM-dd HH:mm:ss", 0, 5, 8, '-'},
      {"MM-dd-yyyy HH:mm:ss", 6, 0, 3, '-'}, {"dd-MM-yyyy HH:mm:ss", 6, 3, 0, '-'},
  };
  for (const Layout& layout : kLayouts) {
    if (layout.format != format) continue;
    if (text.size() != 19) return std::nullopt;
    const bool year_first = layout.year == 0;
    const std::size_t sep1 = year_first ? 4 : 2;
    const std::size_t sep2 = year_first ? 7 : 5;
    if (text[sep1] != layout.separator || text[sep2] != layout.separator || text[10] != ' ' ||
        text[13] != ':' || text[16] != ':') {
      return std::nullopt;
    }
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!Digits(text, layout.year, 4, year) || !Digits(text, layout.month, 2, month) ||
        !Digits(text, layout.day, 2, day) || !Digits(text, 11, 2, hour) ||
        !Digits(text, 14, 2, minute) || !Digits(text, 17, 2, second)) {
      return std::nullopt;
    }
    return ToUnixMs(year, month, day, hour, minute, second);
  }
  return std::nullopt;
}

std::optional<std::int64_t> RecordTimeMs(const ProcessingSchema& schema, std::string_view record) {
  const nlohmann::json doc = nlohmann::json::parse(record, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return std::nullopt;
  const auto it = doc.find(schema.timestamp_name);
  if (it == doc.end()) return std::nullopt;
  if (schema.timestamp_type == "Timestamp") {
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_number_float()) return static_cast<std::int64_t>(it->get<double>());
    if (it->is_string()) {
      const std::string& text = it->get_ref<const std::string&>();
      std::int64_t value = 0;
      auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (err == std::errc() && end == text.data() + text.size()) return value;
    }
    return std::nullopt;
  }
  if (schema.timestamp_type == "String" && it->is_string()) {
    return ParseTimestampText(schema.timestamp_format, it->get_ref<const std::string&>());
  }
  return std::nullopt;
}

std::string ObjectFileName(const BatchName& name, std::string_view extension) {
  std::string out(name.stream);
  out += "_" + std::to_string(name.partition) + "_" + std::to_string(name.first_sequence) + "_" +
         std::to_string(name.last_sequence);
  if (!extension.empty()) out += "." + std::string(extension);
  return out;
}

std::string JoinKey(std::string_view a, std::string_view b, std::string_view c) {
  std::string out;
  for (std::string_view part : {a, b, c}) {
    while (part.starts_with('/')) part.remove_prefix(1);
    while (part.ends_with('/')) part.remove_suffix(1);
    if (part.empty()) continue;
    if (!out.empty()) out.push_back('/');
    out += part;
  }
  return out;
}

std::string DataObjectKey(std::string_view file_prefix, std::string_view time_dirs,
                          const BatchName& name, std::string_view extension) {
  return JoinKey(file_prefix, time_dirs, ObjectFileName(name, extension));
}

std::string ErrorObjectKey(std::string_view file_prefix, std::string_view kind,
                           const BatchName& name) {
  return JoinKey(file_prefix, std::string(kind) + "_error", ObjectFileName(name, "txt"));
}

}  // namespace disd::dump
