#include "app/dump_setup.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "disd/common/clock.h"
#include "disd/dump/object_store.h"
#include "disd/dump/secret_box.h"

namespace disd::app {
namespace {

Error KeyFileError(const std::filesystem::path& path, const std::string& why) {
  return MakeError(ErrorCode::kInternal, "secrets key file " + path.string() + ": " + why);
}

// Writes `text` to `path` with mode 0600 via a synced temporary file and a rename.
Status WriteKeyFile(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return KeyFileError(tmp, "cannot be created");
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) return KeyFileError(tmp, "cannot be written");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return KeyFileError(path, "cannot be renamed into place");
  return Status::Ok();
}

}  // namespace

Result<std::string> LoadOrCreateSecretsKey(const std::string& data_dir,
                                           const std::string& configured_hex) {
  if (!configured_hex.empty()) return dump::SecretKeyFromHex(configured_hex);
  const std::filesystem::path path = std::filesystem::path(data_dir) / kSecretsKeyFile;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    auto key = dump::SecretKeyFromHex(hex);
    if (!key.ok()) return KeyFileError(path, "does not hold 64 hex digits");
    return key;
  }
  auto key = dump::GenerateSecretKey();
  if (!key.ok()) return key.error();
  DISD_RETURN_IF_ERROR(WriteKeyFile(path, dump::SecretKeyToHex(*key) + "\n"));
  return key;
}

void CreateConfiguredBuckets(const dump::DestinationRegistry& destinations,
                             const std::string& data_dir, spdlog::logger& logger) {
  SystemClock clock;  // S3 servers check request dates against the real time
  for (const auto& config : destinations.config().object_stores) {
    if (config.create_buckets.empty()) continue;
    auto store = dump::MakeObjectStore(config, data_dir, clock);
    if (!store.ok()) {
      logger.warn("object store {}: {}", config.name, store.error().detail);
      continue;
    }
    for (const auto& bucket : config.create_buckets) {
      Status s = (*store)->CreateBucket(bucket);
      if (!s.ok()) {
        logger.warn("object store {}: cannot create bucket {}: {}", config.name, bucket,
                    s.error().detail);
      }
    }
  }
}

}  // namespace disd::app
