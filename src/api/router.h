// Route matching over a table of {method, pattern, handler}. Patterns are paths whose
// "{name}" segments capture one percent-decoded segment; a trailing '/' on the request path
// is tolerated. Linear search: the table is small.
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/request_context.h"
#include "disd/common/http_message.h"
#include "disd/common/status.h"

namespace disd::api {

struct ApiEnv;
using HandlerFn = HttpResponse (*)(const RequestContext&, ApiEnv&);

// Who may call a route (see api/authorization.h).
enum class Access {
  kProject,        // authenticated; the principal must act in the path's {project_id}
  kSharedRecords,  // authenticated; a principal of another project may also come in, and
                   // the handler lets it through only by stream_id and a stream policy
  kNone,           // no request authentication: the body carries credentials
                   // (POST /v3/auth/tokens) or disd's own test control (manual clock only)
};

struct Route {
  std::string_view method;
  std::string_view pattern;   // e.g. "/v2/{project_id}/streams/{stream_name}"
  HandlerFn handler;
  std::string_view name;      // operation name, for logs and docs
  Access access = Access::kProject;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string_view, std::string>> params;
};

// kRouteNotFound when no pattern matches the path, kMethodNotAllowed when one does but not
// for `method` (the detail lists the allowed methods).
Result<RouteMatch> MatchRoute(std::span<const Route> table, std::string_view method,
                              std::string_view path);

}  // namespace disd::api
