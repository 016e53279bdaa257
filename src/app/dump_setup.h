// Start-up steps of the dump machinery that touch the outside world: the secrets key
// (dump.secrets_key_hex, else a key generated once into the data directory) and the
// buckets each object store is configured to create. Private to src/app/.
// Thread-safety: called once, from ServerApp::Create.
#pragma once

#include <memory>
#include <string>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"

namespace spdlog {
class logger;
}

namespace disd::app {

// The file in the data directory that holds a generated secrets key (64 hex digits).
inline constexpr char kSecretsKeyFile[] = "dump-secrets.key";

// The 32-byte secrets key: `configured_hex` when set, else the key in
// <data_dir>/dump-secrets.key, created (mode 0600, written atomically) when absent.
// kInternal when the file cannot be read or written or does not hold 64 hex digits.
Result<std::string> LoadOrCreateSecretsKey(const std::string& data_dir,
                                           const std::string& configured_hex);

// Creates every object store's create_buckets (idempotent). A store that cannot be
// reached is logged as a warning, not fatal: tasks on it fail with DIS.4306/DIS.4310 until
// it is.
void CreateConfiguredBuckets(const dump::DestinationRegistry& destinations,
                             const std::string& data_dir, spdlog::logger& logger);

}  // namespace disd::app
