// The local-directory object store (object_stores.h).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "dump/object_stores.h"

namespace disd::dump {
namespace {

namespace fs = std::filesystem;

// Temporary files of an unfinished Put; never listed, never a valid key segment.
constexpr std::string_view kTempPrefix = ".disd-tmp-";

Error IoError(std::string_view what, std::string_view bucket, std::string_view key, int err) {
  return MakeError(ErrorCode::kObsAccessError, std::string(what) + " " + std::string(bucket) + "/" +
                                                   std::string(key) + ": " + std::strerror(err));
}

Status ValidateBucket(std::string_view bucket) {
  if (bucket.empty() || bucket == "." || bucket == ".." ||
      bucket.find('/') != std::string_view::npos || bucket.find('\0') != std::string_view::npos) {
    return MakeError(ErrorCode::kBucketNotFound, "invalid bucket name");
  }
  return Status::Ok();
}

std::string TempSuffix() {
  static std::atomic<std::uint64_t> counter{std::random_device{}()};
  return std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

class LocalObjectStore final : public ObjectStore {
 public:
  explicit LocalObjectStore(std::string root) : root_(std::move(root)) {}

  Result<bool> BucketExists(std::string_view bucket) override {
    if (!ValidateBucket(bucket).ok()) return false;
    std::error_code ec;
    return fs::is_directory(root_ / bucket, ec);
  }

  Status CreateBucket(std::string_view bucket) override {
    DISD_RETURN_IF_ERROR(ValidateBucket(bucket));
    std::error_code ec;
    fs::create_directories(root_ / bucket, ec);
    if (ec) return IoError("cannot create bucket", bucket, "", ec.value());
    return Status::Ok();
  }

  Status Put(std::string_view bucket, std::string_view key, std::string_view bytes,
             std::string_view) override {
    DISD_RETURN_IF_ERROR(CheckBucket(bucket));
    DISD_RETURN_IF_ERROR(ValidateLocalKey(key));
    const fs::path target = root_ / bucket / key;
    const fs::path dir = target.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return IoError("cannot create the directory of", bucket, key, ec.value());
    const fs::path temp = dir / (std::string(kTempPrefix) + TempSuffix());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return IoError("cannot write", bucket, key, errno);
    if (!WriteAll(fd, bytes) || ::fsync(fd) != 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return IoError("cannot write", bucket, key, err);
    }
    if (::close(fd) != 0 || ::rename(temp.c_str(), target.c_str()) != 0) {
      const int err = errno;
      ::unlink(temp.c_str());
      return IoError("cannot write", bucket, key, err);
    }
    if (!SyncDirectory(dir)) return IoError("cannot sync the directory of", bucket, key, errno);
    return Status::Ok();
  }

  Result<std::optional<std::string>> Get(std::string_view bucket, std::string_view key) override {
    DISD_RETURN_IF_ERROR(CheckBucket(bucket));
    if (!ValidateLocalKey(key).ok()) return std::optional<std::string>();
    const fs::path path = root_ / bucket / key;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::optional<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError("cannot read", bucket, key, errno);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return IoError("cannot read", bucket, key, EIO);
    return std::optional<std::string>(std::move(content).str());
  }

  Result<std::vector<std::string>> List(std::string_view bucket, std::string_view prefix) override {
    DISD_RETURN_IF_ERROR(CheckBucket(bucket));
    const fs::path base = root_ / bucket;
    std::vector<std::string> keys;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(base, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      if (it->path().filename().string().starts_with(kTempPrefix)) continue;
      std::string key = it->path().lexically_relative(base).generic_string();
      if (key.starts_with(prefix)) keys.push_back(std::move(key));
    }
    if (ec) return IoError("cannot list", bucket, prefix, ec.value());
    std::sort(keys.begin(), keys.end());
    return keys;
  }

 private:
  Status CheckBucket(std::string_view bucket) {
    auto exists = BucketExists(bucket);
    if (!exists.ok()) return exists.status();
    if (!*exists) {
      return MakeError(ErrorCode::kBucketNotFound, "bucket " + std::string(bucket));
    }
    return Status::Ok();
  }

  const fs::path root_;
};

}  // namespace

Status ValidateLocalKey(std::string_view key) {
  if (key.empty() || key.front() == '/' || key.back() == '/' ||
      key.find('\0') != std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidRequest, "invalid object key");
  }
  std::size_t start = 0;
  while (start <= key.size()) {
    std::size_t end = key.find('/', start);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view segment = key.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." || segment.starts_with(kTempPrefix)) {
      return MakeError(ErrorCode::kInvalidRequest, "invalid object key");
    }
    start = end + 1;
  }
  return Status::Ok();
}

std::unique_ptr<ObjectStore> MakeLocalObjectStore(std::string root_dir) {
  return std::make_unique<LocalObjectStore>(std::move(root_dir));
}

}  // namespace disd::dump
