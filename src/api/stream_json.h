// JSON shapes of stream resources exactly as the SDKs parse them (sdk-wire.md section 1.3):
// StreamInfo (list), the describe body, update_partition_counts entries, tags.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "disd/service/stream_service.h"

namespace disd::api {

// ACTIVE, DELETED or EXPIRED.
std::string_view PartitionStatusName(engine::PartitionStatus status);
nlohmann::json TagsJson(const std::vector<engine::Tag>& tags);
nlohmann::json ScalingRecordJson(const engine::ScalingRecord& record);
nlohmann::json StreamInfoJson(const engine::StreamMeta& stream, std::string_view status);
nlohmann::json DescribeJson(const service::StreamDescription& description);

}  // namespace disd::api
