// simdjson helpers shared by the JSON protocol back-ends (DIS and Kinesis): a per-thread
// parser and the GetRecords page reader, which differ between protocols only in key names.
// Thread-safety: each thread uses its own parser.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "loadgen/protocol.h"

namespace disd::bench {

// Iterates `body` with this thread's parser. REQUIRES: body has spare capacity for
// simdjson's padding (http_connection.cc reserves it).
simdjson::ondemand::document IterateJson(const std::string& body);

// The key names of one protocol's GetRecords answer.
struct PageKeys {
  std::string_view next;      // next iterator/cursor
  std::string_view records;   // the record array
  std::string_view data;      // base64 payload
  std::string_view sequence;  // sequence number
};

// Reads a GetRecords answer into `page` at the requested detail; false if not valid JSON.
bool ParseJsonPage(const std::string& body, Detail detail, const PageKeys& keys, Page& page);

}  // namespace disd::bench
