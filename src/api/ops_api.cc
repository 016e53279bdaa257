#include "disd/api/ops_api.h"

#include <string_view>

namespace disd::api {
namespace {

constexpr const char* kPlainText = "text/plain; charset=utf-8";
constexpr const char* kPrometheusText = "text/plain; version=0.0.4; charset=utf-8";

HttpResponse Plain(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = kPlainText;
  r.body = std::move(body);
  return r;
}

class OpsApi final : public RequestHandler {
 public:
  explicit OpsApi(OpsCallbacks callbacks) : callbacks_(std::move(callbacks)) {}

  HttpResponse Handle(const HttpRequest& request) override {
    std::string_view path = request.target;
    path = path.substr(0, path.find('?'));
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    const bool known =
        path == "/livez" || path == "/healthz" || path == "/readyz" || path == "/metrics";
    if (!known) return Plain(404, "not found; try /livez, /readyz or /metrics\n");
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head) {
      HttpResponse r = Plain(405, "only GET and HEAD\n");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    HttpResponse r = Answer(path);
    if (head) r.body.clear();
    return r;
  }

 private:
  HttpResponse Answer(std::string_view path) {
    if (path == "/livez" || path == "/healthz") return Plain(200, "ok\n");
    if (path == "/readyz") {
      const Readiness readiness = callbacks_.readiness ? callbacks_.readiness() : Readiness{};
      if (readiness.ready) return Plain(200, "ready\n");
      return Plain(503, readiness.reason.empty() ? "not ready\n" : readiness.reason + "\n");
    }
    HttpResponse r = Plain(200, callbacks_.metrics_text ? callbacks_.metrics_text() : "");
    r.content_type = kPrometheusText;
    return r;
  }

  OpsCallbacks callbacks_;
};

}  // namespace

std::unique_ptr<RequestHandler> MakeOpsApi(OpsCallbacks callbacks) {
  return std::make_unique<OpsApi>(std::move(callbacks));
}

}  // namespace disd::api
