// The standard process_* figures of the Prometheus exposition, read from /proc/self
// (Linux): CPU time, resident and virtual memory, open and maximum file descriptors,
// start time and threads. A figure that cannot be read is left out.
// Thread-safety: reentrant (reads /proc on each call).
#pragma once

#include "disd/common/prometheus_text.h"

namespace disd::app {

void AppendProcessMetrics(PrometheusText& out);

}  // namespace disd::app
