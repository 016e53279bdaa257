// The one error table: for every ErrorCode its HTTP status, DIS code and message template
// (seed 004 section 7.1). Every response that reports an error is built from here.
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "disd/common/status.h"

namespace disd {

struct ErrorInfo {
  ErrorCode code;
  int http_status;
  std::string_view dis_code;   // "DIS.4301"
  std::string_view message;    // may contain one "%s" for Error::detail
};

// The row for `code`. Every ErrorCode has one (a unit test walks the whole enum).
const ErrorInfo& DescribeError(ErrorCode code);

// All rows, in enum order.
std::span<const ErrorInfo> AllErrors();

// The user-facing message: the template with "%s" replaced by the detail, or the detail
// appended after a space when the template has no "%s" (and nothing when it is empty).
std::string FormatErrorMessage(const Error& error);

}  // namespace disd
