// HBaseRest: the two calls the CloudTable HBase sink makes on an HBase REST ("Stargate")
// gateway, over http_client.h: the table-schema probe (hbase_probe.h's contract) and a
// multi-row cell PUT (`PUT /<table>/batch`, Content-Type and Accept application/json; with
// every row key in the body the gateway ignores the URL's row part). Any answer but 200 to
// the PUT, and any transport failure, is kRequestError (DIS.4300) naming the gateway, the
// status and the start of its answer.
//
// Thread-safety: immutable after Make; calls are independent (one connection each).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "dump/http_client.h"

namespace disd::dump {

class HBaseRest {
 public:
  // kCloudTableClusterNotFound when the cluster has no hbase_rest_url or it does not parse.
  static Result<HBaseRest> Make(const CloudTableClusterConfig& cluster, std::int64_t timeout_ms);

  Status CheckTable(std::string_view table, const std::vector<std::string>& families) const;

  // Sends one cell set. `*answered` tells whether the gateway gave an HTTP answer (as
  // opposed to a transport failure).
  Status PutCells(std::string_view table, std::string body, bool* answered) const;

 private:
  HttpEndpoint endpoint_;
  std::string host_header_;
  std::string url_;
  std::int64_t timeout_ms_ = 30000;
};

}  // namespace disd::dump
