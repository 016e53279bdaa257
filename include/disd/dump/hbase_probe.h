// Whether a CloudTable HBase table exists with the column families a task's schema uses,
// asked of the cluster's HBase REST gateway (`GET /<table>/schema`, Accept:
// application/json). Used by the HBase sink before its first write and after a failure,
// and by transfer-task creation so that a missing table or family is refused up front.
//
// Answers: Ok; kCloudTableTableNotFound (DIS.4342) when the gateway says 404;
// kCloudTableFamilyNotFound (DIS.4343) naming the first family the table lacks;
// kRequestError (DIS.4300) when the gateway cannot be reached within `timeout_ms`, answers
// another status, or answers something that is not a table schema; kCloudTableClusterNotFound
// when the cluster has no usable hbase_rest_url. The detail never holds credentials.
//
// Thread-safety: a free function; concurrent calls are independent (one connection each).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"

namespace disd::dump {

Status CheckHBaseTable(const CloudTableClusterConfig& cluster, std::string_view table,
                       const std::vector<std::string>& families, std::int64_t timeout_ms);

}  // namespace disd::dump
