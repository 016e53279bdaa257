// The disd figures of the Prometheus exposition (docs/monitoring.md lists each): DIS API
// requests and latencies, worker-queue depth, storage size, streams and partitions,
// per-stream traffic since startup, traffic-control refusals and dump-task lag.
// Thread-safety: reads thread-safe sources only; callable concurrently with requests.
#pragma once

#include <cstddef>

#include "disd/api/request_metrics.h"
#include "disd/common/prometheus_text.h"
#include "disd/dump/delivery_scheduler.h"
#include "disd/engine/store.h"
#include "disd/net/http_server.h"
#include "disd/service/dis_services.h"

namespace disd::app {

struct OpsMetricSources {
  engine::Store* store = nullptr;
  service::DisServices* services = nullptr;
  const net::HttpServer* server = nullptr;
  const api::RequestMetrics* requests = nullptr;
  std::size_t worker_queue_limit = 0;
  // Transfer-task delivery (the dump-lag figure); nullptr leaves it without samples.
  dump::DeliveryScheduler* dump_scheduler = nullptr;
};

// REQUIRES: every pointer but dump_scheduler is set.
void AppendDisdMetrics(PrometheusText& out, const OpsMetricSources& sources);

}  // namespace disd::app
