// The operations endpoints, served on disd's separate operations listener (never on the
// DIS port, so probes need no credentials and never queue behind DIS requests):
//   GET /livez    200 "ok" while the process runs (also /healthz)
//   GET /readyz   200 "ready" once the store is open and the DIS listener serves; 503 with
//                 the reason ("starting: ..." / "stopping") before and during shutdown
//   GET /metrics  the Prometheus text exposition (docs/monitoring.md)
// HEAD is answered like GET without a body; other methods 405, other paths 404, all as
// plain text.
// Thread-safety: the handler is safe for concurrent calls if the callbacks are.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "disd/api/request_handler.h"

namespace disd::api {

struct Readiness {
  bool ready = false;
  std::string reason;  // why not ready
};

struct OpsCallbacks {
  std::function<Readiness()> readiness;
  std::function<std::string()> metrics_text;
};

std::unique_ptr<RequestHandler> MakeOpsApi(OpsCallbacks callbacks);

}  // namespace disd::api
