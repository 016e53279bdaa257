// The service layer as one object the composition root builds: the DIS rules for streams,
// records and cursors over the engine's Catalog and PartitionLog. Handlers in api/ call
// these services and nothing below them.
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
  const ServiceOptions& options() const { return options_; }

 private:
  ServiceOptions options_;
  std::unique_ptr<StreamService> streams_;
  std::unique_ptr<CursorService> cursors_;
  std::unique_ptr<RecordService> records_;
};

}  // namespace disd::service
