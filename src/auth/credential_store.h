// The configured identities, indexed: access keys by AK, users by (domain, name), static
// tokens by the SHA-256 of the token (so a lookup never compares secrets byte by byte).
// Thread-safety: immutable after construction; concurrent reads are safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "disd/auth/auth_settings.h"
#include "disd/auth/authenticator.h"

namespace disd::auth {

struct KeyEntry {
  const UserConfig* user = nullptr;
  const AccessKeyConfig* key = nullptr;
};

class CredentialStore {
 public:
  // REQUIRES: ValidateAuthSettings(settings).ok().
  explicit CredentialStore(const AuthSettings& settings);
  CredentialStore(const CredentialStore&) = delete;
  CredentialStore& operator=(const CredentialStore&) = delete;

  // nullptr when no user has the key.
  const KeyEntry* FindAccessKey(std::string_view access_key) const;
  // nullptr when there is no such user.
  const UserConfig* FindUser(std::string_view domain, std::string_view name) const;
  // The user a static token acts as; nullptr when the token is not configured.
  const UserConfig* FindStaticToken(std::string_view token) const;

 private:
  const std::vector<UserConfig> users_;  // never resized: the indexes point into it
  std::unordered_map<std::string, KeyEntry> keys_;
  std::unordered_map<std::string, const UserConfig*> users_by_name_;  // "domain\nname"
  std::unordered_map<std::string, const UserConfig*> static_tokens_;  // sha256(token)
};

// The principal a configured user authenticates as: acting in the user's projects.
Principal PrincipalOf(const UserConfig& user);

}  // namespace disd::auth
