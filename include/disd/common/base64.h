// Base64 (RFC 4648). Record data uses the standard alphabet with padding, as every DIS SDK
// sends it; cursors use the URL-safe alphabet. Decoding is strict: wrong alphabet, missing
// or misplaced padding, whitespace or non-zero trailing bits are rejected.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace disd {

enum class Base64Alphabet { kStandard, kUrlSafe };

std::string Base64Encode(std::string_view bytes, Base64Alphabet alphabet = Base64Alphabet::kStandard);

// Appends the encoding to `out` (no intermediate allocation).
void Base64EncodeTo(std::string_view bytes, std::string& out,
                    Base64Alphabet alphabet = Base64Alphabet::kStandard);

// Standard: padding required. URL-safe: padding optional (Java's URL decoder accepts both).
std::optional<std::string> Base64Decode(std::string_view text,
                                        Base64Alphabet alphabet = Base64Alphabet::kStandard);

// Length of the decoded form of a valid padded standard encoding, without decoding.
std::size_t Base64DecodedSize(std::string_view text);

}  // namespace disd
