#include "service/stream_lookup.h"

#include <string>

namespace disd::service {

Result<engine::StreamSnapshot> FindStream(const engine::Catalog& catalog,
                                          std::string_view project_id, std::string_view name,
                                          std::string_view stream_id) {
  if (!name.empty()) {
    auto by_name = catalog.GetStream(project_id, name);
    if (by_name.ok()) return by_name;
  }
  if (!stream_id.empty()) {
    auto by_id = catalog.GetStreamById(stream_id);
    if (by_id.ok() && (*by_id)->project_id == project_id) return by_id;
  }
  return MakeError(ErrorCode::kStreamNotFound, "[" + std::string(name.empty() ? stream_id : name) +
                                                   "][" + std::string(project_id) + "]");
}

}  // namespace disd::service
