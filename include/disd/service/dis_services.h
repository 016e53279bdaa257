// The service layer as one object the composition root builds: the DIS rules for streams,
// records, cursors, apps, checkpoints, consumer state, consumer groups, stream policies,
// monitoring, tags, quotas and transfer tasks over the engine's Catalog, PartitionLog and MetricsStore. Handlers in api/ call these services and
// nothing below them.
// Thread-safety: all services are safe for concurrent use.
#pragma once

#include <memory>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/engine/catalog.h"
#include "disd/engine/metrics_store.h"
#include "disd/engine/partition_log.h"
#include "disd/service/service_options.h"

namespace disd::dump {
class DestinationRegistry;
}

namespace disd::service {

class StreamService;
class RecordService;
class CursorService;
class AppService;
class CheckpointService;
class ConsumerStateService;
class ConsumerGroupCoordinator;
class PolicyService;
class TrafficControl;
class AutoScaler;
class MetricsService;
class TagService;
class QuotaService;
class TransferTaskService;
class DmsSinkTaskService;
struct TransferTaskOptions;

class DisServices {
 public:
  // All references must outlive this object.
  DisServices(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
              IdGenerator& ids, const ServiceOptions& options, engine::MetricsStore& metrics,
              const dump::DestinationRegistry& destinations,
              const TransferTaskOptions& transfer_task_options);
  ~DisServices();
  DisServices(const DisServices&) = delete;
  DisServices& operator=(const DisServices&) = delete;

  StreamService& streams() { return *streams_; }
  RecordService& records() { return *records_; }
  CursorService& cursors() { return *cursors_; }
  AppService& apps() { return *apps_; }
  CheckpointService& checkpoints() { return *checkpoints_; }
  ConsumerStateService& consumer_states() { return *consumer_states_; }
  ConsumerGroupCoordinator& consumer_groups() { return *consumer_groups_; }
  PolicyService& policies() { return *policies_; }
  // Per-partition limits and their counters (traffic_control.h).
  TrafficControl& traffic() { return *traffic_; }
  // Run its RunOnce() periodically, and after every advance of a manual clock.
  AutoScaler& auto_scaler() { return *auto_scaler_; }
  // Monitoring figures: recorded by RecordService, queried by the metrics API; run its
  // Maintain() periodically (and after every manual clock advance), FlushAll() at shutdown.
  MetricsService& metrics() { return *metrics_; }
  TagService& tags() { return *tags_; }
  QuotaService& quotas() { return *quotas_; }
  // Transfer tasks (seed 004 5.5) and the DMS sink-task alias over them (seed 003).
  TransferTaskService& transfer_tasks() { return *transfer_tasks_; }
  DmsSinkTaskService& dms_sink_tasks() { return *dms_sink_tasks_; }
  const ServiceOptions& options() const { return options_; }

 private:
  ServiceOptions options_;
  std::unique_ptr<StreamService> streams_;
  std::unique_ptr<CursorService> cursors_;
  std::unique_ptr<TrafficControl> traffic_;
  std::unique_ptr<MetricsService> metrics_;
  std::unique_ptr<RecordService> records_;
  std::unique_ptr<ConsumerGroupCoordinator> consumer_groups_;
  std::unique_ptr<AppService> apps_;
  std::unique_ptr<CheckpointService> checkpoints_;
  std::unique_ptr<ConsumerStateService> consumer_states_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<AutoScaler> auto_scaler_;
  std::unique_ptr<TransferTaskService> transfer_tasks_;
  std::unique_ptr<DmsSinkTaskService> dms_sink_tasks_;
  std::unique_ptr<TagService> tags_;
  std::unique_ptr<QuotaService> quotas_;
};

}  // namespace disd::service
