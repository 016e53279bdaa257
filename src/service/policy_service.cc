#include "disd/service/policy_service.h"

#include <algorithm>

namespace disd::service {

namespace {

Error Invalid(std::string detail) {
  return MakeError(ErrorCode::kInvalidRequest, std::move(detail));
}

Error StreamMissing(std::string_view name, std::string_view project_id) {
  return MakeError(ErrorCode::kStreamNotFound,
                   "[" + std::string(name) + "][" + std::string(project_id) + "]");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ValidPrincipal(std::string_view p) {
  if (p.empty() || p.size() > 256) return false;
  return std::none_of(p.begin(), p.end(), [](char c) {
    return c == ' ' || c == '\t' || c == ',' || static_cast<unsigned char>(c) < 0x20;
  });
}

// The principals of a request, split, trimmed and validated; empty when none was given.
Result<std::vector<std::string>> Principals(const PolicyRequest& r) {
  std::string_view list = r.principal_name.empty() ? r.principal_id : r.principal_name;
  std::vector<std::string> out;
  if (list.empty()) return out;
  while (true) {
    const auto comma = list.find(',');
    std::string_view one = Trim(list.substr(0, comma));
    if (!ValidPrincipal(one)) return Invalid("[principal_name has an empty or malformed entry]");
    if (std::find(out.begin(), out.end(), one) == out.end()) out.emplace_back(one);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

// A bare domain means every user of it.
std::string PrincipalOf(const std::string& name) {
  if (name == "*" || name.find('.') != std::string::npos) return name;
  return name + ".*";
}

Status CheckStreamId(const engine::StreamMeta& stream, const PolicyRequest& r) {
  if (!r.stream_id.empty() && r.stream_id != stream.stream_id) {
    return Invalid("[stream_id " + r.stream_id + " is not the id of stream " + stream.name + "]");
  }
  return Status::Ok();
}

Status CheckAction(std::string_view action) {
  if (action == "putRecords" || action == "getRecords" || action == "getStreamInfo") {
    return Status::Ok();
  }
  return Invalid("[action_type must be putRecords, getRecords or getStreamInfo]");
}

Status CheckEffect(std::string_view effect) {
  if (effect == "accept" || effect == "deny") return Status::Ok();
  return Invalid("[effect must be accept or deny]");
}

}  // namespace

PolicyService::PolicyService(engine::Catalog& catalog) : catalog_(catalog) {}

Status PolicyService::Add(std::string_view project_id, std::string_view stream_name,
                          const PolicyRequest& request) {
  auto principals = Principals(request);
  if (!principals.ok()) return principals.error();
  if (principals->empty()) return Invalid("[principal_name is required]");
  if (request.action_type.empty()) return Invalid("[action_type is required]");
  DISD_RETURN_IF_ERROR(CheckAction(request.action_type));
  const std::string effect = request.effect.empty() ? "deny" : request.effect;
  DISD_RETURN_IF_ERROR(CheckEffect(effect));
  auto updated =
      catalog_.MutateStream(project_id, stream_name, [&](engine::StreamMeta& meta) -> Status {
        DISD_RETURN_IF_ERROR(CheckStreamId(meta, request));
        for (const std::string& name : *principals) {
          engine::StreamPolicy rule{PrincipalOf(name), name, request.action_type, effect};
          auto same = std::find_if(meta.policies.begin(), meta.policies.end(), [&](const auto& p) {
            return p.principal_name == rule.principal_name && p.action_type == rule.action_type;
          });
          if (same != meta.policies.end()) {
            *same = std::move(rule);
          } else {
            meta.policies.push_back(std::move(rule));
          }
        }
        if (meta.policies.size() > kMaxPoliciesPerStream) {
          return Invalid("[a stream has at most " + std::to_string(kMaxPoliciesPerStream) +
                         " policies]");
        }
        return Status::Ok();
      });
  if (!updated.ok() && updated.error().code == ErrorCode::kStreamNotFound) {
    return StreamMissing(stream_name, project_id);
  }
  return updated.status();
}

Result<PolicyList> PolicyService::List(std::string_view project_id,
                                       std::string_view stream_name) const {
  auto stream = catalog_.GetStream(project_id, stream_name);
  if (!stream.ok()) return StreamMissing(stream_name, project_id);
  return PolicyList{(*stream)->stream_id, (*stream)->policies};
}

Status PolicyService::Delete(std::string_view project_id, std::string_view stream_name,
                             const PolicyRequest& request) {
  auto principals = Principals(request);
  if (!principals.ok()) return principals.error();
  if (!request.action_type.empty()) DISD_RETURN_IF_ERROR(CheckAction(request.action_type));
  if (!request.effect.empty()) DISD_RETURN_IF_ERROR(CheckEffect(request.effect));
  auto matches = [&](const engine::StreamPolicy& p) {
    if (!principals->empty() &&
        std::find(principals->begin(), principals->end(), p.principal_name) == principals->end()) {
      return false;
    }
    if (!request.action_type.empty() && p.action_type != request.action_type) return false;
    return request.effect.empty() || p.effect == request.effect;
  };
  auto updated =
      catalog_.MutateStream(project_id, stream_name, [&](engine::StreamMeta& meta) -> Status {
        DISD_RETURN_IF_ERROR(CheckStreamId(meta, request));
        std::erase_if(meta.policies, matches);
        return Status::Ok();
      });
  if (!updated.ok() && updated.error().code == ErrorCode::kStreamNotFound) {
    return StreamMissing(stream_name, project_id);
  }
  return updated.status();
}

}  // namespace disd::service
