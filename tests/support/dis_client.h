// DIS calls over HttpClient, shaped like what the SDKs send (v2 paths, hyphenated cursor
// query keys, base64 record data), plus the checks every test repeats: the DIS error body,
// the expected status, decoded records, decoded cursors, and the hash-space arithmetic of
// design.md computed independently of the server's code.
// Thread-safety: one DisClient per thread (it owns one connection).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/http_client.h"

namespace disd::test {

using nlohmann::json;

inline constexpr char kProject[] = "0123456789abcdef0123456789abcdef";
inline constexpr char kOtherProject[] = "fedcba9876543210fedcba9876543210";
inline constexpr std::int64_t kMaxLong = 9223372036854775807LL;  // 2^63 - 1
inline constexpr std::int64_t kHourMs = 3600LL * 1000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

struct DisResponse {
  int status = 0;
  std::string body;
  json doc;  // the parsed body; null when empty or not JSON
  HttpResponse http;

  std::string Header(std::string_view name) const { return http.Header(name); }
};

// One PutRecords entry; `data` is raw bytes (the client base64-encodes it).
struct Record {
  std::string data;
  std::optional<std::string> partition_id;
  std::optional<std::string> partition_key;
  std::optional<std::string> explicit_hash_key;
  std::optional<std::int64_t> timestamp;
};
Record Plain(std::string data);  // no routing information
Record ToPartition(std::string data, std::string partition_id);
Record WithKey(std::string data, std::string partition_key);
Record WithHash(std::string data, std::string explicit_hash_key);

// One GetRecords entry, decoded.
struct ReadRecord {
  std::int64_t sequence_number = -1;
  std::string data;
  std::int64_t timestamp = 0;
  std::optional<std::string> partition_key;
  json raw;
};

using Query = std::vector<std::pair<std::string, std::string>>;

// "?k=v&k2=v2" (empty for no pairs). Values are percent-encoded except '=' which Java sends
// raw; keys are sent as they are.
std::string BuildQuery(const Query& query);

class DisClient {
 public:
  DisClient(std::string host, std::uint16_t port, std::string project = kProject);

  HttpClient& http() { return http_; }
  const std::string& project() const { return project_; }
  // "/v2/<project>" + suffix.
  std::string V2(std::string_view suffix) const;

  DisResponse Call(std::string_view method, std::string_view target, std::string_view body = {},
                   const HttpHeaders& headers = {});
  DisResponse CallJson(std::string_view method, std::string_view target, const json& body);

  // Streams.
  DisResponse CreateStream(const json& body);
  DisResponse CreateStream(const std::string& name, int partitions,
                           const json& extra = json::object());
  DisResponse ListStreams(const Query& query = {});
  DisResponse Describe(const std::string& name, const Query& query = {});
  DisResponse DeleteStream(const std::string& name);
  DisResponse UpdatePartitionCount(const std::string& name, const json& target);
  DisResponse UpdateStream(const std::string& name, const json& body);  // PUT v3

  // Data.
  DisResponse PutRecords(const json& body);
  DisResponse PutRecords(const std::string& name, const std::vector<Record>& records);
  DisResponse GetCursor(const Query& query);
  DisResponse GetRecords(const std::string& cursor, const Query& extra = {});

  // Test control: advances the manual clock; returns the new now_ms (-1 after a failure).
  std::int64_t AdvanceClock(std::int64_t ms);
  std::int64_t Now() { return AdvanceClock(0); }

  // Conveniences that record a test failure (and return an empty value) on an unexpected
  // answer.
  void CreateOk(const std::string& name, int partitions, const json& extra = json::object());
  json PutOk(const std::string& name, const std::vector<Record>& records);
  // Sequence numbers assigned to `count` records sent to one partition.
  std::vector<std::int64_t> PutToPartition(const std::string& name, int partition, int count,
                                           const std::string& prefix = "r");
  std::string Cursor(const std::string& name, const std::string& partition, const std::string& type,
                     const std::string& sequence_number = {});
  // Reads pages from `cursor` until a page comes back empty. `next` receives the last
  // next_partition_cursor.
  std::vector<ReadRecord> ReadAll(const std::string& cursor, int limit = 1000,
                                  std::string* next = nullptr);
  // TRIM_HORIZON read of one partition.
  std::vector<ReadRecord> ReadPartition(const std::string& name, int partition);
  json DescribeOk(const std::string& name);
  // The partition entry `index` of a describe (limit_partitions 1000); null if missing.
  json Partition(const std::string& name, int index);

 private:
  std::string project_;
  HttpClient http_;
};

// Records of a GetRecords answer, decoded (failures are recorded for malformed entries).
std::vector<ReadRecord> ParseRecords(const DisResponse& response);

// The JSON inside a cursor (base64url, padding optional); null if it is not that.
json DecodeCursor(const std::string& cursor);

// "shardId-%010d".
std::string PartitionId(int index);

// design.md: step = (2^63-1)/n; partition k owns [k*step + (k>0) : (k+1)*step], the last
// ending at 2^63-1.
std::uint64_t RangeLo(int index, int writable);
std::uint64_t RangeHi(int index, int writable);
std::string ExpectedHashRange(int index, int writable);
int PartitionForHash(std::uint64_t hash, int writable);
// First 8 bytes of MD5(key), big-endian, masked to 63 bits.
std::uint64_t KeyHash(std::string_view key);

std::string Base64(std::string_view bytes);
// A deterministic byte string of `size` bytes seeded by `seed`.
std::string Bytes(std::size_t size, unsigned seed = 1);

// The error body: HTTP `status`; `error_code` and `errorCode` equal to `code` (any "DIS."
// code when `code` is empty); `error_msg` and `message` non-empty and equal;
// Content-Type application/json; an X-Request-Id header.
::testing::AssertionResult IsDisError(const DisResponse& response, int status,
                                      std::string_view code);
// HTTP `status` and an X-Request-Id; a non-empty body must be JSON labelled so. Prints the
// body on failure.
::testing::AssertionResult HasStatus(const DisResponse& response, int status);

}  // namespace disd::test
