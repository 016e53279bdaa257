// Apps (seed 004 section 5.2): create, describe, list and delete the named consuming
// applications of a project. An app is "in use" (DIS.4331, delete refused) while the
// consumer group of the same name has live members (ConsumerGroupCoordinator).
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/service/service_options.h"

namespace disd::service {

class ConsumerGroupCoordinator;

struct AppView {
  engine::AppMeta app;
  // Names of the streams the app holds checkpoints on, in byte order.
  std::vector<std::string> checkpoint_stream_names;
};

struct AppPage {
  std::int64_t total_number = 0;  // apps matching the filter, all pages
  std::vector<AppView> apps;
  bool has_more = false;
};

class AppService {
 public:
  AppService(engine::Catalog& catalog, ConsumerGroupCoordinator& coordinator, const Clock& clock,
             IdGenerator& ids, const ServiceOptions& options);

  // kInvalidRequest (name), kAppExists, kAppQuotaExceeded.
  Status Create(std::string_view project_id, std::string_view name);
  // kAppNotFound.
  Result<AppView> Describe(std::string_view project_id, std::string_view name) const;
  // limit 1-100 (kInvalidRequest); start_after exclusive ("" = from the first); a non-empty
  // stream_name keeps only apps with checkpoints on that stream (kStreamNotFound if none).
  Result<AppPage> List(std::string_view project_id, std::int64_t limit,
                       std::string_view start_after, std::string_view stream_name) const;
  // kAppNotFound, kAppInUse. Removes the app's checkpoints with it.
  Status Delete(std::string_view project_id, std::string_view name);

 private:
  Result<AppView> ViewOf(const engine::AppMeta& app) const;

  engine::Catalog& catalog_;
  ConsumerGroupCoordinator& coordinator_;
  const Clock& clock_;
  IdGenerator& ids_;
  const ServiceOptions& options_;
};

// [A-Za-z0-9_-]{1,200}, else kInvalidRequest naming the rule.
Status ValidateAppName(std::string_view name);

}  // namespace disd::service
