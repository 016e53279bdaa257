// Helpers shared by the translation units of RocksCatalog: the exception guard around
// RocksDB calls, the catalog range scan and the id counters' encoding. Private to src/engine/.
// Thread-safety: pure functions (ReadCounter reads the thread-safe DB).
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
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

// Calls `visit(key, value)` for every catalog entry in [begin, end) until it returns an
// error; returns the iterator's status otherwise.
template <typename Visit>
Status Scan(RocksDb& db, const std::string& begin, const std::string& end, Visit&& visit) {
  const rocksdb::Slice upper(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db.db()->NewIterator(options, db.catalog()));
  for (it->Seek(begin); it->Valid(); it->Next()) {
    DISD_RETURN_IF_ERROR(visit(ToView(it->key()), ToView(it->value())));
  }
  if (!it->status().ok()) return RocksError(it->status(), "reading the catalog");
  return Status::Ok();
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
