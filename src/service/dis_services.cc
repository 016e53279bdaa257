#include "disd/service/dis_services.h"

#include "disd/service/cursor_service.h"
#include "disd/service/record_service.h"
#include "disd/service/stream_service.h"

namespace disd::service {

DisServices::DisServices(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
                         IdGenerator& ids, const ServiceOptions& options)
    : options_(options) {
  streams_ = std::make_unique<StreamService>(catalog, log, clock, ids, options_);
  cursors_ = std::make_unique<CursorService>(*streams_, catalog, log, clock, options_);
  records_ = std::make_unique<RecordService>(*streams_, *cursors_, log, options_);
}

DisServices::~DisServices() = default;

}  // namespace disd::service
