// The authentication step of the request pipeline (net -> auth -> api): decides who sent a
// request and in which projects that principal may act. AuthService (auth_service.h) is
// the implementation the server runs: AK/SK signatures of the three SDK dialects, tokens,
// temporary credentials, open or strict mode. OpenAuthenticator accepts everyone as
// anonymous (for tests of layers above auth).
// Thread-safety: implementations must be safe for concurrent calls.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"

namespace disd {
struct HttpRequest;
}

namespace disd::auth {

struct Principal {
  std::string domain;      // account; empty for anonymous
  std::string user;        // empty for anonymous
  bool anonymous = true;   // open mode without (known) credentials
  std::vector<std::string> projects;  // where it may act; unused when anonymous

  // Anonymous principals (open mode) may act in every project; others in their own.
  bool MayActIn(std::string_view project_id) const {
    return anonymous ||
           std::find(projects.begin(), projects.end(), project_id) != projects.end();
  }
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Authenticates `request` (its body as received, still compressed) for an operation in
  // `project_id` (from the path; empty for routes outside a project). Errors are the
  // DIS.41xx codes (HTTP 441), kInvalidProjectId when X-Project-Id contradicts the path,
  // and kTooManyFailures for a client that failed too often.
  virtual Result<Principal> Authenticate(const HttpRequest& request,
                                         std::string_view project_id) const = 0;
};

// Accepts every request as anonymous.
class OpenAuthenticator final : public Authenticator {
 public:
  Result<Principal> Authenticate(const HttpRequest& request,
                                 std::string_view project_id) const override;
};

// An IAM-style password identity with a project scope (POST /v3/auth/tokens).
struct PasswordIdentity {
  std::string domain;
  std::string user;
  std::string password;
  std::string project;  // the scope: a project id of the user
};

struct IssuedToken {
  std::string token;  // the X-Subject-Token value
  std::int64_t issued_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  Principal principal;  // acting only in the scoped project
};

class TokenIssuer {
 public:
  virtual ~TokenIssuer() = default;
  // kAuthFailed for an unknown user or a wrong password, kInvalidRbac for a project the
  // user may not use, kTooManyFailures for a client (`remote_address`) that failed too
  // often.
  virtual Result<IssuedToken> IssueToken(const PasswordIdentity& identity,
                                         std::string_view remote_address) = 0;
};

}  // namespace disd::auth
