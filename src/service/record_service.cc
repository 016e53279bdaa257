#include "disd/service/record_service.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "disd/service/cursor_service.h"
#include "disd/service/metrics_service.h"
#include "disd/service/stream_service.h"
#include "disd/service/traffic_control.h"
#include "service/partition_router.h"

namespace disd::service {
namespace {

// Request latency for the monitoring figures: a duration measured on the monotonic clock
// (it changes no behaviour, so it is not read from the injected clock).
std::uint64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::steady_clock::now() - start)
                                        .count());
}

}  // namespace

RecordService::RecordService(const StreamService& streams, const CursorService& cursors,
                             engine::PartitionLog& log, TrafficControl& traffic,
                             MetricsService& metrics, const ServiceOptions& options)
    : streams_(streams),
      cursors_(cursors),
      log_(log),
      traffic_(traffic),
      metrics_(metrics),
      options_(options) {}

Result<PutRecordsOutcome> RecordService::Put(std::string_view project_id,
                                             const PutRecordsCommand& command) {
  const auto started = std::chrono::steady_clock::now();
  if (command.records.empty()) return MakeError(ErrorCode::kEmptyRequest);
  if (static_cast<std::int64_t>(command.records.size()) > options_.max_records_per_put) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[at most " + std::to_string(options_.max_records_per_put) +
                         " records per request, got " + std::to_string(command.records.size()) + "]");
  }
  auto stream = streams_.ResolveRunning(project_id, command.stream_name, command.stream_id);
  if (!stream.ok()) return stream.error();
  const engine::StreamMeta& meta = **stream;

  std::size_t total = 0;
  for (std::size_t i = 0; i < command.records.size(); ++i) {
    const std::size_t size = command.records[i].data.size();
    if (size > options_.max_record_bytes) {
      return MakeError(ErrorCode::kInvalidRequest,
                       "[records[" + std::to_string(i) + "].data is " + std::to_string(size) +
                           " bytes, more than " + std::to_string(options_.max_record_bytes) + "]");
    }
    total += size;
  }
  const std::size_t limit = meta.stream_type == engine::StreamType::kAdvanced
                                ? options_.max_put_bytes_advanced
                                : options_.max_put_bytes_common;
  if (total > limit) {
    return MakeError(ErrorCode::kPayloadTooLarge,
                     "[records total " + std::to_string(total) + " bytes, more than " +
                         std::to_string(limit) + " for this stream type]");
  }

  PutRecordsOutcome outcome;
  outcome.records.resize(command.records.size());
  // Group the writable records by partition, keeping request order within each partition.
  std::map<std::int32_t, std::vector<std::size_t>> by_partition;
  for (std::size_t i = 0; i < command.records.size(); ++i) {
    auto route = RouteRecord(meta, command.records[i], i, round_robin_);
    if (!route.ok()) return route.error();
    outcome.records[i].partition = route->partition;
    if (route->record_error) {
      outcome.records[i].error = route->record_error;
      ++outcome.failed_record_count;
      continue;
    }
    by_partition[route->partition].push_back(i);
  }
  // Traffic control: each partition admits a prefix of its records.
  bool throttled = false;
  std::vector<std::size_t> sizes;
  for (auto it = by_partition.begin(); it != by_partition.end();) {
    std::vector<std::size_t>& indices = it->second;
    sizes.clear();
    for (std::size_t i : indices) sizes.push_back(command.records[i].data.size());
    const std::size_t admitted = traffic_.AdmitWrites(meta, it->first, sizes);
    for (std::size_t k = admitted; k < indices.size(); ++k) {
      outcome.records[indices[k]].error = MakeError(ErrorCode::kTrafficControl);
      ++outcome.failed_record_count;
      throttled = true;
    }
    indices.resize(admitted);
    it = indices.empty() ? by_partition.erase(it) : std::next(it);
  }
  // The request-level figures (stream row): answered 200, refused in part by traffic control.
  auto record_request = [&] {
    engine::MetricsCounters request;
    request.put_requests = 1;
    request.put_latency_us = MicrosSince(started);
    request.put_throttled = throttled ? 1 : 0;
    metrics_.Record(meta.internal_id, engine::kStreamMetricsRow, request);
  };
  if (by_partition.empty()) {
    record_request();
    return outcome;
  }

  std::vector<engine::AppendRecord> records;
  records.reserve(command.records.size());
  std::vector<engine::PartitionAppend> batch;
  std::vector<const std::vector<std::size_t>*> members;
  for (const auto& [partition, indices] : by_partition) {
    std::size_t first = records.size();
    for (std::size_t i : indices) {
      const auto& entry = command.records[i];
      engine::AppendRecord r;
      r.data = entry.data;
      if (entry.partition_key && !entry.partition_key->empty()) r.partition_key = *entry.partition_key;
      r.timestamp_ms = entry.timestamp_ms;
      records.push_back(r);
    }
    batch.push_back({{meta.internal_id, partition}, {}});
    batch.back().records = std::span<const engine::AppendRecord>(records.data() + first, indices.size());
    members.push_back(&indices);
  }
  auto firsts = log_.Append(batch);
  if (!firsts.ok()) return firsts.error();
  for (std::size_t g = 0; g < batch.size(); ++g) {
    const auto& indices = *members[g];
    engine::MetricsCounters written;
    written.put_records = indices.size();
    for (std::size_t k = 0; k < indices.size(); ++k) {
      outcome.records[indices[k]].sequence_number = (*firsts)[g] + static_cast<std::int64_t>(k);
      written.put_bytes += command.records[indices[k]].data.size();
    }
    metrics_.Record(meta.internal_id, batch[g].partition.partition, written);
  }
  record_request();
  return outcome;
}

Result<GetRecordsOutcome> RecordService::Get(std::string_view project_id, std::string_view cursor,
                                             std::optional<std::int64_t> limit,
                                             std::optional<std::int64_t> max_bytes) const {
  const auto started = std::chrono::steady_clock::now();
  std::int64_t records = limit.value_or(options_.get_records_default_limit);
  if (records < 1 || records > options_.get_records_max_limit) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[limit must be 1-" + std::to_string(options_.get_records_max_limit) + "]");
  }
  std::size_t bytes = options_.get_records_max_bytes;
  if (max_bytes) {
    if (*max_bytes < 1) return MakeError(ErrorCode::kInvalidRequest, "[max_fetch_bytes must be > 0]");
    bytes = std::min<std::size_t>(bytes, static_cast<std::size_t>(*max_bytes));
  }
  auto target = cursors_.Resolve(project_id, cursor);
  if (!target.ok()) return target.error();
  if (!traffic_.AdmitRead(*target->stream, target->partition)) {
    engine::MetricsCounters refused;
    refused.get_throttled = 1;
    metrics_.Record(target->stream->internal_id, target->partition, refused);
    return MakeError(ErrorCode::kTrafficControl);
  }
  engine::PartitionRef ref{target->stream->internal_id, target->partition};
  auto read = log_.Read(ref, target->sequence_number, static_cast<std::size_t>(records), bytes);
  if (!read.ok()) return read.error();
  std::size_t read_bytes = 0;
  for (const engine::LogRecord& r : read->records) read_bytes += r.data.size();
  traffic_.ChargeRead(*target->stream, target->partition, read_bytes);
  engine::MetricsCounters served;
  served.get_requests = 1;
  served.get_records = read->records.size();
  served.get_bytes = read_bytes;
  served.get_latency_us = MicrosSince(started);
  metrics_.Record(target->stream->internal_id, target->partition, served);
  GetRecordsOutcome outcome;
  outcome.records = std::move(read->records);
  outcome.next_cursor =
      cursors_.CursorAt(*target->stream, target->partition, read->next_sequence_number);
  return outcome;
}

}  // namespace disd::service
