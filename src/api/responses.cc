#include "api/responses.h"

#include <nlohmann/json.hpp>

#include "disd/api/error_response.h"

namespace disd::api {

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = kJsonContentType;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse EmptyResponse(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

HttpResponse FromError(const Error& error) { return ErrorResponse(error); }

}  // namespace disd::api
