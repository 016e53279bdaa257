// One batch into a DWS table in one transaction (dws_load.h).
#include "dump/dws_load.h"

#include <algorithm>
#include <set>

namespace disd::dump {
namespace {

using Params = std::vector<std::optional<std::string>>;

std::string Table(DwsConnection& conn, const std::string& schema, const std::string& table) {
  return conn.Identifier(schema) + "." + conn.Identifier(table);
}

// A data error of one COPY line: "22..." (data exception) or "23..." (integrity).
bool IsRowError(const PgError& e) {
  return e.sqlstate.size() == 5 &&
         (e.sqlstate.rfind("22", 0) == 0 || e.sqlstate.rfind("23", 0) == 0);
}

// "SQLSTATE: message (column c)", the column taken from the CONTEXT.
std::string RowErrorDetail(const PgError& e) {
  std::string detail = e.Describe();
  const std::size_t at = e.context.find(", column ");
  if (at != std::string::npos) {
    const std::size_t start = at + 9;
    const std::size_t end = std::min(e.context.find(':', start), e.context.find('\n', start));
    detail += " (column " + e.context.substr(start, end - start) + ")";
  }
  return detail;
}

std::string JoinSequences(const std::vector<std::size_t>& indices, const DeliveryBatch& batch) {
  std::string out;
  for (std::size_t i : indices) {
    if (!out.empty()) out.push_back(',');
    out += std::to_string((*batch.records)[i].sequence_number);
  }
  return out;
}

std::vector<std::size_t> IndicesOf(const std::string& sequences, const DeliveryBatch& batch) {
  std::set<std::int64_t> wanted;
  std::size_t start = 0;
  while (start < sequences.size()) {
    const std::size_t comma = std::min(sequences.find(',', start), sequences.size());
    wanted.insert(std::stoll(sequences.substr(start, comma - start)));
    start = comma + 1;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < batch.records->size(); ++i) {
    if (wanted.count((*batch.records)[i].sequence_number)) out.push_back(i);
  }
  return out;
}

class Transaction {
 public:
  explicit Transaction(DwsConnection& conn) : conn_(conn) {}
  ~Transaction() {
    if (open_) {
      PgError ignored;
      conn_.Exec("ROLLBACK", &ignored);
    }
  }
  bool Begin(PgError* e) { return open_ = conn_.Exec("BEGIN", e); }
  bool Commit(PgError* e) {
    open_ = false;
    return conn_.Exec("COMMIT", e);
  }

 private:
  DwsConnection& conn_;
  bool open_ = false;
};

}  // namespace

Error DwsSqlError(const std::string& what, const PgError& error) {
  return MakeError(ErrorCode::kRequestError, "[DWS " + what + ": " + error.Describe() + "]");
}

Status EnsureDwsTables(DwsConnection& conn, const DwsTarget& target) {
  PgError e;
  const std::string progress = Table(conn, target.schema, kDwsProgressTable);
  if (!conn.Exec("CREATE TABLE IF NOT EXISTS " + progress +
                     " (task_id text NOT NULL, partition_id integer NOT NULL,"
                     " first_sequence bigint NOT NULL, last_sequence bigint NOT NULL,"
                     " rejected_sequences text NOT NULL DEFAULT '',"
                     " rejected_reason text NOT NULL DEFAULT '',"
                     " updated_at timestamp with time zone NOT NULL DEFAULT now(),"
                     " PRIMARY KEY (task_id, partition_id))",
                 &e)) {
    return DwsSqlError("progress table " + target.schema + "." + kDwsProgressTable, e);
  }
  if (!target.error_table.empty() &&
      !conn.Exec("CREATE TABLE IF NOT EXISTS " + Table(conn, target.schema, target.error_table) +
                     " (error_time timestamp with time zone NOT NULL DEFAULT now(),"
                     " task_id text, stream_name text, partition_id integer,"
                     " sequence_number bigint, raw_record text, detail text)",
                 &e)) {
    return DwsSqlError("error table " + target.schema + "." + target.error_table, e);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> DwsTableColumns(DwsConnection& conn, const std::string& schema,
                                                 const std::string& table) {
  std::vector<PgRow> rows;
  PgError e;
  if (!conn.Query("SELECT a.attname FROM pg_catalog.pg_attribute a"
                  " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                  " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                  " WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0"
                  " AND NOT a.attisdropped ORDER BY a.attnum",
                  {schema, table}, &rows, &e)) {
    return DwsSqlError("table " + schema + "." + table, e);
  }
  std::vector<std::string> columns;
  for (const PgRow& row : rows) {
    if (row.size() == 1 && row[0]) columns.push_back(*row[0]);
  }
  if (columns.empty()) {
    return MakeError(ErrorCode::kRequestError,
                     "[DWS table " + schema + "." + table + " does not exist or has no columns]");
  }
  return columns;
}

Result<DwsLoadOutcome> LoadDwsBatch(DwsConnection& conn, const DwsTarget& target,
                                    const DeliveryBatch& batch, std::vector<DwsRow> rows) {
  const std::string name = target.schema + "." + target.table;
  const std::string progress = Table(conn, target.schema, kDwsProgressTable);
  const Params key = {target.task_id, std::to_string(batch.partition)};
  PgError e;
  Transaction txn(conn);
  if (!txn.Begin(&e)) return DwsSqlError("table " + name, e);

  std::vector<PgRow> found;
  if (!conn.Query("SELECT last_sequence, rejected_sequences, rejected_reason FROM " + progress +
                      " WHERE task_id = $1 AND partition_id = $2 FOR UPDATE",
                  key, &found, &e)) {
    return DwsSqlError("progress table", e);
  }
  DwsLoadOutcome out;
  if (found.empty()) {
    if (!conn.Query("INSERT INTO " + progress +
                        " (task_id, partition_id, first_sequence, last_sequence)"
                        " VALUES ($1, $2, -1, -1)",
                    key, nullptr, &e)) {
      return DwsSqlError("progress table", e);
    }
  } else if (found[0].size() == 3 && found[0][0] &&
             std::stoll(*found[0][0]) >= batch.last_sequence) {
    out.already_loaded = true;
    out.rejected = IndicesOf(found[0][1].value_or(""), batch);
    if (!out.rejected.empty()) out.rejected_reason = found[0][2].value_or("");
    return out;  // the transaction rolls back: nothing changed
  }

  // Format errors found by the conversion, then by the server, one COPY attempt each.
  std::size_t errors = 0;
  std::string first_error;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].ok()) continue;
    if (errors++ == 0) first_error = rows[i].error;
  }
  const auto over_limit = [&] {
    return target.reject_limit >= 0 && errors > static_cast<std::size_t>(target.reject_limit);
  };
  std::string columns;
  for (const std::string& c : target.columns) {
    columns += (columns.empty() ? "" : ", ") + conn.Identifier(c);
  }
  const std::string copy_sql = "COPY " + Table(conn, target.schema, target.table) + " (" + columns +
                               ") FROM STDIN WITH (FORMAT csv)";
  if (!conn.Exec("SAVEPOINT disd_copy", &e)) return DwsSqlError("table " + name, e);
  while (!over_limit()) {
    std::vector<std::size_t> sent;
    std::vector<std::int64_t> last_lines;  // the server counts line breaks inside values too
    std::string data;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].ok()) continue;
      sent.push_back(i);
      const std::string line = CopyCsvLine(rows[i].fields);
      last_lines.push_back((last_lines.empty() ? 0 : last_lines.back()) +
                           std::count(line.begin(), line.end(), '\n'));
      data += line;
    }
    if (sent.empty()) break;
    if (conn.CopyIn(copy_sql, data, &e)) {
      out.rows_loaded = static_cast<std::int64_t>(sent.size());
      break;
    }
    const auto line =
        IsRowError(e) ? CopyLineFromContext(e.context) : std::optional<std::int64_t>();
    const auto at =
        line ? std::lower_bound(last_lines.begin(), last_lines.end(), *line) : last_lines.end();
    if (!line || *line < 1 || at == last_lines.end()) return DwsSqlError("COPY into " + name, e);
    DwsRow& bad = rows[sent[static_cast<std::size_t>(at - last_lines.begin())]];
    bad.error = RowErrorDetail(e);
    if (errors++ == 0) first_error = bad.error;
    if (!conn.Exec("ROLLBACK TO SAVEPOINT disd_copy", &e)) return DwsSqlError("table " + name, e);
  }

  std::vector<std::size_t> bad;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].ok()) bad.push_back(i);
  }
  if (over_limit()) {
    if (!conn.Exec("ROLLBACK TO SAVEPOINT disd_copy", &e)) return DwsSqlError("table " + name, e);
    out.rows_loaded = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) out.rejected.push_back(i);
    out.rejected_reason = std::to_string(errors) + " format errors exceed reject_limit " +
                          std::to_string(target.reject_limit) + "; first: " + first_error;
  } else if (!bad.empty() && !target.error_table.empty()) {
    const std::string insert = "INSERT INTO " + Table(conn, target.schema, target.error_table) +
                               " (task_id, stream_name, partition_id, sequence_number,"
                               " raw_record, detail) VALUES ($1, $2, $3, $4, $5, $6)";
    for (std::size_t i : bad) {
      const engine::LogRecord& record = (*batch.records)[i];
      std::string raw, unused;
      CheckIllegalChars(record.data, /*compatible=*/true, &raw, &unused);
      const Params values = {target.task_id, std::string(batch.stream_name),
                             key[1],         std::to_string(record.sequence_number),
                             std::move(raw), rows[i].error};
      if (!conn.Query(insert, values, nullptr, &e)) {
        return DwsSqlError("error table " + target.schema + "." + target.error_table, e);
      }
    }
  } else if (!bad.empty()) {
    out.rejected = std::move(bad);
    out.rejected_reason = std::to_string(errors) + " format errors (reject_limit " +
                          std::to_string(target.reject_limit) + "); first: " + first_error;
  }

  const Params mark = {key[0],
                       key[1],
                       std::to_string(batch.first_sequence),
                       std::to_string(batch.last_sequence),
                       JoinSequences(out.rejected, batch),
                       out.rejected_reason};
  if (!conn.Query("UPDATE " + progress +
                      " SET first_sequence = $3, last_sequence = $4, rejected_sequences = $5,"
                      " rejected_reason = $6, updated_at = now()"
                      " WHERE task_id = $1 AND partition_id = $2",
                  mark, nullptr, &e)) {
    return DwsSqlError("progress table", e);
  }
  if (!txn.Commit(&e)) return DwsSqlError("COMMIT into " + name, e);
  return out;
}

}  // namespace disd::dump
