// The operations listener (--ops-listen; ops_server.h) of a running disd: liveness,
// readiness, and the Prometheus exposition, whose figures follow the test's traffic and
// which promtool (Debian's prometheus package, installed by scripts/install-deps.sh
// --test-servers) must accept. Without promtool these tests fail rather than skip.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

// The promtool binary, or "" when it is not installed.
std::string FindPromtool() {
  for (const char* candidate : {"/usr/bin/promtool", "/usr/local/bin/promtool", "/bin/promtool"}) {
    if (std::ifstream(candidate).good()) return candidate;
  }
  return "";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

// Runs `promtool check metrics` over `exposition`; its exit code and output.
CommandResult PromtoolCheck(const std::string& promtool, const std::filesystem::path& dir,
                            const std::string& exposition) {
  const auto file = dir / "exposition.txt";
  std::ofstream(file, std::ios::binary) << exposition;
  const std::string command = promtool + " check metrics < '" + file.string() + "' 2>&1";
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class OpsEndpointsTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions options;
    options.extra_args = {"--ops-listen", "127.0.0.1:0"};
    return options;
  }
  HttpResponse Ops(const std::string& method, const std::string& target) {
    HttpClient client(server().host(), server().ops_port());
    return client.Request(method, target);
  }
  std::string Metrics() {
    HttpResponse r = Ops("GET", "/metrics");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    return r.body;
  }
};

TEST_F(OpsEndpointsTest, LivenessAndReadinessOfARunningServer) {
  ASSERT_NE(server().ops_port(), 0) << "the ready file names no ops listener";
  ASSERT_NE(server().ops_port(), server().port());
  HttpResponse live = Ops("GET", "/livez");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, "ok\n");
  HttpResponse ready = Ops("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "ready\n");
  EXPECT_EQ(Ops("GET", "/v2/" + std::string(kProject) + "/streams").status, 404);
  EXPECT_EQ(Ops("POST", "/metrics").status, 405);
  // The DIS listener does not serve them.
  EXPECT_EQ(dis().Call("GET", "/metrics").status, 404);
  // Across a restart the listener comes back (on a new port) and is ready again.
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(Ops("GET", "/readyz").status, 200);
}

TEST_F(OpsEndpointsTest, MetricsFollowTheTrafficAndPassPromtool) {
  const std::string promtool = FindPromtool();
  ASSERT_FALSE(promtool.empty())
      << "promtool is missing: run scripts/install-deps.sh --test-servers (package prometheus)";

  dis().CreateOk("s", 2);
  // A transfer task created before the records (LATEST) has them all pending.
  ASSERT_TRUE(HasStatus(tasks::CreateTask(dis(), "s", tasks::ObsBody("lagging")), 201));
  dis().PutOk("s", {ToPartition("abc", "0"), ToPartition("defg", "1"), ToPartition("h", "0")});
  ASSERT_EQ(dis().ReadPartition("s", 0).size(), 2u);  // GetRecords until an empty page
  EXPECT_EQ(dis().Call("GET", dis().V2("/no/such/path")).status, 404);

  const std::string text = Metrics();
  const std::string stream = "project_id=\"" + std::string(kProject) + "\",stream=\"s\"";
  for (const std::string& line : {
           std::string("disd_http_requests_total{operation=\"CreateStream\",status=\"201\"} 1\n"),
           std::string("disd_http_requests_total{operation=\"PutRecords\",status=\"200\"} 1\n"),
           std::string("disd_http_requests_total{operation=\"unmatched\",status=\"404\"} 1\n"),
           std::string("disd_http_request_duration_seconds_count{operation=\"PutRecords\"} 1\n"),
           "disd_stream_put_records_total{" + stream + "} 3\n",
           "disd_stream_put_bytes_total{" + stream + "} 8\n",
           "disd_stream_get_records_total{" + stream + "} 2\n",
           "disd_stream_get_bytes_total{" + stream + "} 4\n",
           "disd_stream_requests_total{" + stream + ",direction=\"put\"} 1\n",
           "disd_stream_throttled_requests_total{" + stream + ",direction=\"get\"} 0\n",
           std::string("\ndisd_streams 1\n"),
           std::string("disd_partitions{state=\"ACTIVE\"} 2\n"),
           std::string("\ndisd_worker_queue_depth 0\n"),
           std::string("\ndisd_worker_queue_limit 1024\n"),
           std::string("\ndisd_ready 1\n"),
           std::string("disd_traffic_control_refusals_total{kind=\"put_records\"} 0\n"),
           std::string("# TYPE disd_storage_size_bytes gauge\n"),
           "disd_dump_task_pending_records{" + stream + ",task=\"lagging\"} 3\n",
           std::string("# TYPE process_cpu_seconds_total counter\n"),
           std::string("# TYPE process_open_fds gauge\n"),
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "in:\n" << text;
  }
  // Two GetRecords calls (a page of records, then an empty one) on partition 0.
  EXPECT_NE(text.find("disd_stream_requests_total{" + stream + ",direction=\"get\"} 2\n"),
            std::string::npos);

  const CommandResult checked = PromtoolCheck(promtool, server().directory(), text);
  EXPECT_EQ(checked.exit_code, 0) << checked.output << "\n" << text;
  EXPECT_TRUE(checked.output.empty()) << checked.output;  // no lint findings either
  // The checker is real: a broken exposition is refused.
  const CommandResult broken =
      PromtoolCheck(promtool, server().directory(), "# TYPE x counter\nx{a=\"1\" 2\n");
  EXPECT_NE(broken.exit_code, 0) << broken.output;
}

TEST_F(OpsEndpointsTest, NoOpsListenerUnlessConfigured) {
  ServerProcess plain;
  ASSERT_TRUE(plain.Start());
  EXPECT_EQ(plain.ops_port(), 0);
  EXPECT_TRUE(plain.Stop());
}

}  // namespace
}  // namespace disd::test
