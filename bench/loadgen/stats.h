// Latency samples and the one-line JSON result every workload prints.
// Thread-safety: a Latencies belongs to one thread until it is merged; JsonLine is a value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace disd::bench {

class Latencies {
 public:
  void Reserve(std::size_t n) { us_.reserve(n); }
  void Add(std::uint64_t ns) { us_.push_back(static_cast<double>(ns) / 1000.0); }
  void Merge(const Latencies& other) { us_.insert(us_.end(), other.us_.begin(), other.us_.end()); }
  std::size_t count() const { return us_.size(); }
  // The p-th percentile (0-100) in milliseconds, nearest rank; 0 without samples. Sorts.
  double PercentileMs(double p);

 private:
  std::vector<double> us_;
  bool sorted_ = false;
};

// {"k":v,...} built field by field.
class JsonLine {
 public:
  JsonLine& Add(std::string_view key, std::string_view value);
  JsonLine& Add(std::string_view key, const char* value) { return Add(key, std::string_view(value)); }
  JsonLine& Add(std::string_view key, double value);
  JsonLine& Add(std::string_view key, std::int64_t value);
  JsonLine& Add(std::string_view key, int value) { return Add(key, static_cast<std::int64_t>(value)); }
  JsonLine& Add(std::string_view key, std::size_t value) {
    return Add(key, static_cast<std::int64_t>(value));
  }
  // Adds p50/p99/p999 (ms) under `prefix`.
  JsonLine& AddPercentiles(std::string_view prefix, Latencies& latencies);
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_;
};

}  // namespace disd::bench
