#include "api/authorization.h"

namespace disd::api {

bool PolicyPrincipalMatches(std::string_view rule, const auth::Principal& principal) {
  if (principal.anonymous) return false;
  if (rule == "*") return true;
  const auto dot = rule.rfind('.');
  if (dot == std::string_view::npos) return rule == principal.domain;  // a bare domain
  const std::string_view domain = rule.substr(0, dot);
  const std::string_view user = rule.substr(dot + 1);
  if (domain != principal.domain) return false;
  return user == "*" || user == principal.user;
}

Status CheckStreamPolicy(const auth::Principal& principal, const engine::StreamMeta& stream,
                         std::string_view action) {
  bool accepted = false;
  for (const auto& rule : stream.policies) {
    if (rule.action_type != action || !PolicyPrincipalMatches(rule.principal, principal)) continue;
    if (rule.effect == "deny") {
      accepted = false;
      break;
    }
    if (rule.effect == "accept") accepted = true;
  }
  if (accepted) return Status::Ok();
  return MakeError(ErrorCode::kInvalidRbac, "[no stream policy lets " + principal.domain + "." +
                                                principal.user + " " + std::string(action) +
                                                " on stream " + stream.stream_id + "]");
}

Error ProjectForbidden(const auth::Principal& principal, std::string_view project_id) {
  return MakeError(ErrorCode::kInvalidRbac, "[" + principal.domain + "." + principal.user +
                                                " may not act in project " +
                                                std::string(project_id) + "]");
}

}  // namespace disd::api
