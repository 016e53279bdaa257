// POST /v3/auth/tokens: the IAM (Keystone v3) call that exchanges a password identity with
// a project scope for a token, answered like IAM: 201, the token in `X-Subject-Token`, and
// a body describing it. SDKs configured for token auth (X-Auth-Token) can thus work
// against disd alone. The password never appears in a response or a log.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"

namespace disd::api {

namespace {

using nlohmann::json;

Error Invalid(std::string what) { return MakeError(ErrorCode::kInvalidRequest, "[" + what + "]"); }

// The value at `path` (keys, outer first) of `doc`; nullptr when absent.
const json* At(const json& doc, std::initializer_list<const char*> path) {
  const json* at = &doc;
  for (const char* key : path) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

// The string at `path`; empty when absent or not a string.
std::string StringAt(const json& doc, std::initializer_list<const char*> path) {
  const json* at = At(doc, path);
  return at != nullptr && at->is_string() ? at->get<std::string>() : std::string();
}

Result<auth::PasswordIdentity> ParseIdentity(const json& body) {
  const json* identity = At(body, {"auth", "identity"});
  const json* methods = At(body, {"auth", "identity", "methods"});
  if (methods == nullptr || !methods->is_array() || methods->size() != 1 ||
      (*methods)[0] != "password") {
    return Invalid("auth.identity.methods must be [\"password\"]");
  }
  auth::PasswordIdentity out;
  out.user = StringAt(*identity, {"password", "user", "name"});
  out.password = StringAt(*identity, {"password", "user", "password"});
  out.domain = StringAt(*identity, {"password", "user", "domain", "name"});
  if (out.user.empty() || out.password.empty() || out.domain.empty()) {
    return Invalid("auth.identity.password.user needs name, password and domain.name");
  }
  out.project = StringAt(body, {"auth", "scope", "project", "id"});
  if (out.project.empty()) out.project = StringAt(body, {"auth", "scope", "project", "name"});
  if (out.project.empty()) return Invalid("auth.scope.project needs an id (or name)");
  return out;
}

// IAM's time format: "2026-11-22T09:38:46.123000Z".
std::string IsoTime(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d000Z", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return text;
}

}  // namespace

HttpResponse IssueToken(const RequestContext& ctx, ApiEnv& env) {
  if (env.options.token_issuer == nullptr) {
    return FromError(MakeError(ErrorCode::kRouteNotFound, "[token issuance is not configured]"));
  }
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto identity = ParseIdentity(*body);
  if (!identity.ok()) return FromError(identity.error());
  auto issued = env.options.token_issuer->IssueToken(*identity, ctx.http.remote_address);
  if (!issued.ok()) return FromError(issued.error());
  const json domain = {{"name", issued->principal.domain}, {"id", issued->principal.domain}};
  HttpResponse response = JsonResponse(
      201,
      {{"token",
        {{"methods", {"password"}},
         {"issued_at", IsoTime(issued->issued_at_ms)},
         {"expires_at", IsoTime(issued->expires_at_ms)},
         {"user",
          {{"name", issued->principal.user}, {"id", issued->principal.user}, {"domain", domain}}},
         {"project", {{"id", identity->project}, {"name", identity->project}, {"domain", domain}}},
         {"roles", json::array()},
         {"catalog", json::array()}}}});
  response.headers.emplace_back("X-Subject-Token", std::move(issued->token));
  return response;
}

}  // namespace disd::api
