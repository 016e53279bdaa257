// DwsConnection: one libpq connection to a DWS (PostgreSQL-protocol) database, with the few
// operations the DWS sink needs: statements, parameterised queries with text results, and
// COPY ... FROM STDIN of prepared lines. Failures come back as PgError with the server's
// SQLSTATE, primary message and CONTEXT (COPY errors name their line there).
//
// The password is passed to libpq as a separate connection parameter and never appears in
// an error text. Connection settings: client_encoding UTF8, connect_timeout, TCP keepalives
// and tcp_user_timeout so a vanished server fails the call instead of hanging it.
//
// Thread-safety: not thread-safe; one thread at a time (the sink's).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace disd::dump {

struct PgError {
  std::string sqlstate;          // "" when the failure is not the server's (connection, protocol)
  std::string message;           // the server's primary message, or libpq's text
  std::string context;           // PG_DIAG_CONTEXT, "" when none
  std::string Describe() const;  // "SQLSTATE: message" or the message
};

struct PgConnectParams {
  std::string host;
  int port = 5432;
  std::string database;
  std::string user;
  std::string password;
  std::string sslmode = "disable";
  int connect_timeout_s = 10;
};

using PgRow = std::vector<std::optional<std::string>>;

class DwsConnection {
 public:
  // Connects; on failure *error holds libpq's text (e.g. the server's authentication
  // failure) and the result is null.
  static std::unique_ptr<DwsConnection> Open(const PgConnectParams& params, PgError* error);
  ~DwsConnection();
  DwsConnection(const DwsConnection&) = delete;
  DwsConnection& operator=(const DwsConnection&) = delete;

  // False once the connection is broken (the caller reconnects).
  bool Healthy() const;

  // A statement without results (BEGIN, SAVEPOINT, CREATE ...).
  bool Exec(const std::string& sql, PgError* error);
  // A parameterised statement (text parameters, nullopt = NULL); rows in text form.
  bool Query(const std::string& sql, const std::vector<std::optional<std::string>>& params,
             std::vector<PgRow>* rows, PgError* error);
  // `copy_sql` must be a COPY ... FROM STDIN; sends `data` (complete lines) and ends it.
  bool CopyIn(const std::string& copy_sql, std::string_view data, PgError* error);

  // A quoted identifier (PQescapeIdentifier).
  std::string Identifier(std::string_view name) const;

 private:
  explicit DwsConnection(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
};

}  // namespace disd::dump
