// Finding the stream a consumer request names: by name, else by public stream id within
// the project (the Kafka adapter commits with `stream_id`; the legacy Python SDK puts the
// id where the name belongs). Unlike StreamService::ResolveRunning, CREATING streams are
// found too. Thread-safety: pure functions over the thread-safe catalog.
#pragma once

#include <string_view>

#include "disd/common/status.h"
#include "disd/engine/catalog.h"

namespace disd::service {

// kStreamNotFound "[name-or-id][project]" when neither finds a stream of the project.
Result<engine::StreamSnapshot> FindStream(const engine::Catalog& catalog,
                                          std::string_view project_id, std::string_view name,
                                          std::string_view stream_id);

// `name` as a stream name, else as a stream id of the project.
inline Result<engine::StreamSnapshot> FindStreamByNameOrId(const engine::Catalog& catalog,
                                                           std::string_view project_id,
                                                           std::string_view name_or_id) {
  return FindStream(catalog, project_id, name_or_id, name_or_id);
}

}  // namespace disd::service
