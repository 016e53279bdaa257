// The WebHDFS client: URL and parameter encoding, RemoteException parsing, redirect
// Locations, and each operation against the strict in-process fake (the exact requests it
// sends, the two-step CREATE, the errors it reports). Also pins the fake's own strictness
// with raw requests, so the client tests cannot pass against a lenient server.
#include "dump/webhdfs_client.h"

#include <gtest/gtest.h>

#include "dump/http_client.h"
#include "support/webhdfs_fake.h"

namespace disd::dump {
namespace {

using test::WebHdfsFake;

TEST(WebHdfsEncodingTest, PathsKeepSlashesAndEncodeTheRest) {
  EXPECT_EQ(EncodeWebHdfsPath("/user/dis/a_b-c.~txt"), "/user/dis/a_b-c.~txt");
  EXPECT_EQ(EncodeWebHdfsPath("/a b/c+d/e%f?g#h&i=j"), "/a%20b/c%2Bd/e%25f%3Fg%23h%26i%3Dj");
  EXPECT_EQ(EncodeWebHdfsPath("/\xC3\xBC"), "/%C3%BC");
  EXPECT_EQ(EncodeQueryValue("/to/a b&c=d+e"), "/to/a%20b%26c%3Dd%2Be");
}

TEST(WebHdfsEncodingTest, TargetsNameOpUserAndParams) {
  EXPECT_EQ(WebHdfsTarget("/user/x y", "CREATE", "dis", {{"overwrite", "true"}}),
            "/webhdfs/v1/user/x%20y?op=CREATE&user.name=dis&overwrite=true");
  EXPECT_EQ(WebHdfsTarget("/a", "RENAME", "d u", {{"destination", "/b c"}}),
            "/webhdfs/v1/a?op=RENAME&user.name=d%20u&destination=/b%20c");
  EXPECT_EQ(WebHdfsTarget("/", "MKDIRS", "dis"), "/webhdfs/v1/?op=MKDIRS&user.name=dis");
}

TEST(WebHdfsEncodingTest, RemoteExceptionsAreParsed) {
  auto remote = ParseRemoteException(
      R"({"RemoteException":{"exception":"FileNotFoundException",)"
      R"("javaClassName":"java.io.FileNotFoundException","message":"File does not exist: /x"}})");
  ASSERT_TRUE(remote);
  EXPECT_EQ(remote->exception, "FileNotFoundException");
  EXPECT_EQ(remote->java_class_name, "java.io.FileNotFoundException");
  EXPECT_EQ(remote->message, "File does not exist: /x");
  EXPECT_FALSE(ParseRemoteException("<html>oops</html>"));
  EXPECT_FALSE(ParseRemoteException(R"({"boolean":true})"));
  EXPECT_FALSE(ParseRemoteException(R"({"RemoteException":{}})"));

  HttpReply reply{403,
                  {},
                  R"({"RemoteException":{"exception":"AccessControlException",)"
                  R"("message":"Permission denied: user=dis"}})"};
  EXPECT_EQ(WebHdfsError("MKDIRS", "/x", reply).detail,
            "[WebHDFS MKDIRS /x: HTTP 403 AccessControlException: Permission denied: user=dis]");
  EXPECT_EQ(WebHdfsError("MKDIRS", "/x", reply).code, ErrorCode::kInvalidMrsCluster);
  EXPECT_EQ(WebHdfsError("OPEN", "/y", HttpReply{502, {}, "bad gateway"}).detail,
            "[WebHDFS OPEN /y: HTTP 502 bad gateway]");
}

TEST(WebHdfsEncodingTest, LocationsMayNameAnotherHost) {
  const HttpEndpoint base{false, "nn", 9870};
  auto to = ParseLocation("http://dn7:9864/webhdfs/v1/a?op=CREATE&x=1", base);
  ASSERT_TRUE(to.ok());
  EXPECT_EQ(to->endpoint.host, "dn7");
  EXPECT_EQ(to->endpoint.port, 9864);
  EXPECT_FALSE(to->endpoint.tls);
  EXPECT_EQ(to->target, "/webhdfs/v1/a?op=CREATE&x=1");
  auto tls = ParseLocation("https://dn8/webhdfs/v1/b", base);
  ASSERT_TRUE(tls.ok());
  EXPECT_TRUE(tls->endpoint.tls);
  EXPECT_EQ(tls->endpoint.port, 443);
  auto relative = ParseLocation("/webhdfs/v1/c?op=CREATE", base);
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->endpoint.host, "nn");
  EXPECT_EQ(relative->target, "/webhdfs/v1/c?op=CREATE");
  EXPECT_FALSE(ParseLocation("webhdfs:dn", base).ok());
  EXPECT_FALSE(ParseLocation("ftp://dn/x", base).ok());
  EXPECT_EQ(HostHeader(HttpEndpoint{false, "nn", 80}), "nn");
  EXPECT_EQ(HostHeader(HttpEndpoint{false, "nn", 9870}), "nn:9870");
  EXPECT_EQ(HostHeader(HttpEndpoint{true, "::1", 443}), "[::1]");
}

class WebHdfsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(fake_.Start(&why)) << "the WebHDFS fake could not start: " << why;
  }
  HttpEndpoint NameNode() const { return HttpEndpoint{false, "127.0.0.1", fake_.namenode_port()}; }
  WebHdfsClient Client(std::string user = "dis") const { return WebHdfsClient(NameNode(), user); }
  // A raw request to one of the fake's listeners.
  HttpReply Raw(std::uint16_t port, const std::string& method, const std::string& target,
                const std::string& body = {}, HttpFields headers = {}) {
    HttpCall call{method, target, "127.0.0.1:" + std::to_string(port), std::move(headers), body};
    auto reply = SendHttp(HttpEndpoint{false, "127.0.0.1", port}, call);
    EXPECT_TRUE(reply.ok()) << reply.error().detail;
    return reply.ok() ? *reply : HttpReply{};
  }

  WebHdfsFake fake_;
};

TEST_F(WebHdfsClientTest, CreateIsTwoStepsThroughTheDataNode) {
  Status created = Client().Create("/user/dis/new file.txt", "a\nb", /*overwrite=*/false);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_EQ(fake_.File("/user/dis/new file.txt"), "a\nb");
  const auto requests = fake_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].Summary(), "NN PUT CREATE /user/dis/new file.txt -> 307");
  EXPECT_EQ(requests[0].body, "");
  EXPECT_EQ(requests[0].params.at("user.name"), "dis");
  EXPECT_EQ(requests[0].params.at("overwrite"), "false");
  EXPECT_EQ(requests[1].Summary(), "DN PUT CREATE /user/dis/new file.txt -> 201");
  EXPECT_EQ(requests[1].body, "a\nb");
  EXPECT_EQ(requests[1].content_type, "application/octet-stream");
  EXPECT_EQ(requests[1].params.at("namenoderpcaddress"), "127.0.0.1:8020");

  // overwrite=false on an existing file: the DataNode refuses with 403.
  auto again = Client().Create("/user/dis/new file.txt", "c", /*overwrite=*/false);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().detail.find("HTTP 403 FileAlreadyExistsException"), std::string::npos)
      << again.error().detail;
  EXPECT_EQ(fake_.File("/user/dis/new file.txt"), "a\nb");
  ASSERT_TRUE(Client().Create("/user/dis/new file.txt", "c", /*overwrite=*/true).ok());
  EXPECT_EQ(fake_.File("/user/dis/new file.txt"), "c");
  EXPECT_FALSE(Client().Create("/user/dis", "x", true).ok()) << "a directory is in the way";
}

TEST_F(WebHdfsClientTest, MkdirsRenameStatusAndDelete) {
  WebHdfsClient client = Client();
  ASSERT_TRUE(client.Mkdirs("/a/b/c").ok());
  EXPECT_TRUE(fake_.Directories().count("/a/b/c"));
  ASSERT_TRUE(client.Create("/a/b/.f.tmp", "data", true).ok());

  auto missing_parent = client.Rename("/a/b/.f.tmp", "/nowhere/f");
  ASSERT_TRUE(missing_parent.ok()) << missing_parent.error().detail;
  EXPECT_FALSE(*missing_parent);
  auto renamed = client.Rename("/a/b/.f.tmp", "/a/b/f");
  ASSERT_TRUE(renamed.ok());
  EXPECT_TRUE(*renamed);
  EXPECT_EQ(fake_.Files(), (std::map<std::string, std::string>{{"/a/b/f", "data"}}));
  ASSERT_TRUE(client.Create("/a/b/.g.tmp", "other", true).ok());
  auto onto_file = client.Rename("/a/b/.g.tmp", "/a/b/f");
  ASSERT_TRUE(onto_file.ok());
  EXPECT_FALSE(*onto_file) << "RENAME never replaces an existing file";

  auto status = client.GetFileStatus("/a/b/f");
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->type, "FILE");
  EXPECT_EQ((*status)->length, 4);
  auto dir = client.GetFileStatus("/a/b");
  ASSERT_TRUE(dir.ok() && dir->has_value());
  EXPECT_EQ((*dir)->type, "DIRECTORY");
  auto none = client.GetFileStatus("/a/zzz");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto not_empty = client.Delete("/a", /*recursive=*/false);
  ASSERT_FALSE(not_empty.ok());
  EXPECT_NE(not_empty.error().detail.find("403 PathIsNotEmptyDirectoryException"),
            std::string::npos);
  auto deleted = client.Delete("/a/b/.g.tmp", false);
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(*deleted);
  auto gone = client.Delete("/a/b/.g.tmp", false);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(*gone);
  EXPECT_EQ(fake_.Trace().back(), "NN DELETE DELETE /a/b/.g.tmp -> 200");
}

TEST_F(WebHdfsClientTest, ErrorsNameTheOperationAndTheException) {
  auto anonymous = Client("").Mkdirs("/x");
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().detail,
            "[WebHDFS MKDIRS /x: HTTP 401 SecurityException: "
            "Failed to obtain user group information: no user.name]");

  fake_.SetFault(WebHdfsFake::Fault::kDataNodeFails);
  auto failed = Client().Create("/x/f", "1", true);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidMrsCluster);
  EXPECT_NE(failed.error().detail.find("HTTP 500 RuntimeException: injected failure"),
            std::string::npos)
      << failed.error().detail;
  EXPECT_FALSE(fake_.File("/x/f"));

  fake_.SetFault(WebHdfsFake::Fault::kNameNodeHangsUp);
  auto hung = Client().Mkdirs("/x");
  ASSERT_FALSE(hung.ok());
  EXPECT_NE(hung.error().detail.find("[WebHDFS MKDIRS /x: cannot reach 127.0.0.1:"),
            std::string::npos)
      << hung.error().detail;

  fake_.SetFault(WebHdfsFake::Fault::kNone);
  fake_.Stop();
  auto down = Client().GetFileStatus("/x");
  ASSERT_FALSE(down.ok());
  EXPECT_NE(down.error().detail.find("connect"), std::string::npos) << down.error().detail;
  std::string why;
  ASSERT_TRUE(fake_.Start(&why)) << why;
  EXPECT_TRUE(Client().Mkdirs("/x").ok()) << "back on the same port";
}

// The fake enforces the protocol (sinks-and-engines.md 3.3), so the client tests above
// cannot pass against a lenient server.
TEST_F(WebHdfsClientTest, TheFakeRefusesWhatARealClusterRefuses) {
  const auto nn = fake_.namenode_port();
  const auto dn = fake_.datanode_port();
  HttpReply with_body = Raw(nn, "PUT", "/webhdfs/v1/f?op=CREATE&user.name=dis", "data");
  EXPECT_EQ(with_body.status, 400);
  EXPECT_EQ(ParseRemoteException(with_body.body)->exception, "IllegalArgumentException");
  EXPECT_FALSE(fake_.File("/f"));

  HttpReply no_rpc = Raw(dn, "PUT", "/webhdfs/v1/f?op=CREATE&user.name=dis", "data",
                         {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(no_rpc.status, 400) << "data at the DataNode without the NameNode's redirect";
  HttpReply no_type =
      Raw(dn, "PUT", "/webhdfs/v1/f?op=CREATE&user.name=dis&namenoderpcaddress=x", "data");
  EXPECT_EQ(no_type.status, 400);
  EXPECT_FALSE(fake_.File("/f"));

  EXPECT_EQ(Raw(nn, "PUT", "/webhdfs/v1/f?op=FROB&user.name=dis").status, 400);
  EXPECT_EQ(Raw(nn, "GET", "/webhdfs/v1/f?op=MKDIRS&user.name=dis").status, 400) << "wrong verb";
  EXPECT_EQ(Raw(nn, "PUT", "/webhdfs/v1/f?op=MKDIRS").status, 401);
  EXPECT_EQ(Raw(nn, "GET", "/webhdfs/v1/f?op=GETFILESTATUS&user.name=dis").status, 404);

  HttpReply noredirect =
      Raw(nn, "PUT", "/webhdfs/v1/f?op=CREATE&user.name=dis&noredirect=true&overwrite=true");
  EXPECT_EQ(noredirect.status, 200);
  EXPECT_NE(noredirect.body.find("\"Location\":\"http://127.0.0.1:" + std::to_string(dn) +
                                 "/webhdfs/v1/f?op=CREATE"),
            std::string::npos)
      << noredirect.body;

  HttpReply redirect = Raw(nn, "GET", "/webhdfs/v1/f?op=OPEN&user.name=dis");
  EXPECT_EQ(redirect.status, 404) << "OPEN of a missing file";
  fake_.PutFile("/f", "hello");
  redirect = Raw(nn, "GET", "/webhdfs/v1/f?op=OPEN&user.name=dis&offset=1");
  EXPECT_EQ(redirect.status, 307);
  std::string location;
  for (const auto& [k, v] : redirect.headers) {
    if (k == "Location") location = v;
  }
  auto to = ParseLocation(location, NameNode());
  ASSERT_TRUE(to.ok()) << location;
  EXPECT_EQ(to->endpoint.port, dn);
  EXPECT_EQ(Raw(dn, "GET", to->target).body, "ello");
}

}  // namespace
}  // namespace disd::dump
