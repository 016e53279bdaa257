// Errors as values: Error (a code plus a human detail), Status (ok or an Error) and
// Result<T> (a T or an Error). No module below api/ throws for an expected failure.
// Thread-safety: value types; a const instance may be shared.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "disd/common/error_code.h"

namespace disd {

// What went wrong. `detail` fills the "%s" of the error table's message (or is appended),
// so it is user-visible: never put secrets or internal paths in it.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
};

inline Error MakeError(ErrorCode code, std::string detail = {}) {
  return Error{code, std::move(detail)};
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  const Error& error() const { return error_; }
  ErrorCode code() const { return error_.code; }

 private:
  Error error_;
  bool ok_ = true;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}    // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(status.error()) {}  // REQUIRES: !status.ok()

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace disd

// Propagates a failed Status/Result from the enclosing function.
#define DISD_RETURN_IF_ERROR(expr)                 \
  do {                                             \
    auto disd_status_ = (expr);                    \
    if (!disd_status_.ok()) return disd_status_.error(); \
  } while (false)
