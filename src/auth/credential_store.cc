#include "auth/credential_store.h"

#include "auth/crypto.h"

namespace disd::auth {

namespace {
std::string UserKey(std::string_view domain, std::string_view name) {
  std::string key(domain);
  key.push_back('\n');
  key += name;
  return key;
}
}  // namespace

CredentialStore::CredentialStore(const AuthSettings& settings) : users_(settings.users) {
  for (const UserConfig& user : users_) {
    users_by_name_.emplace(UserKey(user.domain, user.name), &user);
    for (const AccessKeyConfig& key : user.access_keys) {
      keys_.emplace(key.access_key, KeyEntry{&user, &key});
    }
  }
  for (const TokenConfig& token : settings.tokens) {
    if (const UserConfig* user = FindUser(token.domain, token.user)) {
      static_tokens_.emplace(Sha256(token.token), user);
    }
  }
}

const KeyEntry* CredentialStore::FindAccessKey(std::string_view access_key) const {
  const auto it = keys_.find(std::string(access_key));
  return it == keys_.end() ? nullptr : &it->second;
}

const UserConfig* CredentialStore::FindUser(std::string_view domain, std::string_view name) const {
  const auto it = users_by_name_.find(UserKey(domain, name));
  return it == users_by_name_.end() ? nullptr : it->second;
}

const UserConfig* CredentialStore::FindStaticToken(std::string_view token) const {
  const auto it = static_tokens_.find(Sha256(token));
  return it == static_tokens_.end() ? nullptr : it->second;
}

Principal PrincipalOf(const UserConfig& user) {
  return Principal{user.domain, user.name, /*anonymous=*/false, user.projects};
}

}  // namespace disd::auth
