// Helpers shared by the translation units of RocksCatalog: the exception guard around
// RocksDB calls and the id counters' encoding. Private to src/engine/.
// Thread-safety: pure functions (ReadCounter reads the thread-safe DB).
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "engine/byte_codec.h"
#include "engine/key_codec.h"
#include "engine/rocks_db.h"

namespace disd::engine {

// Runs `body`, turning an exception (e.g. std::bad_alloc) into kInternal naming `what`.
template <typename F>
auto Guarded(std::string_view what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string(what) + ": " + e.what());
  }
}

inline std::string EncodeCounter(std::uint64_t value) {
  std::string out;
  ByteWriter(out).PutFixed64(value);
  return out;
}

// The persisted value of counter `name` in the catalog column family; 0 when absent.
inline Result<std::uint64_t> ReadCounter(RocksDb& db, std::string_view name) {
  std::string counter;
  rocksdb::Status s =
      db.db()->Get(rocksdb::ReadOptions(), db.catalog(), EncodeCounterKey(name), &counter);
  std::uint64_t persisted = 0;
  if (s.ok()) {
    ByteReader r(counter);
    if (!r.GetFixed64(persisted) || !r.AtEnd()) {
      return MakeError(ErrorCode::kInternal, "corrupt id counter in the catalog");
    }
  } else if (!s.IsNotFound()) {
    return RocksError(s, "loading the catalog");
  }
  return persisted;
}

}  // namespace disd::engine
