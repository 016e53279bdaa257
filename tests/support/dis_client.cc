#include "support/dis_client.h"

#include <openssl/evp.h>

#include <cstdio>

#include "disd/common/base64.h"

namespace disd::test {
namespace {

constexpr std::uint64_t kMaxHash = 0x7fffffffffffffffULL;

std::string ValueEncode(std::string_view value) {
  // Java sends query values raw; only characters that would break the query are escaped,
  // except '=' (cursor padding), which every parser splits correctly on the first '='.
  std::string out;
  for (char c : value) {
    if (c == '=') {
      out.push_back(c);
    } else {
      out += UrlEncode(std::string_view(&c, 1));
    }
  }
  return out;
}

}  // namespace

Record Plain(std::string data) {
  Record r;
  r.data = std::move(data);
  return r;
}

Record ToPartition(std::string data, std::string partition_id) {
  Record r;
  r.data = std::move(data);
  r.partition_id = std::move(partition_id);
  return r;
}

Record WithKey(std::string data, std::string partition_key) {
  Record r;
  r.data = std::move(data);
  r.partition_key = std::move(partition_key);
  return r;
}

Record WithHash(std::string data, std::string explicit_hash_key) {
  Record r;
  r.data = std::move(data);
  r.explicit_hash_key = std::move(explicit_hash_key);
  return r;
}

std::string BuildQuery(const Query& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    out += out.empty() ? "?" : "&";
    out += k;
    out += "=";
    out += ValueEncode(v);
  }
  return out;
}

DisClient::DisClient(std::string host, std::uint16_t port, std::string project)
    : project_(std::move(project)), http_(std::move(host), port) {}

std::string DisClient::V2(std::string_view suffix) const {
  return "/v2/" + project_ + std::string(suffix);
}

DisResponse DisClient::Call(std::string_view method, std::string_view target, std::string_view body,
                            const HttpHeaders& headers) {
  DisResponse r;
  r.http = http_.Request(method, target, body, headers);
  r.status = r.http.status;
  r.body = r.http.body;
  if (!r.body.empty()) r.doc = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (r.doc.is_discarded()) r.doc = nullptr;
  return r;
}

DisResponse DisClient::CallJson(std::string_view method, std::string_view target,
                                const json& body) {
  return Call(method, target, body.dump());
}

DisResponse DisClient::CreateStream(const json& body) {
  return CallJson("POST", V2("/streams"), body);
}

DisResponse DisClient::CreateStream(const std::string& name, int partitions, const json& extra) {
  json body = {{"stream_name", name}, {"partition_count", partitions}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return CreateStream(body);
}

DisResponse DisClient::ListStreams(const Query& query) {
  return Call("GET", V2("/streams") + BuildQuery(query));
}

DisResponse DisClient::Describe(const std::string& name, const Query& query) {
  return Call("GET", V2("/streams/" + name) + BuildQuery(query));
}

DisResponse DisClient::DeleteStream(const std::string& name) {
  return Call("DELETE", V2("/streams/" + name));
}

DisResponse DisClient::UpdatePartitionCount(const std::string& name, const json& target) {
  return CallJson("PUT", V2("/streams/" + name),
                  {{"stream_name", name}, {"target_partition_count", target}});
}

DisResponse DisClient::UpdateStream(const std::string& name, const json& body) {
  return CallJson("PUT", "/v3/" + project_ + "/streams/" + name, body);
}

DisResponse DisClient::PutRecords(const json& body) {
  return CallJson("POST", V2("/records"), body);
}

DisResponse DisClient::PutRecords(const std::string& name, const std::vector<Record>& records) {
  json list = json::array();
  for (const auto& r : records) {
    json e = {{"data", Base64(r.data)}};
    if (r.partition_id) e["partition_id"] = *r.partition_id;
    if (r.partition_key) e["partition_key"] = *r.partition_key;
    if (r.explicit_hash_key) e["explicit_hash_key"] = *r.explicit_hash_key;
    if (r.timestamp) e["timestamp"] = *r.timestamp;
    list.push_back(std::move(e));
  }
  return PutRecords(json{{"stream_name", name}, {"records", std::move(list)}});
}

DisResponse DisClient::GetCursor(const Query& query) {
  return Call("GET", V2("/cursors") + BuildQuery(query));
}

DisResponse DisClient::GetRecords(const std::string& cursor, const Query& extra) {
  Query q = {{"partition-cursor", cursor}};
  q.insert(q.end(), extra.begin(), extra.end());
  return Call("GET", V2("/records") + BuildQuery(q));
}

std::int64_t DisClient::AdvanceClock(std::int64_t ms) {
  DisResponse r = CallJson("POST", "/_disd/clock/advance", {{"advance_ms", ms}});
  if (r.status != 200 || !r.doc.is_object() || !r.doc.contains("now_ms") ||
      !r.doc["now_ms"].is_number_integer()) {
    ADD_FAILURE() << "clock advance by " << ms << " failed: " << r.status << " " << r.body;
    return -1;
  }
  return r.doc["now_ms"].get<std::int64_t>();
}

void DisClient::CreateOk(const std::string& name, int partitions, const json& extra) {
  DisResponse r = CreateStream(name, partitions, extra);
  EXPECT_EQ(r.status, 201) << "creating " << name << ": " << r.body;
}

json DisClient::PutOk(const std::string& name, const std::vector<Record>& records) {
  DisResponse r = PutRecords(name, records);
  if (r.status != 200 || !r.doc.is_object() || r.doc.value("failed_record_count", -1) != 0) {
    ADD_FAILURE() << "PutRecords to " << name << " failed: " << r.status << " " << r.body;
    return json();
  }
  return r.doc;
}

std::vector<std::int64_t> DisClient::PutToPartition(const std::string& name, int partition,
                                                    int count, const std::string& prefix) {
  std::vector<Record> records;
  for (int i = 0; i < count; ++i) {
    records.push_back(ToPartition(prefix + std::to_string(i), std::to_string(partition)));
  }
  json doc = PutOk(name, records);
  std::vector<std::int64_t> sns;
  if (!doc.is_object()) return sns;
  for (const auto& e : doc["records"]) {
    if (!e.contains("sequence_number") || !e["sequence_number"].is_string()) {
      ADD_FAILURE() << "record without a string sequence_number: " << e.dump();
      continue;
    }
    sns.push_back(std::stoll(e["sequence_number"].get<std::string>()));
  }
  return sns;
}

std::string DisClient::Cursor(const std::string& name, const std::string& partition,
                              const std::string& type, const std::string& sequence_number) {
  Query q = {{"stream-name", name}, {"partition-id", partition}, {"cursor-type", type}};
  if (!sequence_number.empty()) q.emplace_back("starting-sequence-number", sequence_number);
  DisResponse r = GetCursor(q);
  if (r.status != 200 || !r.doc.is_object() || !r.doc.contains("partition_cursor") ||
      !r.doc["partition_cursor"].is_string()) {
    ADD_FAILURE() << "GetCursor " << type << " " << sequence_number << " on " << name << "/"
                  << partition << " failed: " << r.status << " " << r.body;
    return {};
  }
  return r.doc["partition_cursor"].get<std::string>();
}

std::vector<ReadRecord> DisClient::ReadAll(const std::string& cursor, int limit,
                                           std::string* next) {
  std::vector<ReadRecord> all;
  std::string current = cursor;
  for (int page = 0; page < 100000; ++page) {
    DisResponse r = GetRecords(current, {{"limit", std::to_string(limit)}});
    if (r.status != 200 || !r.doc.is_object()) {
      ADD_FAILURE() << "GetRecords failed: " << r.status << " " << r.body;
      break;
    }
    auto records = ParseRecords(r);
    if (!r.doc.contains("next_partition_cursor") || !r.doc["next_partition_cursor"].is_string()) {
      ADD_FAILURE() << "GetRecords without next_partition_cursor: " << r.body;
      break;
    }
    current = r.doc["next_partition_cursor"].get<std::string>();
    if (records.empty()) break;
    all.insert(all.end(), records.begin(), records.end());
  }
  if (next != nullptr) *next = current;
  return all;
}

std::vector<ReadRecord> DisClient::ReadPartition(const std::string& name, int partition) {
  std::string cursor = Cursor(name, std::to_string(partition), "TRIM_HORIZON");
  if (cursor.empty()) return {};
  return ReadAll(cursor);
}

json DisClient::DescribeOk(const std::string& name) {
  DisResponse r = Describe(name, {{"limit_partitions", "1000"}});
  if (r.status != 200 || !r.doc.is_object()) {
    ADD_FAILURE() << "describe " << name << " failed: " << r.status << " " << r.body;
    return json();
  }
  return r.doc;
}

json DisClient::Partition(const std::string& name, int index) {
  json d = DescribeOk(name);
  if (!d.is_object() || !d.contains("partitions")) return json();
  for (const auto& p : d["partitions"]) {
    if (p.value("partition_id", "") == PartitionId(index)) return p;
  }
  ADD_FAILURE() << "partition " << index << " of " << name << " not in describe: " << d.dump();
  return json();
}

std::vector<ReadRecord> ParseRecords(const DisResponse& response) {
  std::vector<ReadRecord> out;
  if (!response.doc.is_object() || !response.doc.contains("records") ||
      !response.doc["records"].is_array()) {
    ADD_FAILURE() << "GetRecords answer without a records array: " << response.body;
    return out;
  }
  for (const auto& e : response.doc["records"]) {
    ReadRecord r;
    r.raw = e;
    if (!e.contains("sequence_number") || !e["sequence_number"].is_string()) {
      ADD_FAILURE() << "sequence_number must be a JSON string: " << e.dump();
    } else {
      r.sequence_number = std::stoll(e["sequence_number"].get<std::string>());
    }
    if (!e.contains("data") || !e["data"].is_string()) {
      ADD_FAILURE() << "data must be a string: " << e.dump();
    } else {
      auto decoded = Base64Decode(e["data"].get<std::string>());
      if (!decoded) ADD_FAILURE() << "data is not padded standard base64: " << e.dump();
      r.data = decoded.value_or("");
    }
    if (!e.contains("timestamp") || !e["timestamp"].is_number_integer()) {
      ADD_FAILURE() << "timestamp must be an integer: " << e.dump();
    } else {
      r.timestamp = e["timestamp"].get<std::int64_t>();
    }
    if (e.value("timestamp_type", "") != "CreateTime") {
      ADD_FAILURE() << "timestamp_type must be CreateTime: " << e.dump();
    }
    if (e.contains("partition_key") && e["partition_key"].is_string()) {
      r.partition_key = e["partition_key"].get<std::string>();
    }
    out.push_back(std::move(r));
  }
  return out;
}

json DecodeCursor(const std::string& cursor) {
  auto text = Base64Decode(cursor, Base64Alphabet::kUrlSafe);
  if (!text) return json();
  json doc = json::parse(*text, nullptr, false);
  return doc.is_discarded() ? json() : doc;
}

std::string PartitionId(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shardId-%010d", index);
  return buf;
}

std::uint64_t RangeLo(int index, int writable) {
  std::uint64_t step = kMaxHash / static_cast<std::uint64_t>(writable);
  return static_cast<std::uint64_t>(index) * step + (index > 0 ? 1 : 0);
}

std::uint64_t RangeHi(int index, int writable) {
  if (index == writable - 1) return kMaxHash;
  std::uint64_t step = kMaxHash / static_cast<std::uint64_t>(writable);
  return static_cast<std::uint64_t>(index + 1) * step;
}

std::string ExpectedHashRange(int index, int writable) {
  return "[" + std::to_string(RangeLo(index, writable)) + " : " +
         std::to_string(RangeHi(index, writable)) + "]";
}

int PartitionForHash(std::uint64_t hash, int writable) {
  for (int k = 0; k < writable; ++k) {
    if (hash >= RangeLo(k, writable) && hash <= RangeHi(k, writable)) return k;
  }
  return -1;
}

std::uint64_t KeyHash(std::string_view key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), digest, &len, EVP_md5(), nullptr);
  std::uint64_t h = 0;
  for (int i = 0; i < 8; ++i) h = (h << 8) | digest[i];
  return h & kMaxHash;
}

std::string Base64(std::string_view bytes) { return Base64Encode(bytes); }

std::string Bytes(std::size_t size, unsigned seed) {
  std::string out(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

::testing::AssertionResult IsDisError(const DisResponse& r, int status, std::string_view code) {
  auto fail = [&]() {
    return ::testing::AssertionFailure()
           << "expected HTTP " << status << " " << (code.empty() ? "DIS.*" : code) << ", got HTTP "
           << r.status << " body: " << r.body.substr(0, 2000) << "\n  ";
  };
  if (r.status != status) return fail() << "(wrong status)";
  if (r.Header("X-Request-Id").empty()) return fail() << "(no X-Request-Id)";
  if (r.Header("Content-Type").rfind("application/json", 0) != 0) {
    return fail() << "(Content-Type is '" << r.Header("Content-Type") << "')";
  }
  if (!r.doc.is_object()) return fail() << "(body is not a JSON object)";
  for (const char* key : {"error_code", "errorCode", "error_msg", "message"}) {
    if (!r.doc.contains(key) || !r.doc[key].is_string() || r.doc[key].get<std::string>().empty()) {
      return fail() << "(missing or empty string '" << key << "')";
    }
  }
  std::string ec = r.doc["error_code"];
  if (ec != r.doc["errorCode"].get<std::string>()) return fail() << "(error_code != errorCode)";
  if (r.doc["error_msg"] != r.doc["message"]) return fail() << "(error_msg != message)";
  if (code.empty() ? ec.rfind("DIS.", 0) != 0 : ec != code) return fail() << "(wrong code)";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult HasStatus(const DisResponse& r, int status) {
  if (r.status != status) {
    return ::testing::AssertionFailure() << "expected HTTP " << status << ", got " << r.status
                                         << " body: " << r.body.substr(0, 2000);
  }
  if (r.Header("X-Request-Id").empty()) {
    return ::testing::AssertionFailure() << "response without X-Request-Id";
  }
  if (!r.body.empty()) {
    if (r.Header("Content-Type").rfind("application/json", 0) != 0) {
      return ::testing::AssertionFailure()
             << "body labelled '" << r.Header("Content-Type") << "', not application/json";
    }
    if (r.doc.is_null()) return ::testing::AssertionFailure() << "body is not JSON: " << r.body;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace disd::test
