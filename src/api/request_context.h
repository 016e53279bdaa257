// What a handler sees of one request: the raw HttpRequest, the decoded query parameters,
// the path parameters captured by the route, and the authenticated principal.
// Thread-safety: one context per request, used by one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "disd/auth/authenticator.h"
#include "disd/common/http_message.h"
#include "disd/common/status.h"

namespace disd::api {

// Query parameters in order of appearance, percent-decoded. Empty pieces ("a=1&&b=2", a
// trailing '&') are skipped; a repeated name keeps its first value.
class QueryParams {
 public:
  static QueryParams Parse(std::string_view query);
  std::optional<std::string> Get(std::string_view name) const;
  // Get() parsed as a decimal integer; kInvalidRequest naming the parameter when malformed.
  Result<std::optional<std::int64_t>> GetInt(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

struct RequestContext {
  const HttpRequest& http;
  std::string path;
  QueryParams query;
  std::vector<std::pair<std::string_view, std::string>> path_params;  // {name} -> value
  auth::Principal principal;

  // The captured value of path parameter `name` (empty if the route has none).
  std::string_view Param(std::string_view name) const;
  std::string_view project_id() const { return Param("project_id"); }
  // The body as a JSON object: kEmptyRequest when empty, kInvalidRequest when not an object.
  Result<nlohmann::json> JsonBody() const;
  // Like JsonBody, but an empty (or all-whitespace) body is the empty object.
  Result<nlohmann::json> OptionalJsonBody() const;
  // Get(name) with "" meaning absent (Go sends every parameter, empty when unset).
  std::string QueryString(std::string_view name) const { return query.Get(name).value_or(""); }
};

// Percent-decodes `text`; nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);

}  // namespace disd::api
