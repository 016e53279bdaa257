#include "disd/api/dis_api.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <optional>

#include "api/api_env.h"
#include "api/authorization.h"
#include "api/content_encoding.h"
#include "api/request_context.h"
#include "api/responses.h"
#include "api/router.h"
#include "api/routes.h"

namespace disd::api {

namespace {

std::string_view ProjectOf(const RouteMatch& match) {
  for (const auto& [name, value] : match.params) {
    if (name == "project_id") return value;
  }
  return {};
}

// The pipeline for one request: route, authenticate (scoped by the path's project) over
// the body as received, authorise, decompress the body, run the handler. Unexpected
// exceptions become DIS.5000 and are logged, never sent.
class DisApi final : public RequestHandler {
 public:
  DisApi(service::DisServices& services, const auth::Authenticator& authenticator,
         ApiOptions options)
      : env_{services, std::move(options)}, authenticator_(authenticator) {}

  HttpResponse Handle(const HttpRequest& request) override {
    const auto started = std::chrono::steady_clock::now();
    const Route* route = nullptr;
    HttpResponse response;
    try {
      response = Dispatch(request, &route);
    } catch (const std::exception& e) {
      if (env_.options.logger) {
        env_.options.logger->error("request {} failed: {}", request.request_id, e.what());
      }
      response = FromError(MakeError(ErrorCode::kInternal));
    }
    if (env_.options.request_metrics != nullptr) {
      env_.options.request_metrics->Record(route, response.status,
                                           std::chrono::steady_clock::now() - started);
    }
    return response;
  }

 private:
  // Sets *route once the request matched one.
  HttpResponse Dispatch(const HttpRequest& request, const Route** route) {
    std::string_view target = request.target;
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    auto match = MatchRoute(DisRoutes(), request.method, path);
    if (!match.ok()) return FromError(match.error());
    *route = match->route;
    const Access access = match->route->access;
    auth::Principal principal;
    if (access != Access::kNone) {
      const std::string_view project_id = ProjectOf(*match);
      auto authenticated = authenticator_.Authenticate(request, project_id);
      if (!authenticated.ok()) return FromError(authenticated.error());
      principal = std::move(*authenticated);
      if (access == Access::kProject && !principal.MayActIn(project_id)) {
        return FromError(ProjectForbidden(principal, project_id));
      }
    }
    // Decompressed only now: the signature covers the bytes as they were sent.
    auto decoded = DecodeRequestBody(request, env_.options.max_decoded_body_bytes);
    if (!decoded.ok()) return FromError(decoded.error());
    std::optional<HttpRequest> decoded_request;
    if (decoded->has_value()) {
      decoded_request.emplace(HttpRequest{request.method, request.target, request.headers,
                                          std::move(**decoded), request.request_id,
                                          request.remote_address});
    }
    RequestContext ctx{decoded_request ? *decoded_request : request, std::string(path),
                       QueryParams::Parse(query), std::move(match->params), std::move(principal)};
    return match->route->handler(ctx, env_);
  }

  ApiEnv env_;
  const auth::Authenticator& authenticator_;
};

}  // namespace

std::unique_ptr<RequestHandler> MakeDisApi(service::DisServices& services,
                                           const auth::Authenticator& authenticator,
                                           ApiOptions options) {
  return std::make_unique<DisApi>(services, authenticator, std::move(options));
}

}  // namespace disd::api
