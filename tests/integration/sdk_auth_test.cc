// AK/SK authentication over HTTP as the SDKs do it (sdk-wire.md section 3): whole sessions
// replayed in the shape of the observed Python (V11), Java (dialect A) and v3 (dialect C)
// requests, signed with the test credentials at the server's current time, in strict and in
// open mode; and the negative cases: wrong secret, unknown AK, expired date, wrong project,
// tampered body, missing or wrong temporary-credential token, repeated failures.
#include <gtest/gtest.h>

#include "integration/sdk_calls.h"

namespace disd::test {
namespace {

using sdk::SignedClient;

struct Step {
  std::string method;
  std::string suffix;  // after "/v2/{project}"; "{cursor}" / "{cursor_enc}" are filled in
  std::string body;
  int status;
};

// The observed sessions (sdk-wire.md A.1, A.4, A.6), request by request.
std::vector<Step> PythonSession() {
  return {
      {"POST", "/streams/", R"({"stream_name": "cap_stream", "partition_count": 1, "stream_type": "COMMON", "data_type": "BLOB", "data_duration": 24})", 201},
      {"GET", "/streams/?limit=100", "", 200},
      {"GET", "/streams/cap_stream?limit_partitions=1000", "", 200},
      {"POST", "/records/", R"({"stream_name": "cap_stream", "stream_id": "", "records": [{"data": "aGVsbG8tZGlz", "partition_key": "k1"}, {"data": "c2Vjb25k", "partition_id": "shardId-0000000000"}]})", 200},
      {"GET", "/cursors/?stream-name=cap_stream&partition-id=shardId-0000000000&cursor-type=AT_SEQUENCE_NUMBER&starting-sequence-number=0", "", 200},
      {"GET", "/records/?partition-cursor={cursor_enc}&limit=100", "", 200},
      {"POST", "/apps/", R"({"app_name": "cap_app"})", 201},
      {"POST", "/checkpoints/", R"({"stream_name": "cap_stream", "app_name": "cap_app", "partition_id": "shardId-0000000000", "sequence_number": "1", "metadata": "meta", "checkpoint_type": "LAST_READ"})", 201},
      {"GET", "/checkpoints/?stream_name=cap_stream&app_name=cap_app&partition_id=shardId-0000000000&checkpoint_type=LAST_READ", "", 200},
      {"GET", "/apps/cap_app/streams/cap_stream?start_partition_id=0&checkpoint_type=LAST_READ&limit=10", "", 200},
      {"DELETE", "/checkpoints/?stream_name=cap_stream&app_name=cap_app", "", 204},
      {"DELETE", "/apps/cap_app/", "", 204},
      {"DELETE", "/streams/cap_stream", "", 204},
  };
}

std::vector<Step> JavaSession() {
  return {
      {"POST", "/streams/", R"({"private":false,"stream_name":"cap_stream","stream_type":"COMMON","partition_count":1,"data_duration":24,"data_type":"BLOB","is_private":false})", 201},
      {"GET", "/streams/?limit=10&", "", 200},
      {"GET", "/streams/cap_stream/?stream_name=cap_stream&limit_partitions=100&", "", 200},
      {"POST", "/records/", R"({"stream_name":"cap_stream","records":[{"data":"aGVsbG8tZGlz","partition_key":"k1"},{"data":"c2Vjb25k","partition_id":"shardId-0000000000"}]})", 200},
      {"GET", "/cursors/?starting-sequence-number=0&stream-name=cap_stream&partition-id=0&cursor-type=AT_SEQUENCE_NUMBER&", "", 200},
      {"GET", "/records/?limit=100&partition-cursor={cursor}&", "", 200},
      {"POST", "/apps/", R"({"app_name":"cap_app"})", 201},
      {"POST", "/checkpoints/", R"({"app_name":"cap_app","checkpoint_type":"LAST_READ","stream_name":"cap_stream","partition_id":"shardId-0000000000","sequence_number":"1","metadata":"meta"})", 201},
      {"GET", "/checkpoints/?partition_id=shardId-0000000000&app_name=cap_app&stream_name=cap_stream&checkpoint_type=LAST_READ&", "", 200},
      {"GET", "/apps/cap_app/streams/cap_stream/?app_name=cap_app&stream_name=cap_stream&limit=100&checkpoint_type=LAST_READ&", "", 200},
      {"DELETE", "/checkpoints/?app_name=cap_app&stream_name=cap_stream&checkpoint_type=LAST_READ&", "", 204},
      {"DELETE", "/apps/cap_app/", "", 204},
      {"DELETE", "/streams/cap_stream/?stream_name=cap_stream&", "", 204},
  };
}

std::vector<Step> V3Session() {
  return {
      {"POST", "/streams", R"({"stream_name": "cap_stream", "partition_count": 1, "stream_type": "COMMON", "data_type": "BLOB", "data_duration": 24})", 201},
      {"GET", "/streams?limit=10", "", 200},
      {"GET", "/streams/cap_stream", "", 200},
      {"POST", "/records", R"({"stream_name": "cap_stream", "records": [{"data": "aGVsbG8tZGlz", "partition_key": "k1"}, {"data": "c2Vjb25k", "partition_id": "shardId-0000000000"}]})", 200},
      {"GET", "/cursors?cursor-type=AT_SEQUENCE_NUMBER&partition-id=0&starting-sequence-number=0&stream-name=cap_stream", "", 200},
      {"GET", "/records?partition-cursor={cursor_enc}", "", 200},
      {"POST", "/apps", R"({"app_name": "cap_app"})", 201},
      {"POST", "/checkpoints", R"({"app_name": "cap_app", "checkpoint_type": "LAST_READ", "stream_name": "cap_stream", "partition_id": "shardId-0000000000", "sequence_number": "1", "metadata": "meta"})", 201},
      {"GET", "/checkpoints?app_name=cap_app&checkpoint_type=LAST_READ&partition_id=shardId-0000000000&stream_name=cap_stream", "", 200},
      {"DELETE", "/checkpoints?app_name=cap_app&checkpoint_type=LAST_READ&stream_name=cap_stream", "", 204},
      {"DELETE", "/apps/cap_app", "", 204},
      {"DELETE", "/streams/cap_stream", "", 204},
  };
}

std::string Replace(std::string text, std::string_view what, std::string_view with) {
  auto at = text.find(what);
  if (at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

// Plays `steps` signed like `sdk`; checks every status and the records read back.
void Replay(DisClient& dis, SignedClient& client, Sdk sdk, const std::vector<Step>& steps) {
  std::string cursor;
  for (const Step& step : steps) {
    std::string target = Replace(dis.V2(step.suffix), "{cursor_enc}", UrlEncode(cursor));
    target = Replace(target, "{cursor}", cursor);
    DisResponse r = client.Send(sdk, step.method, target, step.body);
    ASSERT_TRUE(HasStatus(r, step.status)) << step.method << " " << target;
    if (r.doc.is_object() && r.doc.contains("partition_cursor")) cursor = r.doc["partition_cursor"];
    if (r.doc.is_object() && r.doc.contains("next_partition_cursor")) {
      auto records = ParseRecords(r);
      ASSERT_EQ(records.size(), 2u);
      EXPECT_EQ(records[0].data, "hello-dis");
      EXPECT_EQ(records[1].data, "second");
    }
  }
}

class StrictAuthTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return sdk::WithAuth("strict", {{"failure_burst", 50}});
  }
  SignedClient Client() { return SignedClient(dis(), server().port()); }
};

TEST_F(StrictAuthTest, LegacyPythonV11SessionIsServed) {
  SignedClient client = Client();
  Replay(dis(), client, Sdk::kPython, PythonSession());
}

TEST_F(StrictAuthTest, LegacyPythonDialectASessionIsServed) {
  SignedClient client = Client();
  Replay(dis(), client, Sdk::kPythonA, PythonSession());
}

TEST_F(StrictAuthTest, JavaSessionIsServed) {
  SignedClient client = Client();
  Replay(dis(), client, Sdk::kJava, JavaSession());
}

TEST_F(StrictAuthTest, V3SessionIsServed) {
  SignedClient client = Client();
  Replay(dis(), client, Sdk::kV3, V3Session());
}

TEST_F(StrictAuthTest, UnsignedRequestsAreRefused) {
  EXPECT_TRUE(IsDisError(dis().ListStreams(), 441, "DIS.4103"));
  EXPECT_TRUE(IsDisError(dis().CreateStream("s", 1), 441, "DIS.4103"));
}

TEST_F(StrictAuthTest, WrongSecretUnknownKeyAndTamperedBodyAreRefused) {
  SignedClient client = Client();
  SdkCredentials wrong = sdk::Alice();
  wrong.secret_key.back() = 'x';
  for (Sdk sdk : {Sdk::kJava, Sdk::kPython, Sdk::kV3}) {
    EXPECT_TRUE(IsDisError(client.Send(sdk, "GET", dis().V2("/streams"), "", wrong), 441,
                           "DIS.4106"));
  }
  SdkCredentials unknown = sdk::Alice();
  unknown.access_key = "NOSUCHACCESSKEY1";
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", dis().V2("/streams"), "", unknown), 441,
                         "DIS.4104"));

  ASSERT_TRUE(HasStatus(client.SendJson(Sdk::kJava, "POST", dis().V2("/streams/"),
                                        {{"stream_name", "s1"}, {"partition_count", 1}}),
                        201));
  const std::string body = R"({"stream_name":"s1","records":[{"data":"aGVsbG8="}]})";
  const std::string tampered = R"({"stream_name":"s1","records":[{"data":"aGVsbG9="}]})";
  const std::string target = dis().V2("/records/");
  HttpHeaders headers = SignLike(Sdk::kJava, sdk::Alice(), "POST", target, body, client.host(),
                                 dis().Now());
  EXPECT_TRUE(IsDisError(dis().Call("POST", target, tampered, headers), 441, "DIS.4106"));
  EXPECT_TRUE(HasStatus(dis().Call("POST", target, body, headers), 200));
}

TEST_F(StrictAuthTest, DatesOutsideTheSkewWindowAreRefused) {
  SignedClient client = Client();
  const std::string target = dis().V2("/streams");
  const std::int64_t now = dis().Now();
  const auto at = [&](std::int64_t ms) {
    return dis().Call("GET", target, "",
                      SignLike(Sdk::kV3, sdk::Alice(), "GET", target, "", client.host(), ms));
  };
  EXPECT_TRUE(HasStatus(at(now - 14 * 60 * 1000), 200));
  EXPECT_TRUE(IsDisError(at(now - 16 * 60 * 1000), 441, "DIS.4102"));
  EXPECT_TRUE(IsDisError(at(now + 16 * 60 * 1000), 441, "DIS.4102"));
  // A request signed now and replayed after the window has passed.
  HttpHeaders headers = SignLike(Sdk::kJava, sdk::Alice(), "GET", target, "", client.host(), now);
  EXPECT_TRUE(HasStatus(dis().Call("GET", target, "", headers), 200));
  dis().AdvanceClock(16 * 60 * 1000);
  EXPECT_TRUE(IsDisError(dis().Call("GET", target, "", headers), 441, "DIS.4102"));
}

TEST_F(StrictAuthTest, APrincipalActsOnlyInItsProjects) {
  SignedClient client = Client();
  const std::string other = "/v2/" + std::string(kOtherProject) + "/streams";
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", other), 403, "DIS.4116"));
  EXPECT_TRUE(IsDisError(client.SendJson(Sdk::kV3, "POST", other,
                                         {{"stream_name", "x"}, {"partition_count", 1}}),
                         403, "DIS.4116"));
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kJava, "GET", other, "", sdk::Bob()), 200));
  // X-Project-Id (unsigned by Python) naming another project than the path.
  const std::string mine = dis().V2("/streams");
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kPython, "GET", mine, "", sdk::Alice(), {},
                                     {{"X-Project-Id", kOtherProject}}),
                         400, "DIS.4117"));
}

TEST_F(StrictAuthTest, TemporaryCredentialsNeedTheirSecurityToken) {
  SignedClient client = Client();
  SdkCredentials temp{"TEMPAK0000000001", "TEMP-SECRET", "cn-north-4", "TEMP-SECURITY-TOKEN"};
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kJava, "GET", dis().V2("/streams/")), 200));
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kJava, "GET", dis().V2("/streams/"), "", temp), 200));
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kPython, "GET", dis().V2("/streams/"), "", temp), 200));
  temp.security_token.clear();
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", dis().V2("/streams/"), "", temp), 441,
                         "DIS.4110"));
}

class FailureLimitTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return sdk::WithAuth("strict", {{"failure_burst", 3}, {"failure_refill_per_minute", 1}});
  }
};

TEST_F(FailureLimitTest, RepeatedFailuresAreRateLimitedUntilTheBucketRefills) {
  SignedClient client(dis(), server().port());
  SdkCredentials wrong = sdk::Alice();
  wrong.secret_key = "guess";
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", dis().V2("/streams"), "", wrong), 441,
                           "DIS.4106"));
  }
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", dis().V2("/streams")), 400, "DIS.4309"));
  dis().AdvanceClock(60 * 1000);
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kJava, "GET", dis().V2("/streams")), 200));
}

class OpenAuthTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return sdk::WithAuth("open"); }
};

TEST_F(OpenAuthTest, AnonymousAndUnknownCredentialsAreServed) {
  SignedClient client(dis(), server().port());
  dis().CreateOk("open_stream", 1);
  EXPECT_TRUE(HasStatus(dis().Describe("open_stream"), 200));
  SdkCredentials stranger{"SOMEAK", "some-secret", "cn-north-4", ""};
  EXPECT_TRUE(HasStatus(client.Send(Sdk::kJava, "GET", dis().V2("/streams/"), "", stranger), 200));
  DisResponse token = dis().Call("GET", dis().V2("/streams"), "", {{"X-Auth-Token", "unknown"}});
  EXPECT_TRUE(HasStatus(token, 200));
}

TEST_F(OpenAuthTest, KnownCredentialsAreStillVerified) {
  SignedClient client(dis(), server().port());
  Replay(dis(), client, Sdk::kPython, PythonSession());
  SdkCredentials wrong = sdk::Alice();
  wrong.secret_key = "not-the-secret";
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kV3, "GET", dis().V2("/streams"), "", wrong), 441,
                         "DIS.4106"));
  DisResponse malformed =
      dis().Call("GET", dis().V2("/streams"), "", {{"Authorization", "SDK-HMAC-SHA256 nonsense"}});
  EXPECT_TRUE(IsDisError(malformed, 441, "DIS.4100"));
  // An authenticated principal keeps to its projects even in open mode.
  const std::string other = "/v2/" + std::string(kOtherProject) + "/streams";
  EXPECT_TRUE(IsDisError(client.Send(Sdk::kJava, "GET", other), 403, "DIS.4116"));
  EXPECT_TRUE(HasStatus(dis().Call("GET", other), 200));
}

}  // namespace
}  // namespace disd::test
