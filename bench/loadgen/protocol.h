// The wire protocols the load generator speaks, behind one interface so every workload runs
// the same code against every server: DIS REST with JSON bodies ("dis"), DIS REST with
// protobuf bodies ("dis-pb", application/x-protobuf, as the Java SDK sends them) and the
// Kinesis JSON protocol ("kinesis", X-Amz-Target, application/x-amz-json-1.1). The record
// bytes, partition keys and batch sizes are identical across protocols.
// Thread-safety: a Protocol is immutable after construction and shared by the worker
// threads; the Build* and Parse* calls are reentrant (parsers are per thread).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loadgen/http_connection.h"
#include "loadgen/payload.h"

namespace disd::bench {

struct OutRecord {
  std::uint64_t id = 0;
  std::uint64_t send_ns = 0;
  std::string_view partition_key;
};

// The answer to one put, index-aligned with the request when `acks` was asked for.
struct PutReply {
  int ok = 0;
  int failed = 0;
  struct Ack {
    std::string shard;     // empty for a failed record
    std::string sequence;  // empty for a failed record
  };
  std::vector<Ack> acks;
};

enum class Detail {
  kCount,   // count records and bytes only
  kHeader,  // also decode each record's payload header
  kFull,    // also keep each record's bytes and sequence number
};

struct PageRecord {
  std::string sequence;
  std::string data;  // raw bytes (kFull only)
  std::optional<PayloadHeader> header;
};

struct Page {
  std::size_t count = 0;
  std::size_t bytes = 0;  // decoded payload bytes
  std::string next;       // next iterator/cursor; empty when the shard is closed
  std::vector<PageRecord> records;  // kHeader and kFull
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  virtual std::string_view name() const = 0;

  // Creates the stream (an existing one is fine), waits until it takes records, and fills
  // the shard (partition) ids in order. False with `error` set on failure.
  virtual bool EnsureStream(HttpConnection& conn, const std::string& stream, int partitions,
                            std::vector<std::string>& shards, std::string& error) const = 0;
  // type: TRIM_HORIZON, LATEST or AT_SEQUENCE_NUMBER (with `sequence`).
  virtual bool Iterator(HttpConnection& conn, const std::string& stream, const std::string& shard,
                        std::string_view type, const std::string& sequence,
                        std::string& iterator, std::string& error) const = 0;

  // One put request with `records` (a single record uses Kinesis PutRecord; DIS has only
  // PutRecords). Replaces `out`.
  virtual void BuildPut(const std::string& stream, std::span<const OutRecord> records,
                        const Payload& payload, Request& out) const = 0;
  // False when the body is not the expected answer. With `want_acks`, fills reply.acks.
  virtual bool ParsePut(const Response& response, std::size_t count, bool want_acks,
                        PutReply& reply) const = 0;

  virtual void BuildGet(const std::string& iterator, int limit, std::int64_t max_bytes,
                        Request& out) const = 0;
  virtual bool ParseGet(const Response& response, Detail detail, Page& page) const = 0;
};

// "dis", "dis-pb" or "kinesis"; null for anything else. `project` is the DIS project id.
std::unique_ptr<Protocol> MakeProtocol(std::string_view name, const std::string& project);

// Protocol implementations (dis_protocol.cc, kinesis_protocol.cc).
std::unique_ptr<Protocol> MakeDisProtocol(const std::string& project, bool protobuf);
std::unique_ptr<Protocol> MakeKinesisProtocol();

}  // namespace disd::bench
