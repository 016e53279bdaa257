// The /api/put exchange of the OpenTSDB sink, without the transport: request bodies in
// bounded chunks and the reading of OpenTSDB's answers (http://opentsdb.net/docs/build/
// html/api_http/put.html). Requests go to `/api/put?details&sync&sync_timeout=60000`:
//  - 204 (or 200 with a details body that counts no failure): every point is stored;
//  - 400 (or 200) with the details body {"success":n,"failed":m,"errors":[{"datapoint":
//    {...},"error":"..."}]}: the points named in `errors` were refused one by one, the
//    others stored. Each error's datapoint is mapped back to a point of the request by
//    metric, timestamp and tags (the first not yet mapped). Errors that say the storage
//    failed ("Storage exception", "Please throttle", timeouts) and a body counting
//    `timeouts` are not the point's fault: the whole request is to be retried;
//  - an unparsable 400, a details body whose errors cannot all be mapped, any other status:
//    a failure (the caller retries the batch).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "dump/opentsdb_points.h"

namespace disd::dump {

// The query every put carries.
inline constexpr std::string_view kTsdbPutTarget = "/api/put?details&sync&sync_timeout=60000";

struct TsdbChunk {
  std::size_t first = 0;  // index of the chunk's first point
  std::size_t count = 0;
  std::string body;  // a JSON array of `count` points
};

// Splits `points` into JSON array bodies of at most `max_points` points and, unless a
// single point is larger, at most `max_bytes` bytes, in order.
std::vector<TsdbChunk> ChunkPoints(const std::vector<TsdbPoint>& points, std::size_t max_points,
                                   std::size_t max_bytes);

struct TsdbRefusal {
  std::size_t point = 0;  // index into the chunk's points
  std::string error;      // OpenTSDB's reason
};

// Reads the answer to a put of `points` (the chunk's points, in request order). Returns the
// points OpenTSDB refused (empty: all stored), or kInternal when the request failed as a
// whole and must be retried; the detail quotes the status and the start of the body.
Result<std::vector<TsdbRefusal>> ReadPutAnswer(int status, std::string_view body,
                                               const TsdbPoint* points, std::size_t count);

}  // namespace disd::dump
