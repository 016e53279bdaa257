// Catalog: the durable registry of streams (and, in later issues, apps, checkpoints,
// transfer tasks, tags and policies). Everything above the engine reaches storage through
// this interface and PartitionLog, never through RocksDB directly.
//
// Thread-safety: every method may be called concurrently. Reads return immutable
// snapshots; MutateStream is the one way to read-modify-write a stream atomically.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"

namespace disd::engine {

using StreamSnapshot = std::shared_ptr<const StreamMeta>;

class Catalog {
 public:
  virtual ~Catalog() = default;

  // Persists a new stream and assigns its internal_id (the input's is ignored).
  // Fails kStreamExists when the project already has a stream of that name.
  virtual Result<StreamSnapshot> CreateStream(StreamMeta meta) = 0;

  // kStreamNotFound when absent.
  virtual Result<StreamSnapshot> GetStream(std::string_view project_id,
                                           std::string_view name) const = 0;
  // Looks a stream up by its public stream_id, in any project. kStreamNotFound when absent.
  virtual Result<StreamSnapshot> GetStreamById(std::string_view stream_id) const = 0;

  // The project's streams ordered by name (byte order).
  virtual std::vector<StreamSnapshot> ListStreams(std::string_view project_id) const = 0;
  // Every stream of every project (for background tasks such as retention).
  virtual std::vector<StreamSnapshot> ListAllStreams() const = 0;

  // Atomically applies `mutate` to the current meta of the stream and persists the result
  // (under a lock that serialises all mutations of that stream). If `mutate` returns an
  // error nothing is written and the error is returned. The mutator must not change
  // internal_id, project_id, name or stream_id, and must not call the catalog's write
  // methods (it runs under the catalog's write lock; reads are fine). Returns the new
  // snapshot.
  virtual Result<StreamSnapshot> MutateStream(
      std::string_view project_id, std::string_view name,
      const std::function<Status(StreamMeta&)>& mutate) = 0;

  // Removes the stream and, in the same atomic write, all of its records and partition
  // state. kStreamNotFound when absent.
  virtual Status DeleteStream(std::string_view project_id, std::string_view name) = 0;
};

}  // namespace disd::engine
