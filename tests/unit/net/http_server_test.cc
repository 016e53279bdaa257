// HttpServer over real loopback sockets with a fake RequestHandler: framing, headers,
// limits, the worker queue cap, errors and graceful stop. (The full app is exercised by
// tests/integration/.)
#include "disd/net/http_server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/beast/http/field.hpp>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "disd/api/request_handler.h"
#include "unit/net/test_http_client.h"

namespace disd::net {
namespace {

namespace http = boost::beast::http;
using testing::TestHttpClient;

// Echoes the request; optionally blocks until released, or throws.
class FakeHandler : public api::RequestHandler {
 public:
  HttpResponse Handle(const HttpRequest& request) override {
    {
      std::unique_lock lock(mu_);
      last_request_id_ = request.request_id;
      ++entered_;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !blocking_; });
    }
    if (request.target == "/throw") throw std::runtime_error("handler bug");
    HttpResponse response;
    response.status = request.target.starts_with("/created") ? 201 : 200;
    response.content_type = "text/plain";
    response.body = request.method + " " + request.target + " " + request.body;
    return response;
  }

  void Block() {
    std::lock_guard lock(mu_);
    blocking_ = true;
  }
  void Release() {
    std::lock_guard lock(mu_);
    blocking_ = false;
    cv_.notify_all();
  }
  // Waits (with a deadline) until `n` requests have entered Handle.
  bool WaitEntered(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return entered_ >= n; });
  }
  std::string last_request_id() {
    std::lock_guard lock(mu_);
    return last_request_id_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool blocking_ = false;
  int entered_ = 0;
  std::string last_request_id_;
};

// Polls (with a deadline) until connecting to `endpoint` is refused: the listener is closed.
bool WaitUntilRefused(const std::string& endpoint) {
  auto address = ParseListenAddress(endpoint);
  const boost::asio::ip::tcp::endpoint target(boost::asio::ip::make_address(address->host),
                                              address->port);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  boost::asio::io_context ioc;
  while (std::chrono::steady_clock::now() < deadline) {
    boost::asio::ip::tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect(target, ec);
    if (ec == boost::asio::error::connection_refused) return true;
    std::this_thread::yield();
  }
  return false;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void StartServer() {
    logger_ = std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    options_.listen = "127.0.0.1:0";
    server_ = std::make_unique<HttpServer>(options_, handler_, ids_, logger_);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    handler_.Release();
    if (server_) server_->Stop();
  }
  std::string Endpoint() { return server_->LocalEndpoint(); }

  HttpServerOptions options_;
  FakeHandler handler_;
  IdGenerator ids_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, BindsAnEphemeralPortAndReportsIt) {
  StartServer();
  const std::string endpoint = Endpoint();
  EXPECT_TRUE(endpoint.starts_with("127.0.0.1:"));
  EXPECT_NE(endpoint, "127.0.0.1:0");
}

TEST_F(HttpServerTest, FailsToBindAnAddressInUse) {
  StartServer();
  HttpServerOptions options;
  options.listen = Endpoint();
  HttpServer second(options, handler_, ids_, logger_);
  Status status = second.Start();
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(second.LocalEndpoint(), "");
}

TEST_F(HttpServerTest, RoundTripWithHeadersAndKeepAlive) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::post, "/created?a=1", "hello");
  auto first = client.Read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->result_int(), 201u);
  EXPECT_EQ(first->body(), "POST /created?a=1 hello");
  EXPECT_EQ((*first)[http::field::content_type], "text/plain");
  EXPECT_EQ((*first)[http::field::content_length], "23");
  EXPECT_EQ((*first)[http::field::server], std::string("disd/") + DISD_VERSION);
  const std::string id((*first)["X-Request-Id"]);
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(id, handler_.last_request_id());
  EXPECT_TRUE(first->keep_alive());

  client.Send(http::verb::get, "/again");  // same connection
  auto second = client.Read();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body(), "GET /again ");
  EXPECT_NE(std::string((*second)["X-Request-Id"]), id);
}

TEST_F(HttpServerTest, HeadAnswersCarryNoBodyAndKeepTheConnectionUsable) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::head, "/h");
  auto head = client.ReadHeadResponse();
  ASSERT_TRUE(head);
  EXPECT_EQ((*head)[http::field::content_length], "8");  // "HEAD /h "
  client.Send(http::verb::get, "/next");
  auto next = client.Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body(), "GET /next ");
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::get, "/", "", /*keep_alive=*/false);
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, OversizedBodyIs413AndCloses) {
  options_.max_body_bytes = 1024;
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::post, "/records", std::string(4096, 'x'));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 413u);
  EXPECT_NE(response->body().find("\"error_code\""), std::string::npos);
  EXPECT_EQ(std::string((*response)["X-Request-Id"]).size(), 32u);
  EXPECT_TRUE(client.WaitClosed());
  EXPECT_EQ(handler_.last_request_id(), "");  // the handler never saw it
}

TEST_F(HttpServerTest, OversizedHeaderIs400AndCloses) {
  options_.max_header_bytes = 1024;
  StartServer();
  TestHttpClient client(Endpoint());
  client.SendRaw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n");
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 400u);
  EXPECT_NE(response->body().find("DIS.4200"), std::string::npos);
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, GarbageIs400WithDisBodyAndCloses) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.SendRaw("THIS IS NOT HTTP\r\n\r\n");
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 400u);
  EXPECT_NE(response->body().find("DIS.4200"), std::string::npos);
  EXPECT_EQ(std::string((*response)["X-Request-Id"]).size(), 32u);
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, ClientHangingUpMidBodyDoesNotAffectTheServer) {
  StartServer();
  {
    TestHttpClient quitter(Endpoint());
    quitter.SendRaw("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly-a-little");
    quitter.Close();
  }
  TestHttpClient client(Endpoint());
  client.Send(http::verb::get, "/still-alive");
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body(), "GET /still-alive ");
}

TEST_F(HttpServerTest, ExpectContinueGetsAnInterimResponse) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.SendRaw("PUT /c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_TRUE(client.ReadHead().starts_with("HTTP/1.1 100 Continue"));
  client.SendRaw("hello");
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body(), "PUT /c hello");
}

TEST_F(HttpServerTest, HandlerExceptionBecomes500) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::get, "/throw");
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 500u);
  EXPECT_NE(response->body().find("DIS.5000"), std::string::npos);
}

TEST_F(HttpServerTest, FullWorkerQueueAnswers429) {
  options_.worker_threads = 1;
  options_.worker_queue_limit = 1;
  StartServer();
  handler_.Block();
  TestHttpClient running(Endpoint());
  running.Send(http::verb::get, "/a");
  ASSERT_TRUE(handler_.WaitEntered(1));  // the only worker is now busy
  TestHttpClient queued(Endpoint());
  queued.Send(http::verb::get, "/b");
  TestHttpClient rejected(Endpoint());
  rejected.Send(http::verb::get, "/c");
  // One of /b and /c takes the single queue slot; the other is answered 429 at once.
  auto rejected_response = rejected.Read();
  ASSERT_TRUE(rejected_response);
  std::optional<TestHttpClient::Response> queued_response;
  if (rejected_response->result_int() != 429u) {
    queued_response = std::move(rejected_response);
    rejected_response = queued.Read();
    ASSERT_TRUE(rejected_response);
  }
  EXPECT_EQ(rejected_response->result_int(), 429u);
  EXPECT_NE(rejected_response->body().find("DIS.4305"), std::string::npos);
  handler_.Release();
  auto first = running.Read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->result_int(), 200u);
  if (!queued_response) queued_response = queued.Read();
  ASSERT_TRUE(queued_response);
  EXPECT_EQ(queued_response->result_int(), 200u);
}

TEST_F(HttpServerTest, ConnectionsBeyondTheLimitAreClosed) {
  options_.max_connections = 1;
  StartServer();
  TestHttpClient first(Endpoint());
  first.Send(http::verb::get, "/");
  ASSERT_TRUE(first.Read());  // the first connection is established and counted
  TestHttpClient second(Endpoint());
  EXPECT_TRUE(second.WaitClosed());
  first.Send(http::verb::get, "/");
  EXPECT_TRUE(first.Read());
}

TEST_F(HttpServerTest, IdleConnectionsAreClosed) {
  options_.idle_timeout = std::chrono::milliseconds(20);
  StartServer();
  TestHttpClient client(Endpoint());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, StopAnswersInFlightRequestsFirst) {
  StartServer();
  handler_.Block();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::post, "/slow", "body");
  ASSERT_TRUE(handler_.WaitEntered(1));
  const std::string endpoint = Endpoint();
  std::thread stopper([&] { server_->Stop(); });
  EXPECT_TRUE(WaitUntilRefused(endpoint));  // Stop has begun: no new connections
  handler_.Release();
  auto response = client.Read();
  stopper.join();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body(), "POST /slow body");
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST_F(HttpServerTest, WritesOneAccessLogLinePerRequest) {
  StartServer();
  TestHttpClient client(Endpoint());
  client.Send(http::verb::get, "/logged?x=1");
  auto response = client.Read();
  ASSERT_TRUE(response);
  server_->Stop();
  const std::string log = log_.str();
  const std::string id((*response)["X-Request-Id"]);
  EXPECT_NE(log.find("GET /logged?x=1 200"), std::string::npos) << log;
  EXPECT_NE(log.find("id=" + id), std::string::npos) << log;
  EXPECT_NE(log.find("remote=127.0.0.1:"), std::string::npos) << log;
}

}  // namespace
}  // namespace disd::net
