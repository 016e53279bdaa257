#include "disd/dump/object_store.h"

#include <filesystem>

#include "dump/object_stores.h"

namespace disd::dump {

Result<std::unique_ptr<ObjectStore>> MakeObjectStore(const ObjectStoreConfig& config,
                                                     std::string_view data_dir,
                                                     const Clock& clock) {
  switch (config.kind) {
    case ObjectStoreKind::kLocal: {
      std::filesystem::path root(config.root_dir);
      if (root.is_relative()) root = std::filesystem::path(data_dir) / root;
      return MakeLocalObjectStore(root.lexically_normal().string());
    }
    case ObjectStoreKind::kS3:
      return MakeS3ObjectStore(config, clock);
  }
  return MakeError(ErrorCode::kInternal, "unknown object store kind");
}

}  // namespace disd::dump
