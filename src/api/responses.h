// Response builders shared by the handlers. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "disd/common/http_message.h"
#include "disd/common/status.h"

namespace disd::api {

inline constexpr const char* kJsonContentType = "application/json;charset=UTF-8";

HttpResponse JsonResponse(int status, const nlohmann::json& body);
HttpResponse EmptyResponse(int status);
HttpResponse FromError(const Error& error);

}  // namespace disd::api
