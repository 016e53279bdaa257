#include "disd/dump/secret_box.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "disd/common/base64.h"

namespace disd::dump {
namespace {

constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

Error CryptoError(std::string_view what) {
  return MakeError(ErrorCode::kInternal, "secret " + std::string(what));
}

}  // namespace

Result<std::string> SecretKeyFromHex(std::string_view hex) {
  if (hex.size() != 2 * kSecretKeyBytes) {
    return MakeError(ErrorCode::kInvalidRequest, "a key must be 64 hex digits");
  }
  std::string key(kSecretKeyBytes, '\0');
  for (std::size_t i = 0; i < kSecretKeyBytes; ++i) {
    const int hi = HexDigit(hex[2 * i]);
    const int lo = HexDigit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return MakeError(ErrorCode::kInvalidRequest, "a key must be 64 hex digits");
    }
    key[i] = static_cast<char>(hi * 16 + lo);
  }
  return key;
}

std::string SecretKeyToHex(std::string_view key) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(key.size() * 2);
  for (unsigned char c : key) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

Result<std::string> GenerateSecretKey() {
  std::string key(kSecretKeyBytes, '\0');
  if (RAND_bytes(Bytes(key), static_cast<int>(key.size())) != 1) {
    return CryptoError("key generation failed");
  }
  return key;
}

Result<std::string> SealSecret(std::string_view key, std::string_view plaintext) {
  if (key.size() != kSecretKeyBytes) return CryptoError("key has the wrong size");
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  unsigned char* nonce = Bytes(out);
  if (RAND_bytes(nonce, kNonceBytes) != 1) return CryptoError("nonce generation failed");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  int tail = 0;
  unsigned char* body = nonce + kNonceBytes;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), body, &len, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), body + len, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, body + plaintext.size()) !=
          1) {
    return CryptoError("sealing failed");
  }
  return Base64Encode(out);
}

Result<std::string> OpenSecret(std::string_view key, std::string_view sealed) {
  if (key.size() != kSecretKeyBytes) return CryptoError("key has the wrong size");
  auto raw = Base64Decode(sealed);
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return CryptoError("is malformed");
  const std::size_t body_size = raw->size() - kNonceBytes - kTagBytes;
  unsigned char* nonce = Bytes(*raw);
  unsigned char* body = nonce + kNonceBytes;
  unsigned char* tag = body + body_size;
  std::string plaintext(body_size, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  int tail = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), Bytes(plaintext), &len, body, static_cast<int>(body_size)) !=
          1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), Bytes(plaintext) + len, &tail) != 1) {
    return CryptoError("does not open with this key");
  }
  return plaintext;
}

}  // namespace disd::dump
