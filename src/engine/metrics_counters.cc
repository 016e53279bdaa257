#include "disd/engine/metrics_store.h"

namespace disd::engine {

void MetricsCounters::Add(const MetricsCounters& o) {
  put_bytes += o.put_bytes;
  put_records += o.put_records;
  get_bytes += o.get_bytes;
  get_records += o.get_records;
  put_requests += o.put_requests;
  get_requests += o.get_requests;
  put_latency_us += o.put_latency_us;
  get_latency_us += o.get_latency_us;
  put_throttled += o.put_throttled;
  get_throttled += o.get_throttled;
}

bool MetricsCounters::IsZero() const { return *this == MetricsCounters{}; }

}  // namespace disd::engine
