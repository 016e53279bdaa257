#include "disd/auth/authenticator.h"

namespace disd::auth {

Result<Principal> OpenAuthenticator::Authenticate(const HttpRequest& /*request*/,
                                                  std::string_view /*project_id*/) const {
  return Principal{};
}

}  // namespace disd::auth
