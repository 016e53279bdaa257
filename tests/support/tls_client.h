// HTTPS for the integration tests: a blocking one-request-per-connection client over
// TLS (Boost.Beast over OpenSSL, trusting exactly the test's CA file and checking the
// host name), and a self-signed certificate made in-process for 127.0.0.1 and localhost.
// Every call has a deadline, so a server that never answers fails the test.
// Thread-safety: functions without shared state; one call per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "support/http_client.h"

namespace disd::test {

// Writes a fresh self-signed certificate (EC P-256, CN=localhost, SAN localhost,
// 127.0.0.1 and ::1, valid for a day) and its private key as PEM. False on failure.
bool WriteSelfSignedCertificate(const std::filesystem::path& cert_file,
                                const std::filesystem::path& key_file);

// One HTTPS request to 127.0.0.1:`port`, verifying the server against `ca_file` for the
// name `verify_host`. Adds Host (127.0.0.1:port) unless `headers` names one, and
// Content-Length. On failure `status` is 0 and `body` says why (handshake or
// verification errors included).
HttpResponse HttpsRequest(std::uint16_t port, const std::filesystem::path& ca_file,
                          std::string_view method, std::string_view target,
                          std::string_view body = {}, const HttpHeaders& headers = {},
                          std::string_view verify_host = "127.0.0.1");

}  // namespace disd::test
