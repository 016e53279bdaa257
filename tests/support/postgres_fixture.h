// PostgresServer: a real PostgreSQL 15 for the DWS sink tests. One instance per test
// process, started on first use (initdb into a temporary directory, then the server on
// 127.0.0.1 and a free port, its socket in that directory, fsync off: well under 2 s) and
// stopped when the process ends (a gtest global environment; if the process dies, the
// kernel's parent-death signal makes the server shut down fast). When the tests run as
// root, initdb and the server run as the `postgres` OS user (the postgresql package
// creates it). Password authentication (scram-sha-256) over TCP, so a wrong password is
// refused for real.
//
// Tests take it with DISD_REQUIRE_POSTGRES(pg): when the server cannot start (PostgreSQL
// not installed: scripts/install-deps.sh --test-servers) the test FAILS with the reason and
// the server's log.
//
// Test reads and setup go through libpq directly (Sql), as the admin user.
//
// Thread-safety: Shared() may be called from any thread; the instance is used by the test's
// thread only.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace disd::test {

class PostgresServer {
 public:
  static constexpr char kAdminUser[] = "disd_admin";
  static constexpr char kAdminPassword[] = "disd-admin-secret";

  // The shared instance, started on the first call; nullptr when it cannot run (`why` then
  // explains, with the tail of the server's log).
  static PostgresServer* Shared(std::string* why);
  // Stops the shared instance if it runs (the global environment calls it at the end).
  static void StopShared();

  int port() const { return port_; }

  // Fast shutdown (clients are disconnected) / start again on the same port and data.
  bool Stop(std::string* why);
  bool Start(std::string* why);
  bool running() const { return pid_ > 0; }

  using Row = std::vector<std::optional<std::string>>;  // nullopt = NULL
  struct Answer {
    bool ok = false;
    std::string error;  // libpq's or the server's text when !ok
    std::vector<Row> rows;
  };
  // One statement (or several separated by ';' when it returns no rows) as the admin.
  Answer Sql(const std::string& sql, const std::string& database = "postgres") const;
  // A login attempt: "" when `user`/`password` may connect, else the server's refusal.
  std::string TryLogin(const std::string& user, const std::string& password) const;

  ~PostgresServer();

 private:
  PostgresServer() = default;
  bool Init(std::string* why);
  std::string LogTail() const;

  std::filesystem::path dir_;
  std::filesystem::path bin_;
  uid_t uid_ = 0;  // the OS user the server runs as
  gid_t gid_ = 0;
  bool drop_privileges_ = false;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace disd::test

// Declares `PostgresServer* var` for the rest of the test body; fails the test when the
// server cannot run.
#define DISD_REQUIRE_POSTGRES(var)                                                      \
  std::string var##_why;                                                                \
  ::disd::test::PostgresServer* var = ::disd::test::PostgresServer::Shared(&var##_why); \
  if (var == nullptr) {                                                                 \
    FAIL() << "the PostgreSQL test server could not start: " << var##_why;              \
  }
