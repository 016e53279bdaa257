// The S3-compatible object store (object_stores.h): SigV4-signed requests over
// http_client.h. Request shapes:
//   BucketExists  HEAD /{bucket}                 200 yes, 404 no
//   CreateBucket  PUT /{bucket}                  409 BucketAlreadyOwnedByYou counts as success
//   Put           PUT /{bucket}/{key}            Content-Type, x-amz-content-sha256
//   Get           GET /{bucket}/{key}            404 NoSuchKey = absent
//   List          GET /{bucket}?list-type=2&prefix=..[&continuation-token=..] until done
// (virtual-hosted: the bucket moves into the Host header and out of the path).
#include <algorithm>

#include "dump/http_client.h"
#include "dump/object_stores.h"
#include "dump/s3_xml.h"
#include "dump/sigv4.h"

namespace disd::dump {
namespace {

constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct S3Call {
  std::string method;
  std::string_view bucket;
  std::string_view key;  // empty for bucket operations
  SigV4Params query;
  std::string_view body;
  std::string_view content_type;
};

class S3ObjectStore final : public ObjectStore {
 public:
  S3ObjectStore(const ObjectStoreConfig& config, HttpEndpoint endpoint, const Clock& clock)
      : config_(config), endpoint_(std::move(endpoint)), clock_(clock) {
    std::string host = endpoint_.host;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6 literal
    const bool default_port = endpoint_.port == (endpoint_.tls ? 443 : 80);
    host_port_ = default_port ? host : host + ":" + std::to_string(endpoint_.port);
  }

  Result<bool> BucketExists(std::string_view bucket) override {
    auto reply = Send({"HEAD", bucket, {}, {}, {}, {}});
    if (!reply.ok()) return reply.error();
    if (reply->status == 200) return true;
    if (reply->status == 404) return false;
    return MapError(*reply, "HEAD bucket", bucket);
  }

  Status CreateBucket(std::string_view bucket) override {
    auto reply = Send({"PUT", bucket, {}, {}, {}, {}});
    if (!reply.ok()) return reply.error();
    if (reply->status == 200) return Status::Ok();
    if (reply->status == 409 && XmlValue(reply->body, "Code") == "BucketAlreadyOwnedByYou") {
      return Status::Ok();
    }
    return MapError(*reply, "create bucket", bucket);
  }

  Status Put(std::string_view bucket, std::string_view key, std::string_view bytes,
             std::string_view content_type) override {
    if (key.empty()) return MakeError(ErrorCode::kInvalidRequest, "empty object key");
    auto reply = Send({"PUT", bucket, key, {}, bytes, content_type});
    if (!reply.ok()) return reply.error();
    if (reply->status == 200) return Status::Ok();
    return MapError(*reply, "PUT object", bucket);
  }

  Result<std::optional<std::string>> Get(std::string_view bucket, std::string_view key) override {
    if (key.empty()) return MakeError(ErrorCode::kInvalidRequest, "empty object key");
    auto reply = Send({"GET", bucket, key, {}, {}, {}});
    if (!reply.ok()) return reply.error();
    if (reply->status == 200) return std::optional<std::string>(std::move(reply->body));
    if (reply->status == 404 && XmlValue(reply->body, "Code") != "NoSuchBucket") {
      return std::optional<std::string>();
    }
    return MapError(*reply, "GET object", bucket);
  }

  Result<std::vector<std::string>> List(std::string_view bucket, std::string_view prefix) override {
    std::vector<std::string> keys;
    std::string token;
    for (;;) {
      SigV4Params query = {{"list-type", "2"}, {"prefix", std::string(prefix)}};
      if (!token.empty()) query.emplace_back("continuation-token", token);
      auto reply = Send({"GET", bucket, {}, std::move(query), {}, {}});
      if (!reply.ok()) return reply.error();
      if (reply->status != 200) return MapError(*reply, "list objects", bucket);
      for (std::string& key : XmlValues(reply->body, "Key")) keys.push_back(std::move(key));
      if (XmlValue(reply->body, "IsTruncated") != "true") break;
      auto next = XmlValue(reply->body, "NextContinuationToken");
      if (!next || next->empty() || *next == token) {
        return MakeError(ErrorCode::kObsAccessError,
                         "list objects: truncated answer without a continuation token");
      }
      token = std::move(*next);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  }

 private:
  Result<HttpReply> Send(const S3Call& call) {
    std::string path;
    std::string host;
    if (config_.path_style) {
      host = host_port_;
      path = "/" + std::string(call.bucket);
      if (!call.key.empty()) path += "/" + std::string(call.key);
    } else {
      host = std::string(call.bucket) + "." + host_port_;
      path = "/" + std::string(call.key);
    }
    const std::string payload_hash =
        config_.unsigned_payload ? std::string(kUnsignedPayload) : Sha256Hex(call.body);
    const std::string amz_date = AmzDate(clock_.NowMs());

    SigV4Request to_sign;
    to_sign.method = call.method;
    to_sign.path = path;
    to_sign.query = call.query;
    to_sign.payload_hash = payload_hash;
    to_sign.headers = {
        {"host", host}, {"x-amz-content-sha256", payload_hash}, {"x-amz-date", amz_date}};
    if (!call.content_type.empty()) {
      to_sign.headers.emplace_back("content-type", std::string(call.content_type));
    }
    const SigV4Credentials credentials{config_.access_key, config_.secret_key, config_.region,
                                       "s3"};
    const SigV4Signature signature = SignV4(to_sign, credentials, amz_date);

    HttpCall http;
    http.method = call.method;
    http.target = SigV4Encode(path, true);
    const std::string query = CanonicalQueryString(call.query);
    if (!query.empty()) http.target += "?" + query;
    http.host = host;
    for (auto& [name, value] : to_sign.headers) {
      if (name != "host") http.headers.emplace_back(name, value);
    }
    http.headers.emplace_back("Authorization", signature.authorization);
    http.body = std::string(call.body);
    http.timeout_ms = config_.timeout_ms;
    return SendHttp(endpoint_, http);
  }

  // Turns a non-success answer into the store's error values.
  static Error MapError(const HttpReply& reply, std::string_view operation,
                        std::string_view bucket) {
    const std::string code = XmlValue(reply.body, "Code").value_or("");
    if (code == "NoSuchBucket" || (reply.status == 404 && operation == "list objects")) {
      return MakeError(ErrorCode::kBucketNotFound, "bucket " + std::string(bucket));
    }
    std::string detail = std::string(operation) + " " + std::string(bucket) + ": HTTP " +
                         std::to_string(reply.status);
    if (!code.empty()) detail += " " + code;
    if (reply.status == 403) detail = "access denied by the object store (" + detail + ")";
    return MakeError(ErrorCode::kObsAccessError, std::move(detail));
  }

  const ObjectStoreConfig config_;
  const HttpEndpoint endpoint_;
  const Clock& clock_;
  std::string host_port_;
};

}  // namespace

Result<std::unique_ptr<ObjectStore>> MakeS3ObjectStore(const ObjectStoreConfig& config,
                                                       const Clock& clock) {
  auto endpoint = ParseHttpEndpoint(config.endpoint);
  if (!endpoint.ok()) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "object store " + config.name + ": " + endpoint.error().detail);
  }
  return std::unique_ptr<ObjectStore>(
      std::make_unique<S3ObjectStore>(config, std::move(*endpoint), clock));
}

}  // namespace disd::dump
