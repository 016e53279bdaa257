#include "api/router.h"

namespace disd::api {

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool Matches(std::string_view pattern, const std::vector<std::string_view>& segments,
             std::vector<std::pair<std::string_view, std::string>>* params) {
  auto parts = SplitPath(pattern);
  if (parts.size() != segments.size()) return false;
  std::vector<std::pair<std::string_view, std::string>> captured;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      auto value = PercentDecode(segments[i]);
      if (!value || value->empty()) return false;
      captured.emplace_back(p.substr(1, p.size() - 2), std::move(*value));
    } else if (p != segments[i]) {
      return false;
    }
  }
  *params = std::move(captured);
  return true;
}

}  // namespace

Result<RouteMatch> MatchRoute(std::span<const Route> table, std::string_view method,
                              std::string_view path) {
  const auto segments = SplitPath(path);
  std::string allowed;
  for (const Route& route : table) {
    RouteMatch match;
    if (!Matches(route.pattern, segments, &match.params)) continue;
    if (route.method == method) {
      match.route = &route;
      return match;
    }
    if (!allowed.empty()) allowed += ", ";
    allowed += route.method;
  }
  if (!allowed.empty()) {
    return MakeError(ErrorCode::kMethodNotAllowed,
                     "[" + std::string(method) + " is not allowed on this path; allowed: " + allowed + "]");
  }
  return MakeError(ErrorCode::kRouteNotFound, "[no such path: " + std::string(path) + "]");
}

}  // namespace disd::api
