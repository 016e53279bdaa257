// Field rules for streams (names, enums, retention, tags, auto-scale settings), shared by
// create and update. Each check returns kInvalidRequest (or the documented specific code)
// with a detail naming the field. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"
#include "disd/service/service_options.h"

namespace disd::service {

// [A-Za-z0-9_-]{1,64}
Status ValidateStreamName(std::string_view name);

Result<engine::StreamType> ParseStreamType(std::string_view text);
Result<engine::DataType> ParseDataType(std::string_view text);
std::string_view StreamTypeName(engine::StreamType type);
std::string_view DataTypeName(engine::DataType type);

Result<std::int32_t> ValidateRetention(std::optional<std::int64_t> hours,
                                       const ServiceOptions& options);

Status ValidateCompressionFormat(std::string_view format);

// Keys 1-36 and values 0-43 characters of A-Z a-z 0-9 _ - (values also '.') and
// U+4E00..U+9FFF; unique keys; at most 10 (kTagLimitReached).
Status ValidateTags(const std::vector<engine::Tag>& tags);
Status ValidateSysTags(const std::vector<engine::Tag>& sys_tags);

// When enabled: 1 <= min <= partitions <= max.
Status ValidateAutoScale(bool enabled, std::optional<std::int64_t> min_partitions,
                         std::optional<std::int64_t> max_partitions, std::int64_t partitions);

}  // namespace disd::service
