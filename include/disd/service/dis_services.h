// The service layer as one object the composition root builds: the DIS rules for streams,
// records, cursors, apps, checkpoints, consumer state, consumer groups and stream policies
// over the engine's Catalog and PartitionLog. Handlers in api/ call these services and
// nothing below them.
// Thread-safety: all services are safe for concurrent use.
#pragma once

#include <memory>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"
#include "disd/service/service_options.h"

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

class DisServices {
 public:
  // All references must outlive this object.
  DisServices(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
              IdGenerator& ids, const ServiceOptions& options);
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
  const ServiceOptions& options() const { return options_; }

 private:
  ServiceOptions options_;
  std::unique_ptr<StreamService> streams_;
  std::unique_ptr<CursorService> cursors_;
  std::unique_ptr<TrafficControl> traffic_;
  std::unique_ptr<RecordService> records_;
  std::unique_ptr<ConsumerGroupCoordinator> consumer_groups_;
  std::unique_ptr<AppService> apps_;
  std::unique_ptr<CheckpointService> checkpoints_;
  std::unique_ptr<ConsumerStateService> consumer_states_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<AutoScaler> auto_scaler_;
};

}  // namespace disd::service
