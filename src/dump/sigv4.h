// AWS Signature Version 4 (the S3 dialect), computed in-house over OpenSSL: canonical
// request, string to sign, signing key and the Authorization header value, exactly as
// sinks-and-engines.md 1.4 spells the algorithm. Pure functions: the caller supplies the
// timestamp (from the real wall clock; servers reject skew above 15 minutes) and every
// header it wants signed (host, x-amz-date and, for S3, x-amz-content-sha256).
//
// Encoding rules (S3): the path is percent-encoded once, every byte outside
// [A-Za-z0-9-_.~/] (so UTF-8 is encoded per byte and '+' is never a space); query names and
// values are encoded the same way but '/' too; a value-less parameter signs as "name=".
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disd::dump {

using SigV4Params = std::vector<std::pair<std::string, std::string>>;

struct SigV4Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region;
  std::string service = "s3";
};

struct SigV4Request {
  std::string method;        // "GET", "PUT", ...
  std::string path;          // decoded path, e.g. "/bucket/a b+c.txt"; "" means "/"
  SigV4Params query;         // decoded names and values, any order
  SigV4Params headers;       // every header to sign, any case, any order
  std::string payload_hash;  // hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"
};

struct SigV4Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-amz-content-sha256;x-amz-date"
  std::string signature;       // lower-case hex
  std::string authorization;   // the Authorization header value
};

// "YYYYMMDD'T'HHMMSS'Z'" of a Unix time in milliseconds (UTC).
std::string AmzDate(std::int64_t unix_ms);

// Percent-encodes every byte outside [A-Za-z0-9-_.~], and '/' too unless keep_slash.
std::string SigV4Encode(std::string_view text, bool keep_slash);

// The canonical query string: encoded pairs sorted by name then value, joined by '&'.
std::string CanonicalQueryString(const SigV4Params& query);

// Lower-case hex SHA-256 (the payload hash of a signed body).
std::string Sha256Hex(std::string_view data);

// Signs `request` at `amz_date` (AmzDate format; its first 8 characters date the scope).
SigV4Signature SignV4(const SigV4Request& request, const SigV4Credentials& credentials,
                      std::string_view amz_date);

}  // namespace disd::dump
