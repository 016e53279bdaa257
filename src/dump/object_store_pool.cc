#include "dump/object_store_pool.h"

#include "dump/sigv4.h"

namespace disd::dump {

Result<ObjectStore*> ObjectStorePool::Get(const ObjectStoreConfig& config) {
  // The credentials are part of the identity (DMS sink tasks override them); hashed so the
  // map never holds a second copy of the secret in clear.
  const std::string id = config.name + '\n' + config.access_key + '\n' +
                         Sha256Hex(config.secret_key) + '\n' + config.endpoint + '\n' +
                         config.root_dir;
  std::lock_guard lock(mu_);
  auto it = stores_.find(id);
  if (it != stores_.end()) return it->second.get();
  auto store = MakeObjectStore(config, data_dir_, signing_clock_);
  if (!store.ok()) return store.error();
  ObjectStore* raw = store->get();
  stores_.emplace(id, std::move(*store));
  return raw;
}

}  // namespace disd::dump
