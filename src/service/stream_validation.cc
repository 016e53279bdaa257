#include "service/stream_validation.h"

#include <set>
#include <string>

namespace disd::service {
namespace {

Status Invalid(std::string detail) { return MakeError(ErrorCode::kInvalidRequest, std::move(detail)); }

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Counts the characters of `text` if every one is allowed: ASCII per `allow_ascii`, or a
// UTF-8 encoded code point in U+4E00..U+9FFF. nullopt on any other byte sequence.
template <typename AllowAscii>
std::optional<std::size_t> CountTagChars(std::string_view text, AllowAscii allow_ascii) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!allow_ascii(static_cast<char>(c))) return std::nullopt;
      ++i;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < text.size()) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      auto c2 = static_cast<unsigned char>(text[i + 2]);
      if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return std::nullopt;
      std::uint32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
      if (cp < 0x4E00 || cp > 0x9FFF) return std::nullopt;
      i += 3;
    } else {
      return std::nullopt;
    }
    ++count;
  }
  return count;
}

bool IsUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Status ValidateStreamName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return Invalid("[stream_name] must be 1-64 characters");
  }
  for (char c : name) {
    if (!IsNameChar(c)) return Invalid("[stream_name] may only contain letters, digits, '_' and '-'");
  }
  return Status::Ok();
}

Result<engine::StreamType> ParseStreamType(std::string_view text) {
  if (text == "COMMON") return engine::StreamType::kCommon;
  if (text == "ADVANCED") return engine::StreamType::kAdvanced;
  return MakeError(ErrorCode::kInvalidRequest, "[stream_type] must be COMMON or ADVANCED");
}

Result<engine::DataType> ParseDataType(std::string_view text) {
  if (text == "BLOB") return engine::DataType::kBlob;
  if (text == "JSON") return engine::DataType::kJson;
  if (text == "CSV") return engine::DataType::kCsv;
  return MakeError(ErrorCode::kInvalidRequest, "[data_type] must be BLOB, JSON or CSV");
}

std::string_view StreamTypeName(engine::StreamType type) {
  return type == engine::StreamType::kAdvanced ? "ADVANCED" : "COMMON";
}

std::string_view DataTypeName(engine::DataType type) {
  switch (type) {
    case engine::DataType::kJson: return "JSON";
    case engine::DataType::kCsv: return "CSV";
    case engine::DataType::kBlob: break;
  }
  return "BLOB";
}

Result<std::int32_t> ValidateRetention(std::optional<std::int64_t> hours,
                                       const ServiceOptions& options) {
  if (!hours) return 24 < options.min_retention_hours ? options.min_retention_hours : 24;
  if (*hours < options.min_retention_hours || *hours > options.max_retention_hours) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[data_duration] must be between " + std::to_string(options.min_retention_hours) +
                         " and " + std::to_string(options.max_retention_hours) + " hours");
  }
  return static_cast<std::int32_t>(*hours);
}

Status ValidateCompressionFormat(std::string_view format) {
  if (format.empty() || format == "snappy" || format == "gzip" || format == "zip") return Status::Ok();
  return Invalid("[compression_format] must be snappy, gzip or zip");
}

Status ValidateTags(const std::vector<engine::Tag>& tags) {
  if (tags.size() > 10) {
    return MakeError(ErrorCode::kTagLimitReached, "a stream may have at most 10 tags");
  }
  std::set<std::string_view> keys;
  for (const auto& tag : tags) {
    auto key_len = CountTagChars(tag.key, IsNameChar);
    if (!key_len || *key_len < 1 || *key_len > 36) {
      return Invalid("[tags] key '" + tag.key +
                     "' must be 1-36 characters of letters, digits, '_', '-' or CJK");
    }
    auto value_len = CountTagChars(tag.value, [](char c) { return IsNameChar(c) || c == '.'; });
    if (!value_len || *value_len > 43) {
      return Invalid("[tags] value of '" + tag.key +
                     "' must be 0-43 characters of letters, digits, '_', '-', '.' or CJK");
    }
    if (!keys.insert(tag.key).second) return Invalid("[tags] duplicate key '" + tag.key + "'");
  }
  return Status::Ok();
}

Status ValidateSysTags(const std::vector<engine::Tag>& sys_tags) {
  for (const auto& tag : sys_tags) {
    if (tag.key != "_sys_enterprise_project_id") {
      return Invalid("[sys_tags] key must be _sys_enterprise_project_id");
    }
    if (!IsUuid(tag.value)) return Invalid("[sys_tags] value must be a 36-character UUID");
  }
  if (sys_tags.size() > 1) return Invalid("[sys_tags] at most one enterprise project");
  return Status::Ok();
}

Status ValidateAutoScale(bool enabled, std::optional<std::int64_t> min_partitions,
                         std::optional<std::int64_t> max_partitions, std::int64_t partitions) {
  if (!enabled) return Status::Ok();
  if (!min_partitions || !max_partitions) {
    return Invalid(
        "[auto_scale_min_partition_count] and [auto_scale_max_partition_count] are required "
        "when auto_scale_enabled is true");
  }
  if (*min_partitions < 1) return Invalid("[auto_scale_min_partition_count] must be >= 1");
  if (*min_partitions > partitions || partitions > *max_partitions) {
    return Invalid(
        "auto-scale bounds must satisfy auto_scale_min_partition_count <= partition count <= "
        "auto_scale_max_partition_count");
  }
  return Status::Ok();
}

}  // namespace disd::service
