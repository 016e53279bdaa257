// Builds the DIS error response from the one error table: HTTP status from the table and
// the body both SDK families parse:
//   {"error_code":"DIS.4301","error_msg":"...","errorCode":"DIS.4301","message":"..."}
// with Content-Type application/json. Used by api/ and by net/ for transport errors.
// Thread-safety: pure function.
#pragma once

#include "disd/common/http_message.h"
#include "disd/common/status.h"

namespace disd::api {

HttpResponse ErrorResponse(const Error& error);

}  // namespace disd::api
