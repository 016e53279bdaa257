// Verifying the signature of one received request (sdk-wire.md 3.2-3.5): the canonical
// request is rebuilt from what arrived, trying each form an SDK may have signed (Host with
// and without its port - legacy Python signs it without; the query forms of
// CanonicalQueryCandidates) until one verifies. The payload hash is SHA-256 of the body as
// received (compressed bytes for a compressed body); an `X-Sdk-Content-Sha256` header is
// honoured only when it says UNSIGNED-PAYLOAD (legacy Go signs a wrong value there).
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/signature.h"
#include "disd/common/http_message.h"

namespace disd::auth {

// "yyyyMMddTHHmmssZ" (UTC) as ms since the Unix epoch; nullopt when malformed.
std::optional<std::int64_t> ParseSdkDate(std::string_view text);

// The "name:value\n" block of the signed headers (values trimmed; repeated headers joined
// with ','), with `host` in place of the received Host value.
std::string CanonicalHeaders(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers, std::string_view host);

// The Host values to try: as received, then without its port when it has one.
std::vector<std::string> HostCandidates(std::string_view host);

// True when `header.signature` matches one canonical form of `request` signed with
// `signing_key` at `sdk_date`. The comparison is constant-time.
bool VerifyRequestSignature(const HttpRequest& request, const AuthorizationHeader& header,
                            std::string_view signing_key, std::string_view sdk_date);

}  // namespace disd::auth
