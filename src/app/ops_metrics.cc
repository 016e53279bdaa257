#include "app/ops_metrics.h"

#include <map>
#include <string>
#include <tuple>

#include "disd/service/metrics_service.h"
#include "disd/service/traffic_control.h"

namespace disd::app {
namespace {

struct StreamLabels {
  std::string project_id;
  std::string stream;
};

PrometheusLabels Labels(const StreamLabels& s) {
  return {{"project_id", s.project_id}, {"stream", s.stream}};
}

PrometheusLabels With(PrometheusLabels labels, std::string_view key, std::string value) {
  labels.emplace_back(key, std::move(value));
  return labels;
}

void AppendStreamTraffic(PrometheusText& out, const std::map<std::uint64_t, StreamLabels>& streams,
                         const std::map<std::uint64_t, engine::MetricsCounters>& totals) {
  struct Counter {
    const char* name;
    const char* help;
    std::uint64_t engine::MetricsCounters::*field;
  };
  static constexpr Counter kCounters[] = {
      {"disd_stream_put_bytes_total", "Record payload bytes written to the stream.",
       &engine::MetricsCounters::put_bytes},
      {"disd_stream_put_records_total", "Records written to the stream.",
       &engine::MetricsCounters::put_records},
      {"disd_stream_get_bytes_total", "Record payload bytes read from the stream by GetRecords.",
       &engine::MetricsCounters::get_bytes},
      {"disd_stream_get_records_total", "Records read from the stream by GetRecords.",
       &engine::MetricsCounters::get_records},
  };
  const engine::MetricsCounters zero;
  auto of = [&](std::uint64_t id) -> const engine::MetricsCounters& {
    auto it = totals.find(id);
    return it == totals.end() ? zero : it->second;
  };
  for (const Counter& c : kCounters) {
    out.Family(c.name, "counter", std::string(c.help) + " Since disd started.");
    for (const auto& [id, labels] : streams) out.Sample(c.name, Labels(labels), of(id).*c.field);
  }
  out.Family("disd_stream_requests_total", "counter",
             "Successful PutRecords (direction=put) and GetRecords (direction=get) calls on the "
             "stream since disd started.");
  for (const auto& [id, labels] : streams) {
    out.Sample("disd_stream_requests_total", With(Labels(labels), "direction", "put"),
               of(id).put_requests);
    out.Sample("disd_stream_requests_total", With(Labels(labels), "direction", "get"),
               of(id).get_requests);
  }
  out.Family("disd_stream_throttled_requests_total", "counter",
             "PutRecords calls with records refused by traffic control (direction=put) and "
             "GetRecords calls refused (direction=get) since disd started.");
  for (const auto& [id, labels] : streams) {
    out.Sample("disd_stream_throttled_requests_total", With(Labels(labels), "direction", "put"),
               of(id).put_throttled);
    out.Sample("disd_stream_throttled_requests_total", With(Labels(labels), "direction", "get"),
               of(id).get_throttled);
  }
  out.Family("disd_stream_request_duration_seconds", "summary",
             "Service time of the successful PutRecords/GetRecords calls counted in "
             "disd_stream_requests_total (sum and count).");
  for (const auto& [id, labels] : streams) {
    const auto& c = of(id);
    for (const auto& [direction, sum_us, count] :
         {std::tuple{"put", c.put_latency_us, c.put_requests},
          std::tuple{"get", c.get_latency_us, c.get_requests}}) {
      const auto series = With(Labels(labels), "direction", direction);
      out.Sample("disd_stream_request_duration_seconds_sum", series,
                 static_cast<double>(sum_us) / 1e6);
      out.Sample("disd_stream_request_duration_seconds_count", series, count);
    }
  }
}

}  // namespace

void AppendDisdMetrics(PrometheusText& out, const OpsMetricSources& sources) {
  sources.requests->AppendPrometheus(out);

  out.Family("disd_worker_queue_depth", "gauge", "DIS requests waiting for a worker thread.");
  out.Sample("disd_worker_queue_depth", {},
             static_cast<std::uint64_t>(sources.server->WorkerQueueDepth()));
  out.Family(
      "disd_worker_queue_limit", "gauge",
      "Requests that may wait for a worker before disd answers 429 (server.worker_queue_limit).");
  out.Sample("disd_worker_queue_limit", {}, static_cast<std::uint64_t>(sources.worker_queue_limit));

  out.Family("disd_storage_size_bytes", "gauge",
             "Approximate bytes the store occupies on disk (SST files and write-ahead log).");
  out.Sample("disd_storage_size_bytes", {}, sources.store->ApproximateSizeBytes());

  std::map<std::uint64_t, StreamLabels> streams;
  std::map<std::string, std::int64_t> partitions = {{"ACTIVE", 0}, {"DELETED", 0}, {"EXPIRED", 0}};
  for (const auto& s : sources.store->catalog().ListAllStreams()) {
    streams[s->internal_id] = {s->project_id, s->name};
    for (const auto& p : s->partitions) {
      switch (p.status) {
        case engine::PartitionStatus::kActive:
          ++partitions["ACTIVE"];
          break;
        case engine::PartitionStatus::kDeleted:
          ++partitions["DELETED"];
          break;
        case engine::PartitionStatus::kExpired:
          ++partitions["EXPIRED"];
          break;
      }
    }
  }
  out.Family("disd_streams", "gauge", "Streams, over every project.");
  out.Sample("disd_streams", {}, static_cast<std::uint64_t>(streams.size()));
  out.Family("disd_partitions", "gauge", "Partitions of every stream, by status.");
  for (const auto& [state, count] : partitions)
    out.Sample("disd_partitions", {{"state", state}}, count);

  std::map<std::uint64_t, engine::MetricsCounters> totals;
  for (const auto& t : sources.services->metrics().Totals())
    totals[t.stream_internal_id] = t.counters;
  AppendStreamTraffic(out, streams, totals);

  const service::TrafficCounters tc = sources.services->traffic().counters();
  out.Family("disd_traffic_control_refusals_total", "counter",
             "Refusals by traffic control (DIS.4303) since disd started: records of PutRecords "
             "(kind=put_records) and GetRecords calls (kind=get_requests).");
  out.Sample("disd_traffic_control_refusals_total", {{"kind", "put_records"}},
             tc.put_records_throttled);
  out.Sample("disd_traffic_control_refusals_total", {{"kind", "get_requests"}},
             tc.get_requests_throttled);

  out.Family("disd_dump_task_pending_records", "gauge",
             "Records of the task's stream not yet delivered by the transfer task (dump lag).");
  if (sources.dump_scheduler != nullptr) {
    for (const auto& task : sources.store->catalog().ListAllTransferTasks()) {
      out.Sample(
          "disd_dump_task_pending_records",
          {{"project_id", task.project_id}, {"stream", task.stream_name}, {"task", task.task_name}},
          sources.dump_scheduler->PendingRecords(task.task_id));
    }
  }
}

}  // namespace disd::app
