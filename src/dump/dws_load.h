// The DWS load of one batch: a single transaction that
//  1. locks the (task, partition) row of the progress table `dws_schema.disd_dws_progress`
//     (SELECT ... FOR UPDATE; inserted on first use);
//  2. if its last_sequence already covers the batch (a crash or a failure after the COMMIT
//     and before disd committed its own offset), loads nothing and returns the decision
//     stored with it (the records rejected then), so a rewrite lands exactly once;
//  3. otherwise COPYs the good rows inside a SAVEPOINT; when the server refuses a row with
//     a data error (SQLSTATE class 22 or 23) whose CONTEXT names the COPY line, that row
//     becomes a format error, the savepoint is rolled back and the COPY runs again
//     without it;
//  4. more format errors than reject_limit (-1 = unlimited): nothing is loaded and every
//     record is rejected. Within the limit: the rejected rows go to the error table (in
//     the same transaction) when error_table_name is set, else they are returned as
//     rejected (the worker writes them to dws_error);
//  5. records the batch's range and its rejected sequence numbers in the progress row,
//     and COMMITs.
// Any other failure rolls back and is returned (the worker retries the batch).
//
// Thread-safety: uses the caller's connection; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "disd/common/status.h"
#include "dump/dws_connection.h"
#include "dump/dws_rows.h"
#include "dump/sink.h"

namespace disd::dump {

inline constexpr char kDwsProgressTable[] = "disd_dws_progress";

struct DwsTarget {
  std::string task_id;
  std::string schema;
  std::string table;
  std::vector<std::string> columns;  // the target columns, never empty
  std::string error_table;           // "" = none
  std::int64_t reject_limit = 0;     // -1 = unlimited
};

struct DwsLoadOutcome {
  bool already_loaded = false;  // the progress row covered the batch
  std::int64_t rows_loaded = 0;
  std::vector<std::size_t> rejected;  // indices into batch.records, ascending
  std::string rejected_reason;
};

// CREATE TABLE IF NOT EXISTS for the progress table and, when named, the error table.
// Their DDL is in docs/sinks/dws.md.
Status EnsureDwsTables(DwsConnection& conn, const DwsTarget& target);

// The target columns: `listed` when given, else every column of schema.table in ordinal
// order from the catalog (a missing table is an error).
Result<std::vector<std::string>> DwsTableColumns(DwsConnection& conn, const std::string& schema,
                                                 const std::string& table);

// Loads `rows` (one per record of the batch; rows with an error are format errors).
Result<DwsLoadOutcome> LoadDwsBatch(DwsConnection& conn, const DwsTarget& target,
                                    const DeliveryBatch& batch, std::vector<DwsRow> rows);

// The user-visible error of a failed SQL step on `what` (kRequestError, DIS.4300).
Error DwsSqlError(const std::string& what, const PgError& error);

}  // namespace disd::dump
