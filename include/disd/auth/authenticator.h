// The authentication step of the request pipeline (net -> auth -> api). Decides who sent
// a request and which project it may act in. This issue ships only OpenAuthenticator
// (the local-emulator default: everyone is accepted and scoped by the {project_id} in the
// path); signature and token verification plug in behind the same interface.
// Thread-safety: implementations must be safe for concurrent calls.
#pragma once

#include <string>
#include <string_view>

#include "disd/common/status.h"

namespace disd {
struct HttpRequest;
}

namespace disd::auth {

struct Principal {
  std::string domain;      // account; empty for anonymous
  std::string user;        // empty for anonymous
  bool anonymous = true;
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Authenticates `request` for an operation in `project_id` (from the path).
  virtual Result<Principal> Authenticate(const HttpRequest& request,
                                         std::string_view project_id) const = 0;
};

// Accepts every request as anonymous.
class OpenAuthenticator final : public Authenticator {
 public:
  Result<Principal> Authenticate(const HttpRequest& request,
                                 std::string_view project_id) const override;
};

}  // namespace disd::auth
