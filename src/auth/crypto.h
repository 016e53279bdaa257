// The primitives request signing is built from: SHA-256, HMAC-SHA256, the HKDF-SHA256
// key derivation of the V11 dialect, lower-case hex, constant-time comparison and secure
// random tokens (OpenSSL).
// Thread-safety: pure functions (RandomHex draws from OpenSSL's thread-safe generator).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace disd::auth {

// Raw 32-byte digests.
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of `bytes`.
std::string ToHex(std::string_view bytes);
std::string Sha256Hex(std::string_view data);

// HKDF-SHA256 (RFC 5869) with L = 32: PRK = HMAC(salt, ikm), OKM = HMAC(PRK, info || 0x01).
std::string HkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info);

// Equality without an early exit (CRYPTO_memcmp); sizes are compared first, which leaks
// only the length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `bytes` random bytes from OpenSSL's CSPRNG as hex; empty if the generator failed.
std::string RandomHex(std::size_t bytes);

}  // namespace disd::auth
