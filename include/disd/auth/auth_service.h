// The authenticator disd runs: verifies the SDK request signatures (the three dialects of
// sdk-wire.md section 3, clock-skew window on X-Sdk-Date, scope date matching it),
// X-Auth-Token (configured tokens and tokens it issued), X-Security-Token for temporary
// credentials, and that X-Project-Id, when sent, names the path's project. In open mode a
// request without credentials, or whose access key or token disd does not know, is
// anonymous; credentials that are malformed, or that name a known key or token and do not
// verify, are refused in both modes. Failures are rate-limited per client address.
// Also issues tokens for POST /v3/auth/tokens. Secrets never appear in errors or logs.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "disd/auth/auth_settings.h"
#include "disd/auth/authenticator.h"
#include "disd/common/clock.h"

namespace disd::auth {

class CredentialStore;
class TokenStore;
class FailureLimiter;

class AuthService final : public Authenticator, public TokenIssuer {
 public:
  // `clock` must outlive the service. REQUIRES: ValidateAuthSettings(settings).ok().
  AuthService(const AuthSettings& settings, const Clock& clock);
  ~AuthService() override;
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  Result<Principal> Authenticate(const HttpRequest& request,
                                 std::string_view project_id) const override;
  Result<IssuedToken> IssueToken(const PasswordIdentity& identity,
                                 std::string_view remote_address) override;

  AuthMode mode() const { return mode_; }

 private:
  // The principal of the request's credentials, without rate limiting; nullopt for
  // "anonymous" (open mode only).
  Result<std::optional<Principal>> Identify(const HttpRequest& request) const;
  Result<std::optional<Principal>> VerifySignature(const HttpRequest& request,
                                                   std::string_view authorization) const;
  Result<std::optional<Principal>> VerifyToken(std::string_view token) const;

  const AuthMode mode_;
  const std::int64_t clock_skew_ms_;
  const Clock& clock_;
  std::unique_ptr<CredentialStore> credentials_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<FailureLimiter> failures_;
};

}  // namespace disd::auth
