#include "disd/service/app_service.h"

#include <algorithm>

#include "disd/service/consumer_group_coordinator.h"
#include "service/stream_lookup.h"

namespace disd::service {

namespace {

constexpr std::size_t kMaxAppName = 200;
constexpr std::size_t kAppIdLength = 19;

bool IsAppNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

}  // namespace

Status ValidateAppName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAppName ||
      !std::all_of(name.begin(), name.end(), IsAppNameChar)) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[app_name must be 1-200 characters of A-Z a-z 0-9 _ -]");
  }
  return Status::Ok();
}

AppService::AppService(engine::Catalog& catalog, ConsumerGroupCoordinator& coordinator,
                       const Clock& clock, IdGenerator& ids, const ServiceOptions& options)
    : catalog_(catalog), coordinator_(coordinator), clock_(clock), ids_(ids), options_(options) {}

Status AppService::Create(std::string_view project_id, std::string_view name) {
  DISD_RETURN_IF_ERROR(ValidateAppName(name));
  engine::AppMeta app;
  app.project_id = std::string(project_id);
  app.name = std::string(name);
  app.app_id = ids_.Alphanumeric(kAppIdLength);
  app.create_time_ms = clock_.NowMs();
  const auto quota = static_cast<std::size_t>(std::max(options_.app_quota_per_project, 0));
  return catalog_.CreateApp(std::move(app), quota).status();
}

Result<AppView> AppService::ViewOf(const engine::AppMeta& app) const {
  AppView view{app, {}};
  auto streams = catalog_.CheckpointedStreams(app.project_id, app.name);
  if (!streams.ok()) return streams.error();
  for (const auto& s : catalog_.ListStreams(app.project_id)) {
    if (std::binary_search(streams->begin(), streams->end(), s->internal_id)) {
      view.checkpoint_stream_names.push_back(s->name);  // ListStreams is in name order
    }
  }
  return view;
}

Result<AppView> AppService::Describe(std::string_view project_id, std::string_view name) const {
  auto app = catalog_.GetApp(project_id, name);
  if (!app.ok()) return app.error();
  return ViewOf(*app);
}

Result<AppPage> AppService::List(std::string_view project_id, std::int64_t limit,
                                 std::string_view start_after, std::string_view stream_name) const {
  if (limit < 1 || limit > 100)
    return MakeError(ErrorCode::kInvalidRequest, "[limit] must be 1-100");
  std::uint64_t filter = 0;
  if (!stream_name.empty()) {
    auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
    if (!stream.ok()) return stream.error();
    filter = (*stream)->internal_id;
  }
  AppPage page;
  for (const auto& app : catalog_.ListApps(project_id)) {
    if (filter != 0) {
      auto streams = catalog_.CheckpointedStreams(project_id, app.name);
      if (!streams.ok()) continue;  // deleted meanwhile
      if (!std::binary_search(streams->begin(), streams->end(), filter)) continue;
    }
    ++page.total_number;
    if (!start_after.empty() && app.name <= start_after) continue;
    if (static_cast<std::int64_t>(page.apps.size()) == limit) {
      page.has_more = true;
      continue;
    }
    auto view = ViewOf(app);
    if (view.ok()) page.apps.push_back(std::move(*view));
  }
  return page;
}

Status AppService::Delete(std::string_view project_id, std::string_view name) {
  return coordinator_.RunIfIdle(project_id, name,
                                [&] { return catalog_.DeleteApp(project_id, name); });
}

}  // namespace disd::service
