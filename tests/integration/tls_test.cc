// HTTPS: a TLS listener beside the plain one (server.tls.*), serving the same API with the
// same authentication; a certificate the client does not trust fails the handshake; a
// missing certificate stops startup; scripts/gen-dev-cert.sh makes a usable certificate.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "integration/sdk_calls.h"
#include "support/tls_client.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;

// A directory of its own for certificates, removed afterwards.
class CertDir {
 public:
  CertDir() {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("disd-tls-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  ~CertDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

json TlsServer(const fs::path& dir, const std::string& cert = "cert.pem",
               const std::string& key = "key.pem") {
  return {{"tls",
           {{"listen", "127.0.0.1:0"},
            {"cert_file", (dir / cert).string()},
            {"key_file", (dir / key).string()}}}};
}

class TlsTest : public DisdTest {
 protected:
  TlsTest() {
    made_ = WriteSelfSignedCertificate(certs_.path() / "cert.pem", certs_.path() / "key.pem");
  }
  ServerOptions Options() const override {
    return sdk::WithAuth("strict", json::object(), TlsServer(certs_.path()));
  }
  fs::path ca() const { return certs_.path() / "cert.pem"; }
  std::string TlsHost() const { return "127.0.0.1:" + std::to_string(tls_port()); }
  std::uint16_t tls_port() const { return const_cast<TlsTest*>(this)->server().tls_port(); }

  // A request signed like `sdk` for the TLS listener (Host names the TLS port).
  HttpResponse Https(Sdk sdk, std::string_view method, const std::string& target,
                     std::string_view body = {}, std::string_view content_type = {}) {
    HttpHeaders headers =
        SignLike(sdk, sdk::Alice(), method, target, body, TlsHost(), dis().Now(), content_type);
    return HttpsRequest(tls_port(), ca(), method, target, body, headers);
  }

  CertDir certs_;
  bool made_ = false;
};

TEST_F(TlsTest, HttpsAndHttpServeSideBySide) {
  ASSERT_TRUE(made_);
  ASSERT_NE(tls_port(), 0);
  ASSERT_NE(tls_port(), server().port());
  HttpResponse create = Https(Sdk::kJava, "POST", dis().V2("/streams/"),
                              R"({"stream_name":"tls_stream","partition_count":1})");
  ASSERT_EQ(create.status, 201) << create.body;
  EXPECT_FALSE(create.Header("X-Request-Id").empty());
  HttpResponse put = Https(
      Sdk::kV3, "POST", dis().V2("/records"),
      R"({"stream_name": "tls_stream", "records": [{"data": "aGVsbG8tZGlz", "partition_key": "k1"}]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_NE(put.body.find("\"sequence_number\":\"0\""), std::string::npos);
  // The same stream over plain HTTP, signed by Python.
  sdk::SignedClient plain(dis(), server().port());
  DisResponse describe = plain.Send(Sdk::kPython, "GET", dis().V2("/streams/tls_stream"));
  ASSERT_TRUE(HasStatus(describe, 200));
  EXPECT_EQ(describe.doc["stream_name"], "tls_stream");
}

TEST_F(TlsTest, HttpsIsAuthenticatedLikeHttp) {
  HttpResponse unsigned_request = HttpsRequest(tls_port(), ca(), "GET", dis().V2("/streams"));
  EXPECT_EQ(unsigned_request.status, 441) << unsigned_request.body;
  EXPECT_NE(unsigned_request.body.find("DIS.4103"), std::string::npos);
  // Python signs the host without its port: that holds over TLS too.
  HttpResponse python = Https(Sdk::kPython, "GET", dis().V2("/streams/?limit=100"));
  EXPECT_EQ(python.status, 200) << python.body;
}

TEST_F(TlsTest, AnUntrustedCertificateFailsTheHandshake) {
  CertDir other;
  ASSERT_TRUE(WriteSelfSignedCertificate(other.path() / "c.pem", other.path() / "k.pem"));
  HttpResponse r = HttpsRequest(tls_port(), other.path() / "c.pem", "GET", dis().V2("/streams"));
  EXPECT_EQ(r.status, 0);
  // The wrong host name fails verification too.
  HttpResponse name =
      HttpsRequest(tls_port(), ca(), "GET", dis().V2("/streams"), {}, {}, "disd.example.com");
  EXPECT_EQ(name.status, 0);
  // The server keeps serving.
  EXPECT_EQ(HttpsRequest(tls_port(), ca(), "GET", dis().V2("/streams")).status, 441);
}

TEST(TlsStartupTest, AMissingCertificateStopsStartup) {
  CertDir certs;
  ServerOptions options;
  options.config = json({{"server", TlsServer(certs.path())}}).dump();
  ServerProcess server(options);
  auto started = server.Start();
  EXPECT_FALSE(started);
  EXPECT_NE(server.LogTail().find("TLS certificate"), std::string::npos) << server.LogTail();
}

TEST(TlsStartupTest, TheDevCertificateScriptMakesAUsableCertificate) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "the openssl command is not installed";
  }
  CertDir certs;
  const std::string command = std::string(DISD_SOURCE_DIR) + "/scripts/gen-dev-cert.sh -d '" +
                              certs.path().string() + "' > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ServerOptions options;
  options.config =
      json({{"server", TlsServer(certs.path(), "disd-dev.crt", "disd-dev.key")}}).dump();
  ServerProcess server(options);
  ASSERT_TRUE(server.Start());
  for (const char* host : {"127.0.0.1", "localhost"}) {
    HttpResponse r = HttpsRequest(server.tls_port(), certs.path() / "disd-dev.crt", "GET",
                                  "/v2/" + std::string(kProject) + "/streams", {}, {}, host);
    EXPECT_EQ(r.status, 200) << host << ": " << r.body;
  }
  EXPECT_TRUE(server.Stop());
}

}  // namespace
}  // namespace disd::test
