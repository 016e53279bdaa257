// The two ObjectStore implementations behind MakeObjectStore (object_store.h), exposed to
// the dump module and its tests.
//
//   local  bucket = sub-directory of the root, object key = relative path. Put writes a
//          temporary file beside the target, fsyncs it, renames it over the target and
//          fsyncs the directory, so replacement is atomic and survives a crash. Keys must
//          be relative paths without empty, "." or ".." segments.
//   s3     an S3-compatible server (OBS, Ceph RGW) over HTTP(S), every request signed with
//          SigV4 (sigv4.h) dated from `clock`, path-style or virtual-hosted addressing.
//
// Thread-safety: both are safe for concurrent use.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/dump/object_store.h"

namespace disd::dump {

std::unique_ptr<ObjectStore> MakeLocalObjectStore(std::string root_dir);

// Fails kInvalidRequest when config.endpoint is not "http(s)://host[:port]".
Result<std::unique_ptr<ObjectStore>> MakeS3ObjectStore(const ObjectStoreConfig& config,
                                                       const Clock& clock);

// Ok when `key` is a usable local object key (see above); kInvalidRequest otherwise.
Status ValidateLocalKey(std::string_view key);

}  // namespace disd::dump
