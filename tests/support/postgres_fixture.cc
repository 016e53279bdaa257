#include "support/postgres_fixture.h"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "support/test_host.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kReadyTimeout = std::chrono::seconds(30);

std::mutex g_mu;
PostgresServer* g_server = nullptr;  // guarded by g_mu
std::string g_start_error;           // guarded by g_mu
bool g_started = false;              // guarded by g_mu

// The directory of initdb and postgres: `pg_config --bindir`, else Debian's v15 path.
fs::path PgBinDir() {
  std::string out;
  if (FILE* pipe = ::popen("pg_config --bindir 2>/dev/null", "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
    ::pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!out.empty() && fs::exists(fs::path(out) / "initdb")) return out;
  return "/usr/lib/postgresql/15/bin";
}

// Forks a child that runs `args` as uid/gid (when `drop`), output appended to `log`,
// dying with the test process. Returns the pid or -1.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& log, bool drop, uid_t uid,
            gid_t gid, int death_signal) {
  std::vector<char*> argv;  // built before fork: the child only calls async-signal-safe code
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  if (drop && (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)) {
    ::_exit(126);
  }
  // After the credentials change, which clears the parent-death signal.
  ::prctl(PR_SET_PDEATHSIG, death_signal);
  if (::getppid() != parent) ::_exit(1);
  ::setpgid(0, 0);
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int in = ::open("/dev/null", O_RDONLY);
  if (out >= 0) {
    ::dup2(out, 1);
    ::dup2(out, 2);
  }
  if (in >= 0) ::dup2(in, 0);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

PGconn* Connect(int port, const std::string& user, const std::string& password,
                const std::string& database) {
  const std::string p = std::to_string(port);
  const char* keys[] = {"host", "port", "user", "password", "dbname", "connect_timeout", nullptr};
  const char* values[] = {"127.0.0.1",      p.c_str(), user.c_str(), password.c_str(),
                          database.c_str(), "5",       nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 0);
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "drop cascades to ..."
  return conn;
}

class PostgresEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { PostgresServer::StopShared(); }
};
[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

PostgresServer* PostgresServer::Shared(std::string* why) {
  std::lock_guard lock(g_mu);
  if (!g_started) {
    g_started = true;
    auto* server = new PostgresServer();
    if (server->Init(&g_start_error) && server->Start(&g_start_error)) {
      g_server = server;
    } else {
      delete server;
    }
  }
  if (g_server == nullptr && why != nullptr) *why = g_start_error;
  return g_server;
}

void PostgresServer::StopShared() {
  std::lock_guard lock(g_mu);
  delete g_server;
  g_server = nullptr;
}

PostgresServer::~PostgresServer() {
  std::string ignored;
  Stop(&ignored);
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

bool PostgresServer::Init(std::string* why) {
  bin_ = PgBinDir();
  if (!fs::exists(bin_ / "initdb") || !fs::exists(bin_ / "postgres")) {
    *why = "no initdb/postgres in " + bin_.string() +
           " (PostgreSQL 15 comes from scripts/install-deps.sh --test-servers)";
    return false;
  }
  std::string pattern = (fs::temp_directory_path() / "disd-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    *why = std::string("mkdtemp failed: ") + std::strerror(errno);
    return false;
  }
  dir_ = pattern;
  const fs::path pwfile = dir_ / "pwfile";
  std::ofstream(pwfile) << kAdminPassword << "\n";
  uid_ = ::getuid();
  gid_ = ::getgid();
  if (uid_ == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) {
      *why = "running as root and there is no 'postgres' OS user to run the server as";
      return false;
    }
    uid_ = pw->pw_uid;
    gid_ = pw->pw_gid;
    drop_privileges_ = true;
    if (::chown(dir_.c_str(), uid_, gid_) != 0 || ::chown(pwfile.c_str(), uid_, gid_) != 0) {
      *why = std::string("chown of the temporary directory failed: ") + std::strerror(errno);
      return false;
    }
  }
  const fs::path log = dir_ / "server.log";
  const pid_t pid = Spawn({(bin_ / "initdb").string(), "-D", (dir_ / "data").string(), "-U",
                           kAdminUser, "--pwfile=" + pwfile.string(), "--auth-host=scram-sha-256",
                           "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync"},
                          log, drop_privileges_, uid_, gid_, SIGKILL);
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    *why = "initdb failed:\n" + LogTail();
    return false;
  }
  port_ = FreeLoopbackPort();
  return true;
}

bool PostgresServer::Start(std::string* why) {
  if (pid_ > 0) return true;
  pid_ = Spawn({(bin_ / "postgres").string(), "-D", (dir_ / "data").string(), "-p",
                std::to_string(port_), "-k", dir_.string(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"},
               dir_ / "server.log", drop_privileges_, uid_, gid_, SIGINT);
  if (pid_ < 0) {
    *why = std::string("fork failed: ") + std::strerror(errno);
    return false;
  }
  const std::string ping =
      "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=postgres connect_timeout=2";
  const auto deadline = SteadyClock::now() + kReadyTimeout;
  while (SteadyClock::now() < deadline) {
    if (PQping(ping.c_str()) == PQPING_OK) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *why = "postgres ended before it accepted connections; its log:\n" + LogTail();
      return false;
    }
    // The server's own start-up: a coarse poll until it answers.
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  *why = "postgres did not accept connections within 30 s; its log:\n" + LogTail();
  std::string ignored;
  Stop(&ignored);
  return false;
}

bool PostgresServer::Stop(std::string* why) {
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGINT);  // fast shutdown: disconnects clients, then exits
  const auto deadline = SteadyClock::now() + std::chrono::seconds(15);
  int status = 0;
  bool clean = true;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (SteadyClock::now() > deadline) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      clean = false;
      *why = "postgres did not stop within 15 s; killed";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return clean;
}

PostgresServer::Answer PostgresServer::Sql(const std::string& sql,
                                           const std::string& database) const {
  Answer answer;
  PGconn* conn = Connect(port_, kAdminUser, kAdminPassword, database);
  if (PQstatus(conn) != CONNECTION_OK) {
    answer.error = PQerrorMessage(conn);
    PQfinish(conn);
    return answer;
  }
  PGresult* res = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(res);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    answer.ok = true;
    for (int r = 0; r < PQntuples(res); ++r) {
      Row row;
      for (int c = 0; c < PQnfields(res); ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(
              std::string(PQgetvalue(res, r, c), static_cast<std::size_t>(PQgetlength(res, r, c))));
        }
      }
      answer.rows.push_back(std::move(row));
    }
  } else {
    answer.error = PQresultErrorMessage(res);
  }
  PQclear(res);
  PQfinish(conn);
  return answer;
}

std::string PostgresServer::TryLogin(const std::string& user, const std::string& password) const {
  PGconn* conn = Connect(port_, user, password, "postgres");
  std::string error = PQstatus(conn) == CONNECTION_OK ? "" : PQerrorMessage(conn);
  PQfinish(conn);
  return error;
}

std::string PostgresServer::LogTail() const {
  std::string log = ReadWholeFile(dir_ / "server.log");
  if (log.size() > 4000) log = "..." + log.substr(log.size() - 4000);
  return log;
}

}  // namespace disd::test
