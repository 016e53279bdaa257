#include "disd/auth/auth_service.h"

#include <cstdlib>

#include "auth/credential_store.h"
#include "auth/crypto.h"
#include "auth/failure_limiter.h"
#include "auth/request_signature.h"
#include "auth/signature.h"
#include "auth/token_store.h"
#include "disd/common/http_message.h"

namespace disd::auth {

namespace {

using MaybePrincipal = std::optional<Principal>;

bool SameIdentity(const Principal& a, const Principal& b) {
  return a.domain == b.domain && a.user == b.user;
}

}  // namespace

AuthService::AuthService(const AuthSettings& settings, const Clock& clock)
    : mode_(settings.mode),
      clock_skew_ms_(settings.clock_skew_ms),
      clock_(clock),
      credentials_(std::make_unique<CredentialStore>(settings)),
      tokens_(std::make_unique<TokenStore>(clock, settings.token_ttl_ms,
                                           static_cast<std::size_t>(settings.max_issued_tokens))),
      failures_(std::make_unique<FailureLimiter>(clock, settings.failure_burst,
                                                 settings.failure_refill_per_minute)) {}

AuthService::~AuthService() = default;

Result<Principal> AuthService::Authenticate(const HttpRequest& request,
                                            std::string_view project_id) const {
  const std::string client = FailureLimiter::ClientOf(request.remote_address);
  if (failures_->Blocked(client)) return MakeError(ErrorCode::kTooManyFailures);
  auto identity = Identify(request);
  if (!identity.ok()) {
    failures_->RecordFailure(client);
    return identity.error();
  }
  const std::string_view header_project = request.Header("X-Project-Id");
  if (!project_id.empty() && !header_project.empty() && header_project != project_id) {
    return MakeError(ErrorCode::kInvalidProjectId, "[X-Project-Id " + std::string(header_project) +
                                                       " is not the project of the path " +
                                                       std::string(project_id) + "]");
  }
  if (!identity->has_value()) return Principal{};
  return std::move(**identity);
}

Result<std::optional<Principal>> AuthService::Identify(const HttpRequest& request) const {
  const std::string_view authorization = request.Header("Authorization");
  const std::string_view token = request.Header("X-Auth-Token");
  if (authorization.empty() && token.empty()) {
    if (mode_ == AuthMode::kStrict) return MakeError(ErrorCode::kEmptyAuthorization);
    return MaybePrincipal();
  }
  MaybePrincipal by_signature, by_token;
  if (!authorization.empty()) {
    auto verified = VerifySignature(request, authorization);
    if (!verified.ok()) return verified.error();
    by_signature = std::move(*verified);
  }
  if (!token.empty()) {
    auto verified = VerifyToken(token);
    if (!verified.ok()) return verified.error();
    by_token = std::move(*verified);
  }
  if (by_signature && by_token && !SameIdentity(*by_signature, *by_token)) {
    return MakeError(ErrorCode::kAuthFailed,
                     "[the signature and X-Auth-Token belong to different users]");
  }
  return by_signature ? std::move(by_signature) : std::move(by_token);
}

Result<std::optional<Principal>> AuthService::VerifySignature(
    const HttpRequest& request, std::string_view authorization) const {
  auto header = ParseAuthorization(authorization);
  if (!header.ok()) return header.error();
  const std::string_view sdk_date = request.Header("X-Sdk-Date");
  if (sdk_date.empty()) return MakeError(ErrorCode::kEmptySdkDate);
  const auto date_ms = ParseSdkDate(sdk_date);
  if (!date_ms) {
    return MakeError(ErrorCode::kInvalidSdkDate, "[X-Sdk-Date must be yyyyMMddTHHmmssZ in UTC]");
  }
  if (header->dialect != Dialect::kSdkAccess && header->scope.date != sdk_date.substr(0, 8)) {
    return MakeError(ErrorCode::kInvalidSdkDate,
                     "[the date of the credential scope is not the date of X-Sdk-Date]");
  }
  const KeyEntry* key = credentials_->FindAccessKey(header->access_key);
  if (key == nullptr) {
    if (mode_ == AuthMode::kOpen) return MaybePrincipal();
    return MakeError(ErrorCode::kUnknownAccessKey, "[" + header->access_key + "]");
  }
  if (std::llabs(clock_.NowMs() - *date_ms) > clock_skew_ms_) {
    return MakeError(ErrorCode::kInvalidSdkDate, "[X-Sdk-Date is more than " +
                                                     std::to_string(clock_skew_ms_ / 60000) +
                                                     " minutes away from the server's time]");
  }
  const std::string_view security_token = request.Header("X-Security-Token");
  if (!key->key->security_token.empty()) {
    if (!ConstantTimeEquals(security_token, key->key->security_token)) {
      return MakeError(ErrorCode::kInvalidToken,
                       "[X-Security-Token is missing or wrong for this access key]");
    }
  } else if (!security_token.empty()) {
    return MakeError(ErrorCode::kInvalidToken, "[this access key takes no X-Security-Token]");
  }
  const std::string signing_key = SigningKey(*header, key->key->secret_key);
  if (!VerifyRequestSignature(request, *header, signing_key, sdk_date)) {
    return MakeError(ErrorCode::kSignatureMismatch, "[access key " + header->access_key + "]");
  }
  return MaybePrincipal(PrincipalOf(*key->user));
}

Result<std::optional<Principal>> AuthService::VerifyToken(std::string_view token) const {
  if (const UserConfig* user = credentials_->FindStaticToken(token)) {
    return MaybePrincipal(PrincipalOf(*user));
  }
  TokenStore::Lookup found = tokens_->Find(token);
  switch (found.state) {
    case TokenStore::State::kValid:
      return MaybePrincipal(std::move(found.principal));
    case TokenStore::State::kExpired:
      return MakeError(ErrorCode::kInvalidToken, "[the token has expired]");
    case TokenStore::State::kUnknown:
      break;
  }
  if (mode_ == AuthMode::kOpen) return MaybePrincipal();
  return MakeError(ErrorCode::kInvalidToken, "[unknown token]");
}

Result<IssuedToken> AuthService::IssueToken(const PasswordIdentity& identity,
                                            std::string_view remote_address) {
  const std::string client = FailureLimiter::ClientOf(remote_address);
  if (failures_->Blocked(client)) return MakeError(ErrorCode::kTooManyFailures);
  const UserConfig* user = credentials_->FindUser(identity.domain, identity.user);
  // Digests have a fixed length, so the comparison time says nothing about the password.
  const bool password_ok = user != nullptr && !user->password.empty() &&
                           ConstantTimeEquals(Sha256(identity.password), Sha256(user->password));
  if (!password_ok) {
    failures_->RecordFailure(client);
    return MakeError(ErrorCode::kAuthFailed, "[wrong domain, user name or password]");
  }
  Principal principal = PrincipalOf(*user);
  if (!principal.MayActIn(identity.project)) {
    return MakeError(ErrorCode::kInvalidRbac, "[" + user->domain + "." + user->name +
                                                  " may not use project " + identity.project + "]");
  }
  principal.projects = {identity.project};
  return tokens_->Issue(std::move(principal));
}

}  // namespace disd::auth
