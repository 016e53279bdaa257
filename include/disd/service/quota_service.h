// Quotas (GetQuotas, GET /v1/{project_id}/quotas): what the project may still create, from
// the same settings the API enforces and counted the same way:
//   common_partition / advanced_partition  ACTIVE partitions of the project's streams by
//                                          type (DIS.4308; ServiceOptions)
//   app                                    apps of the project (DIS.4329)
//   transfer_task                          tasks per stream (DIS.4357); `used` is the most
//                                          any one stream of the project has
// Thread-safety: safe for concurrent use.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/engine/catalog.h"
#include "disd/service/service_options.h"

namespace disd::service {

struct QuotaUsage {
  std::string type;
  std::int64_t quota = 0;
  std::int64_t used = 0;
  bool operator==(const QuotaUsage&) const = default;
};

// The real service's transfer-task quota per stream (seed 004 DIS.4357).
inline constexpr std::int64_t kDefaultTransferTaskQuota = 5;

class QuotaService {
 public:
  QuotaService(const engine::Catalog& catalog, const ServiceOptions& options);

  // The transfer-task limit the task API enforces (the composition root passes the dump
  // setting); kDefaultTransferTaskQuota until then.
  void SetTransferTaskQuota(std::int64_t per_stream) { transfer_task_quota_ = per_stream; }

  std::vector<QuotaUsage> Get(std::string_view project_id) const;

 private:
  const engine::Catalog& catalog_;
  const ServiceOptions& options_;
  std::atomic<std::int64_t> transfer_task_quota_{kDefaultTransferTaskQuota};
};

}  // namespace disd::service
