// The HTTP front end's configured limits: server.max_body_bytes (413, also for chunked
// bodies and for a declared length the server must not wait for), the worker queue cap
// (429 DIS.4305), and the test-control path that only exists with the manual clock.
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class TinyWorkerQueueTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig(json::object(), {{"worker_threads", 1}, {"worker_queue_limit", 1}});
  }
};

TEST_F(TinyWorkerQueueTest, OverloadIsAnswered429Dis4305OrServed) {
  dis().CreateOk("s", 1);
  std::vector<std::thread> threads;
  std::vector<DisResponse> answers(16 * 5);
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < 5; ++i) answers[t * 5 + i] = client->PutRecords("s", {Plain("x")});
    });
  }
  for (auto& t : threads) t.join();
  int served = 0;
  for (const auto& r : answers) {
    if (r.status == 200) {
      ++served;
    } else {
      EXPECT_TRUE(IsDisError(r, 429, "DIS.4305"));
    }
  }
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"],
            "[0 : " + std::to_string(served) + "]");
}

class BodyLimitTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig(json::object(), {{"max_body_bytes", 4096}});
  }
  // A create body of exactly `size` bytes (padded with an ignored key).
  static std::string CreateBody(const std::string& name, std::size_t size) {
    json body = {{"stream_name", name}, {"partition_count", 1}, {"pad", ""}};
    std::size_t base = body.dump().size();
    body["pad"] = std::string(size > base ? size - base : 0, 'p');
    return body.dump();
  }
};

TEST_F(BodyLimitTest, BodyAboveTheLimitIs413AndAtTheLimitAccepted) {
  std::string at_limit = CreateBody("exact", 4096);
  ASSERT_EQ(at_limit.size(), 4096u);
  EXPECT_TRUE(HasStatus(dis().Call("POST", dis().V2("/streams"), at_limit), 201));
  std::string above = CreateBody("above", 4097);
  ASSERT_EQ(above.size(), 4097u);
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/streams"), above), 413, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Describe("above"), 400, "DIS.4301"));
  EXPECT_TRUE(HasStatus(dis().Describe("exact"), 200));
}

TEST_F(BodyLimitTest, DeclaredLengthAboveTheLimitAnsweredWithoutTheBody) {
  HttpClient raw(server().host(), server().port());
  raw.set_timeout_ms(10000);
  ASSERT_TRUE(raw.SendRaw("POST " + dis().V2("/records") +
                          " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "Content-Length: 10000000\r\n\r\n"));
  auto response = raw.ReadResponse();
  ASSERT_TRUE(response.has_value()) << "no answer before the body was sent";
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(HasStatus(MakeClient()->ListStreams(), 200));
}

TEST_F(BodyLimitTest, ChunkedBodyAboveTheLimitIs413) {
  HttpClient raw(server().host(), server().port());
  std::string chunk(5000, ' ');
  chunk.front() = '{';
  chunk.back() = '}';
  std::ostringstream size;
  size << std::hex << chunk.size();
  raw.SendRaw("POST " + dis().V2("/streams") +
              " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Transfer-Encoding: chunked\r\n\r\n" +
              size.str() + "\r\n" + chunk + "\r\n0\r\n\r\n");
  auto response = raw.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(HasStatus(MakeClient()->ListStreams(), 200));
}

class SystemClockTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o;
    o.manual_clock = false;
    return o;
  }
};

TEST_F(SystemClockTest, ClockControlPathDoesNotExist) {
  EXPECT_TRUE(IsDisError(dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 1}}), 404,
                         "DIS.4200"));
  EXPECT_TRUE(HasStatus(dis().ListStreams(), 200));
}

}  // namespace
}  // namespace disd::test
