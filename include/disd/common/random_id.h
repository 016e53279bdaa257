// Opaque identifiers: stream ids (19 characters as the real service shows), request ids.
// Thread-safety: the generator is internally synchronised.
#pragma once

#include <cstddef>
#include <mutex>
#include <random>
#include <string>

namespace disd {

class IdGenerator {
 public:
  IdGenerator();
  // `length` characters from [A-Za-z0-9].
  std::string Alphanumeric(std::size_t length);
  // 32 lowercase hex characters.
  std::string Hex32();

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;  // GUARDED_BY(mu_)
};

}  // namespace disd
