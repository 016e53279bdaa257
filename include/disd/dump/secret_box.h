// SecretBox: secrets at rest in transfer-task descriptors, sealed with AES-256-GCM
// (OpenSSL EVP). The DWS `user_password` is sealed under the KMS key the task names
// (destinations.kms_keys), the DMS sink task's `secret_key` under dump.secrets_key_hex.
// A sealed value is base64 (standard alphabet) of nonce (12 random bytes) | ciphertext |
// tag (16 bytes); sealing the same plaintext twice gives different values.
//
// Thread-safety: pure functions (OpenSSL's RNG is thread-safe).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "disd/common/status.h"

namespace disd::dump {

inline constexpr std::size_t kSecretKeyBytes = 32;

// 64 hex digits (either case) -> the 32 key bytes; kInvalidRequest otherwise.
Result<std::string> SecretKeyFromHex(std::string_view hex);
// The 64 lowercase hex digits of a 32-byte key.
std::string SecretKeyToHex(std::string_view key);
// A fresh random 32-byte key.
Result<std::string> GenerateSecretKey();

// REQUIRES: key.size() == kSecretKeyBytes (else kInternal).
Result<std::string> SealSecret(std::string_view key, std::string_view plaintext);
// kInternal when `sealed` is malformed, was sealed under another key or was altered.
Result<std::string> OpenSecret(std::string_view key, std::string_view sealed);

}  // namespace disd::dump
