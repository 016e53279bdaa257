// The seam between net/ and everything behind it.
// Thread-safety: see RequestHandler.
#pragma once

#include "disd/common/http_message.h"

namespace disd::api {

// What net/ calls for every request. Implementations must be thread-safe: net/ calls
// Handle concurrently from its worker pool, never from an I/O thread.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
};

}  // namespace disd::api
