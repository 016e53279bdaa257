#include "disd/api/dis_api.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "api/api_env.h"
#include "api/request_context.h"
#include "api/responses.h"
#include "api/router.h"
#include "api/routes.h"

namespace disd::api {

namespace {

// The pipeline for one request: route, authenticate (scoped by the path's project), run
// the handler. Unexpected exceptions become DIS.5000 and are logged, never sent.
class DisApi final : public RequestHandler {
 public:
  DisApi(service::DisServices& services, const auth::Authenticator& authenticator,
         ApiOptions options)
      : env_{services, std::move(options)}, authenticator_(authenticator) {}

  HttpResponse Handle(const HttpRequest& request) override {
    try {
      return Dispatch(request);
    } catch (const std::exception& e) {
      if (env_.options.logger) {
        env_.options.logger->error("request {} failed: {}", request.request_id, e.what());
      }
      return FromError(MakeError(ErrorCode::kInternal));
    }
  }

 private:
  HttpResponse Dispatch(const HttpRequest& request) {
    std::string_view target = request.target;
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    auto match = MatchRoute(DisRoutes(), request.method, path);
    if (!match.ok()) return FromError(match.error());
    RequestContext ctx{request, std::string(path), QueryParams::Parse(query),
                       std::move(match->params), {}};
    auto principal = authenticator_.Authenticate(request, ctx.project_id());
    if (!principal.ok()) return FromError(principal.error());
    ctx.principal = std::move(*principal);
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
