#include "engine/rocks_partition_log.h"

#include <exception>
#include <memory>
#include <string>

#include "engine/key_codec.h"
#include "engine/record_codec.h"

namespace disd::engine {
namespace {

std::string RecordKeyOf(const PartitionRef& ref, std::int64_t seq) {
  return EncodeRecordKey(
      {ref.stream_internal_id, ref.partition, static_cast<std::uint64_t>(seq)});
}

Error CorruptRecord() { return MakeError(ErrorCode::kInternal, "corrupt record in storage"); }


// Runs `body`, turning any exception (allocation failure, RocksDB internals) into kInternal.
template <typename F>
auto Guarded(std::string_view what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string(what) + ": " + e.what());
  }
}

}  // namespace

Error RocksPartitionLog::VanishedWhileReading(const PartitionRef& ref) const {
  if (states_.IsDeleted(ref.stream_internal_id)) {
    return MakeError(ErrorCode::kStreamNotFound, "the stream was deleted");
  }
  return MakeError(ErrorCode::kRecordExpired, "the record expired while it was being read");
}

Result<PartitionState> RocksPartitionLog::StateOf(const PartitionRef& ref) const {
  if (ref.partition < 0) {
    return MakeError(ErrorCode::kInvalidPartitionId, "partition index must not be negative");
  }
  return states_.Get(ref);
}

Result<std::vector<std::int64_t>> RocksPartitionLog::Append(
    std::span<const PartitionAppend> batch) {
  return Guarded("appending records", [&]() -> Result<std::vector<std::int64_t>> {
    if (batch.empty()) return std::vector<std::int64_t>{};
    // Load every partition's state up front (outside the write path), which also refuses
    // deleted streams and negative partitions before anything is queued.
    for (const PartitionAppend& part : batch) DISD_RETURN_IF_ERROR(StateOf(part.partition));
    return committer_.Append(batch);
  });
}

Result<ReadResult> RocksPartitionLog::Read(PartitionRef partition, std::int64_t from,
                                           std::size_t max_records,
                                           std::size_t max_bytes) const {
  return Guarded("reading records", [&]() -> Result<ReadResult> {
    auto state = StateOf(partition);
    if (!state.ok()) return state.error();
    if (from < state->first_valid) {
      return MakeError(ErrorCode::kRecordExpired, "the requested records have expired");
    }
    ReadResult result;
    result.next_sequence_number = from;
    if (from >= state->next || max_records == 0) return result;

    const std::string lower = RecordKeyOf(partition, from);
    const std::string upper = RecordKeyOf(partition, state->next);
    const rocksdb::Slice lower_slice(lower), upper_slice(upper);
    rocksdb::ReadOptions options;
    options.iterate_lower_bound = &lower_slice;
    options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_.db()->NewIterator(options, db_.records()));

    std::size_t bytes = 0;
    std::int64_t expected = from;
    bool saw_any = false;
    for (it->Seek(lower_slice); it->Valid(); it->Next()) {
      saw_any = true;
      auto key = DecodeRecordKey(ToView(it->key()));
      if (!key) return CorruptRecord();
      // Expiry only ever removes a prefix, so a missing number means it expired meanwhile.
      if (static_cast<std::int64_t>(key->sequence) != expected) {
        return VanishedWhileReading(partition);
      }
      if (result.records.size() >= max_records) break;
      auto value = DecodeRecordValue(ToView(it->value()));
      if (!value) return CorruptRecord();
      if (value->data.size() > max_bytes - bytes) break;  // bytes <= max_bytes always
      bytes += value->data.size();
      LogRecord& record = result.records.emplace_back();
      record.sequence_number = expected++;
      record.timestamp_ms = value->timestamp_ms;
      record.arrival_ms = value->arrival_ms;
      if (value->partition_key) record.partition_key.emplace(*value->partition_key);
      record.data.assign(value->data);
    }
    if (!it->status().ok()) return RocksError(it->status(), "reading records");
    if (!saw_any) return VanishedWhileReading(partition);  // [from, next) was committed
    result.next_sequence_number = expected;
    return result;
  });
}

Result<SequenceRange> RocksPartitionLog::Range(PartitionRef partition) const {
  return Guarded("reading a partition range", [&]() -> Result<SequenceRange> {
    auto state = StateOf(partition);
    if (!state.ok()) return state.error();
    return SequenceRange{state->first_valid, state->next};
  });
}

Result<std::optional<std::int64_t>> RocksPartitionLog::ArrivalAt(const PartitionRef& ref,
                                                                 std::int64_t seq) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_.db()->Get(rocksdb::ReadOptions(), db_.records(), RecordKeyOf(ref, seq), &value);
  if (s.IsNotFound()) return std::optional<std::int64_t>();
  if (!s.ok()) return RocksError(s, "reading a record");
  auto arrival = DecodeRecordArrival(ToView(value));
  if (!arrival) return CorruptRecord();
  return std::optional<std::int64_t>(*arrival);
}

Result<std::int64_t> RocksPartitionLog::SearchArrival(const PartitionRef& ref,
                                                      const PartitionState& state,
                                                      std::int64_t timestamp_ms) const {
  std::int64_t lo = state.first_valid;
  std::int64_t hi = state.next;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    auto arrival = ArrivalAt(ref, mid);
    if (!arrival.ok()) return arrival.error();
    // A missing record expired meanwhile; it was older than anything still there.
    if (!arrival->has_value() || **arrival < timestamp_ms) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

Result<std::int64_t> RocksPartitionLog::SeekArrivalTime(PartitionRef partition,
                                                        std::int64_t timestamp_ms) const {
  return Guarded("seeking a timestamp", [&]() -> Result<std::int64_t> {
    auto state = StateOf(partition);
    if (!state.ok()) return state.error();
    return SearchArrival(partition, *state, timestamp_ms);
  });
}

Result<std::optional<std::int64_t>> RocksPartitionLog::OldestArrivalTime(
    PartitionRef partition) const {
  return Guarded("reading the oldest record", [&]() -> Result<std::optional<std::int64_t>> {
    auto state = StateOf(partition);
    if (!state.ok()) return state.error();
    if (state->first_valid == state->next) return std::optional<std::int64_t>();
    // Iterate rather than look up first_valid: expiry may have moved past it meanwhile.
    const std::string lower = RecordKeyOf(partition, state->first_valid);
    const std::string upper = RecordKeyOf(partition, state->next);
    const rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions options;
    options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_.db()->NewIterator(options, db_.records()));
    it->Seek(lower);
    if (!it->Valid()) {
      if (!it->status().ok()) return RocksError(it->status(), "reading the oldest record");
      return std::optional<std::int64_t>();
    }
    auto arrival = DecodeRecordArrival(ToView(it->value()));
    if (!arrival) return CorruptRecord();
    return std::optional<std::int64_t>(*arrival);
  });
}

Result<std::int64_t> RocksPartitionLog::ExpireBefore(PartitionRef partition,
                                                     std::int64_t cutoff_ms) {
  return Guarded("expiring records", [&]() -> Result<std::int64_t> {
    auto state = StateOf(partition);
    if (!state.ok()) return state.error();
    // Search outside the write token: records below `next` never change except by expiry,
    // and everything below the result is older than the cutoff whatever happens meanwhile.
    auto new_first = SearchArrival(partition, *state, cutoff_ms);
    if (!new_first.ok()) return new_first.error();
    if (*new_first <= state->first_valid) return std::int64_t{0};

    std::int64_t deleted = 0;
    Status status = committer_.RunExclusive([&]() -> Status {
      std::optional<PartitionState> current = states_.Peek(partition);
      if (!current) return MakeError(ErrorCode::kStreamNotFound, "the stream was deleted");
      if (*new_first <= current->first_valid) return Status::Ok();
      PartitionState updated = *current;
      updated.first_valid = *new_first;
      rocksdb::WriteBatch batch;
      const std::string begin = RecordKeyOf(partition, current->first_valid);
      const std::string end = RecordKeyOf(partition, *new_first);
      rocksdb::Status s = batch.DeleteRange(db_.records(), begin, end);
      if (s.ok()) {
        s = batch.Put(db_.partition_state(),
                      EncodePartitionStateKey(partition.stream_internal_id, partition.partition),
                      EncodePartitionState(updated));
      }
      if (!s.ok()) return RocksError(s, "building an expiry");
      // Publish first: a reader then answers kRecordExpired instead of finding a hole.
      states_.Publish(partition, updated);
      // Not synced: if a crash loses it, the records come back and expire again, and any
      // later synced append makes it durable with itself (the WAL is ordered).
      rocksdb::WriteOptions options = db_.write_options();
      options.sync = false;
      s = db_.db()->Write(options, &batch);
      if (!s.ok()) {
        states_.Publish(partition, *current);
        return RocksError(s, "expiring records");
      }
      deleted = *new_first - current->first_valid;
      return Status::Ok();
    });
    if (!status.ok()) return status.error();
    return deleted;
  });
}

Status RocksPartitionLog::DeleteStreamData(std::uint64_t stream_internal_id,
                                           rocksdb::WriteBatch& batch) {
  return committer_.RunExclusive([&]() -> Status {
    const std::string begin = StreamKeyPrefix(stream_internal_id);
    const std::string end = StreamKeyPrefix(stream_internal_id + 1);
    rocksdb::Status s = batch.DeleteRange(db_.records(), begin, end);
    if (s.ok()) s = batch.DeleteRange(db_.partition_state(), begin, end);
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "deleting a stream");
    states_.MarkDeleted(stream_internal_id);
    return Status::Ok();
  });
}

}  // namespace disd::engine
