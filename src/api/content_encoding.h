// Request body compression as the Java SDK sends it (body.compress.enabled; sdk-wire.md
// 4.3): `Content-Encoding: lz4 | snappy | zstd`, LZ4 and Snappy as raw blocks, zstd as
// standard frames; lz4 carries the uncompressed length in `x-dis-lz4-content-length`
// (required: a raw LZ4 block does not record it), zstd may carry it in
// `x-dis-zstd-content-length`. Decompression is bounded: output beyond `max_bytes` is
// never produced, and answered 413 (kPayloadTooLarge), so a decompression bomb costs
// disd at most `max_bytes` of memory. A length header that disagrees with the data is
// kInvalidRequest. Responses are never compressed.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/http_message.h"
#include "disd/common/status.h"

namespace disd::api {

enum class BodyEncoding { kIdentity, kLz4, kSnappy, kZstd };

// The coding named by a Content-Encoding value (case-insensitive; empty or "identity" is
// kIdentity). kInvalidRequest for any other coding.
Result<BodyEncoding> ParseContentEncoding(std::string_view value);

// `declared_length` is the x-dis-lz4-content-length value as received.
Result<std::string> DecompressLz4(std::string_view input, std::string_view declared_length,
                                  std::size_t max_bytes);
Result<std::string> DecompressSnappy(std::string_view input, std::size_t max_bytes);
// `declared_length` is the x-dis-zstd-content-length value as received; empty = absent.
Result<std::string> DecompressZstd(std::string_view input, std::string_view declared_length,
                                   std::size_t max_bytes);

// The body the handlers should read: nullopt when the request is not compressed (use the
// body as it is), else the decompressed bytes.
Result<std::optional<std::string>> DecodeRequestBody(const HttpRequest& request,
                                                     std::size_t max_bytes);

}  // namespace disd::api
