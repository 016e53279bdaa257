#include "disd/service/cursor_service.h"

#include "disd/common/numbers.h"
#include "disd/common/partition_id.h"
#include "disd/service/stream_service.h"
#include "service/cursor_codec.h"

namespace disd::service {

namespace {

Error OutOfRange(std::int64_t n, const engine::SequenceRange& range) {
  return MakeError(ErrorCode::kSequenceNumberOutOfRange,
                   "[" + std::to_string(n) + "][ should be within ][" +
                       std::to_string(range.first_valid) + "][ ][" + std::to_string(range.next) + "]");
}

}  // namespace

Result<std::int32_t> ResolveReadablePartition(const engine::StreamMeta& stream,
                                              std::string_view partition_id) {
  auto index = ParsePartitionId(partition_id);
  if (!index) {
    return MakeError(ErrorCode::kInvalidPartitionId, "[" + std::string(partition_id) + "]");
  }
  if (*index >= static_cast<std::int32_t>(stream.partitions.size())) {
    return MakeError(ErrorCode::kPartitionNotFound,
                     "[" + FormatPartitionId(*index) + "][" + stream.name + "]");
  }
  if (stream.partitions[*index].status == engine::PartitionStatus::kExpired) {
    return MakeError(ErrorCode::kPartitionExpired,
                     "[" + FormatPartitionId(*index) + "][" + stream.name + "]");
  }
  return *index;
}

CursorService::CursorService(const StreamService& streams, engine::Catalog& catalog,
                             const engine::PartitionLog& log, const Clock& clock,
                             const ServiceOptions& options)
    : streams_(streams), catalog_(catalog), log_(log), clock_(clock), options_(options) {}

Result<std::int64_t> CursorService::StartingPosition(const CursorRequest& request,
                                                     engine::PartitionRef partition) const {
  auto range = log_.Range(partition);
  if (!range.ok()) return range.error();
  const std::string type = request.cursor_type.value_or("");
  if (type.empty() || type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    const bool after = type == "AFTER_SEQUENCE_NUMBER";
    std::optional<std::int64_t> n;
    if (request.starting_sequence_number) n = ParseInt64(*request.starting_sequence_number);
    if (!n || *n < 0) {
      return MakeError(ErrorCode::kInvalidSequenceNumber,
                       "[starting-sequence-number must be a decimal in 0..9223372036854775807]");
    }
    const std::int64_t start = after ? *n + (*n < INT64_MAX ? 1 : 0) : *n;
    if (start < range->first_valid || start > range->next || (after && *n == INT64_MAX)) {
      return OutOfRange(*n, *range);
    }
    return start;
  }
  if (type == "TRIM_HORIZON") return range->first_valid;
  if (type == "LATEST") return range->next;
  if (type == "AT_TIMESTAMP") {
    std::optional<std::int64_t> ts;
    if (request.timestamp) ts = ParseInt64(*request.timestamp);
    if (!ts || *ts < 0) {
      return MakeError(ErrorCode::kInvalidRequest, "[timestamp must be a time in milliseconds]");
    }
    if (range->first_valid > 0) {
      auto oldest = log_.OldestArrivalTime(partition);
      if (!oldest.ok()) return oldest.error();
      if (oldest->has_value() && *ts < **oldest) {
        return MakeError(ErrorCode::kRequestError,
                         "[timestamp is expired, timestamp should be larger than " +
                             std::to_string(**oldest) + "]");
      }
    }
    return log_.SeekArrivalTime(partition, *ts);
  }
  return MakeError(ErrorCode::kInvalidCursorType, "[" + type + "]");
}

Result<std::string> CursorService::MakeCursor(std::string_view project_id,
                                              const CursorRequest& request) const {
  const std::string name = request.stream_name.value_or("");
  const std::string id = request.stream_id.value_or("");
  if (name.empty() && id.empty()) {
    return MakeError(ErrorCode::kInvalidRequest, "[stream-name or stream-id is required]");
  }
  auto stream = streams_.ResolveRunning(project_id, name, id);
  if (!stream.ok()) return stream.error();
  if (!request.partition_id || request.partition_id->empty()) {
    return MakeError(ErrorCode::kInvalidPartitionId, "[partition-id is required]");
  }
  auto partition = ResolveReadablePartition(**stream, *request.partition_id);
  if (!partition.ok()) return partition.error();
  auto start = StartingPosition(request, {(*stream)->internal_id, *partition});
  if (!start.ok()) return start.error();
  return CursorAt(**stream, *partition, *start);
}

std::string CursorService::CursorAt(const engine::StreamMeta& stream, std::int32_t partition,
                                    std::int64_t sequence_number) const {
  CursorPosition p;
  p.stream_name = stream.name;
  p.partition = partition;
  p.sequence_number = sequence_number;
  p.generated_ms = clock_.NowMs();
  p.stream_instance = stream.internal_id;
  return EncodeCursor(p);
}

Result<CursorTarget> CursorService::Resolve(std::string_view project_id,
                                            std::string_view token) const {
  auto position = DecodeCursor(token);
  if (!position.ok()) return position.error();
  auto stream = streams_.ResolveRunning(project_id, position->stream_name, "");
  if (!stream.ok()) return stream.error();
  if ((*stream)->internal_id != position->stream_instance) {
    return MakeError(ErrorCode::kInvalidCursor,
                     "[the cursor belongs to a stream that was deleted]");
  }
  if (clock_.NowMs() - position->generated_ms > options_.cursor_ttl_ms) {
    return MakeError(ErrorCode::kExpiredCursor,
                     "[cursors are valid for " + std::to_string(options_.cursor_ttl_ms) + " ms]");
  }
  auto partition = ResolveReadablePartition(**stream, std::to_string(position->partition));
  if (!partition.ok()) return partition.error();
  return CursorTarget{*stream, *partition, position->sequence_number};
}

}  // namespace disd::service
