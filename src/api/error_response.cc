#include "disd/api/error_response.h"

#include <nlohmann/json.hpp>

#include "disd/common/error_table.h"

namespace disd::api {

HttpResponse ErrorResponse(const Error& error) {
  const ErrorInfo& info = DescribeError(error.code);
  const std::string message = FormatErrorMessage(error);
  nlohmann::json body = {
      {"error_code", info.dis_code},
      {"error_msg", message},
      {"errorCode", info.dis_code},
      {"message", message},
  };
  HttpResponse response;
  response.status = info.http_status;
  response.content_type = "application/json;charset=UTF-8";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace disd::api
