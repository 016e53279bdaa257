#include "disd/service/dis_services.h"

#include "disd/service/app_service.h"
#include "disd/service/auto_scaler.h"
#include "disd/service/checkpoint_service.h"
#include "disd/service/consumer_group_coordinator.h"
#include "disd/service/consumer_state_service.h"
#include "disd/service/cursor_service.h"
#include "disd/service/dms_sink_task_service.h"
#include "disd/service/metrics_service.h"
#include "disd/service/policy_service.h"
#include "disd/service/quota_service.h"
#include "disd/service/record_service.h"
#include "disd/service/stream_service.h"
#include "disd/service/tag_service.h"
#include "disd/service/traffic_control.h"
#include "disd/service/transfer_task_service.h"

namespace disd::service {

DisServices::DisServices(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
                         IdGenerator& ids, const ServiceOptions& options,
                         engine::MetricsStore& metrics,
                         const dump::DestinationRegistry& destinations,
                         const TransferTaskOptions& transfer_task_options)
    : options_(options) {
  streams_ = std::make_unique<StreamService>(catalog, log, clock, ids, options_);
  cursors_ = std::make_unique<CursorService>(*streams_, catalog, log, clock, options_);
  traffic_ = std::make_unique<TrafficControl>(clock, options_);
  metrics_ = std::make_unique<MetricsService>(catalog, metrics, clock);
  records_ =
      std::make_unique<RecordService>(*streams_, *cursors_, log, *traffic_, *metrics_, options_);
  consumer_groups_ = std::make_unique<ConsumerGroupCoordinator>(catalog, clock, options_);
  apps_ = std::make_unique<AppService>(catalog, *consumer_groups_, clock, ids, options_);
  checkpoints_ = std::make_unique<CheckpointService>(catalog, log, *consumer_groups_);
  consumer_states_ = std::make_unique<ConsumerStateService>(catalog, log);
  policies_ = std::make_unique<PolicyService>(catalog);
  auto_scaler_ = std::make_unique<AutoScaler>(catalog, *streams_, *traffic_, clock);
  tags_ = std::make_unique<TagService>(catalog);
  transfer_tasks_ = std::make_unique<TransferTaskService>(catalog, clock, ids, destinations,
                                                          transfer_task_options);
  dms_sink_tasks_ = std::make_unique<DmsSinkTaskService>(catalog, clock, ids, *transfer_tasks_);
  quotas_ = std::make_unique<QuotaService>(catalog, options_);
}

DisServices::~DisServices() = default;

}  // namespace disd::service
