// libpq access for the DWS sink (dws_connection.h).
#include "dump/dws_connection.h"

#include <libpq-fe.h>

#include <algorithm>

namespace disd::dump {
namespace {

constexpr std::size_t kCopyChunkBytes = 256 * 1024;

// libpq's text on one line: line breaks and tabs become single spaces.
std::string Trimmed(const char* text) {
  std::string s;
  for (const char* p = text != nullptr ? text : ""; *p != '\0'; ++p) {
    const bool space = *p == '\n' || *p == '\t' || *p == '\r' || *p == ' ';
    if (space && (s.empty() || s.back() == ' ')) continue;
    s.push_back(space ? ' ' : *p);
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

PgError FromResult(PGconn* conn, const PGresult* res) {
  PgError e;
  if (res != nullptr) {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char* context = PQresultErrorField(res, PG_DIAG_CONTEXT);
    if (state != nullptr) e.sqlstate = state;
    if (primary != nullptr) e.message = primary;
    if (context != nullptr) e.context = context;
    if (e.message.empty()) e.message = Trimmed(PQresultErrorMessage(res));
  }
  if (e.message.empty()) e.message = Trimmed(PQerrorMessage(conn));
  if (e.message.empty()) e.message = "the server sent no answer";
  return e;
}

bool ResultOk(PGconn* conn, ResultPtr res, ExecStatusType want, PgError* error) {
  if (res != nullptr && PQresultStatus(res.get()) == want) return true;
  *error = FromResult(conn, res.get());
  return false;
}

}  // namespace

std::string PgError::Describe() const {
  return sqlstate.empty() ? message : sqlstate + ": " + message;
}

std::unique_ptr<DwsConnection> DwsConnection::Open(const PgConnectParams& params, PgError* error) {
  const std::string port = std::to_string(params.port);
  const std::string timeout = std::to_string(params.connect_timeout_s);
  const char* keys[] = {"host",
                        "port",
                        "dbname",
                        "user",
                        "password",
                        "sslmode",
                        "connect_timeout",
                        "client_encoding",
                        "application_name",
                        "keepalives",
                        "keepalives_idle",
                        "tcp_user_timeout",
                        nullptr};
  const char* values[] = {params.host.c_str(),
                          port.c_str(),
                          params.database.c_str(),
                          params.user.c_str(),
                          params.password.c_str(),
                          params.sslmode.c_str(),
                          timeout.c_str(),
                          "UTF8",
                          "disd",
                          "1",
                          "30",
                          "120000",
                          nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/0);
  if (conn == nullptr) {
    *error = PgError{"", "libpq could not allocate a connection", ""};
    return nullptr;
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    *error = PgError{"", Trimmed(PQerrorMessage(conn)), ""};
    PQfinish(conn);
    return nullptr;
  }
  // Server notices ("relation ... already exists, skipping") are not errors: libpq would
  // print them to stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<DwsConnection>(new DwsConnection(conn));
}

DwsConnection::~DwsConnection() { PQfinish(conn_); }

bool DwsConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool DwsConnection::Exec(const std::string& sql, PgError* error) {
  return ResultOk(conn_, ResultPtr(PQexec(conn_, sql.c_str())), PGRES_COMMAND_OK, error);
}

bool DwsConnection::Query(const std::string& sql,
                          const std::vector<std::optional<std::string>>& params,
                          std::vector<PgRow>* rows, PgError* error) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  ResultPtr res(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, /*resultFormat=*/0));
  const ExecStatusType status = res != nullptr ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    *error = FromResult(conn_, res.get());
    return false;
  }
  if (rows != nullptr) {
    rows->clear();
    const int n = PQntuples(res.get());
    const int m = PQnfields(res.get());
    for (int r = 0; r < n; ++r) {
      PgRow row;
      for (int c = 0; c < m; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                       static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
        }
      }
      rows->push_back(std::move(row));
    }
  }
  return true;
}

bool DwsConnection::CopyIn(const std::string& copy_sql, std::string_view data, PgError* error) {
  if (!ResultOk(conn_, ResultPtr(PQexec(conn_, copy_sql.c_str())), PGRES_COPY_IN, error)) {
    return false;
  }
  bool sent = true;
  for (std::size_t at = 0; at < data.size() && sent;) {
    const std::size_t n = std::min(kCopyChunkBytes, data.size() - at);
    sent = PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) == 1;
    at += n;
  }
  // Ends the COPY either way; a send failure aborts it (the server then reports why).
  const int ended = PQputCopyEnd(conn_, sent ? nullptr : "disd could not send the rows");
  // Drain every result; the first failure is the answer.
  bool ok = ended == 1;
  bool have_error = false;
  if (!ok) {
    *error = PgError{"", Trimmed(PQerrorMessage(conn_)), ""};
    have_error = true;
  }
  while (ResultPtr res{PQgetResult(conn_)}) {
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      if (!have_error) *error = FromResult(conn_, res.get());
      have_error = true;
      ok = false;
    }
    if (PQstatus(conn_) != CONNECTION_OK) break;
  }
  if (ok && !sent) {
    *error = PgError{"", Trimmed(PQerrorMessage(conn_)), ""};
    ok = false;
  }
  return ok;
}

std::string DwsConnection::Identifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (quoted == nullptr) {
    // Only on invalid encoding or out of memory: quote by hand, the same way.
    std::string out = "\"";
    for (char c : name) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    return out + "\"";
  }
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

}  // namespace disd::dump
