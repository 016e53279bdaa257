#include "net/http_conversion.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

namespace disd::net {
namespace http = boost::beast::http;

namespace {

boost::beast::string_view ToBeast(std::string_view text) { return {text.data(), text.size()}; }

bool IsFramingHeader(std::string_view name) {
  return boost::beast::iequals(ToBeast(name), "Content-Length") ||
         boost::beast::iequals(ToBeast(name), "Transfer-Encoding") ||
         boost::beast::iequals(ToBeast(name), "Connection");
}

bool ForbidsBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

}  // namespace

HttpRequest ToHttpRequest(BeastRequest&& request, std::string request_id,
                          std::string remote_address) {
  HttpRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  out.headers.reserve(16);
  for (const auto& field : request.base()) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(request.body());
  out.request_id = std::move(request_id);
  out.remote_address = std::move(remote_address);
  return out;
}

BeastResponse ToBeastResponse(HttpResponse&& response, const ResponseFrame& frame) {
  BeastResponse out;
  out.version(frame.version);
  const int status = (response.status >= 100 && response.status <= 999) ? response.status : 500;
  out.result(static_cast<unsigned>(status));
  if (http::int_to_status(static_cast<unsigned>(status)) == http::status::unknown) {
    out.reason("Error");
  }
  for (auto& [name, value] : response.headers) {
    if (!IsFramingHeader(name)) out.insert(name, value);
  }
  if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
  out.set(http::field::server, ToBeast(ServerHeaderValue()));
  out.set("X-Request-Id", frame.request_id);
  if (ForbidsBody(status)) {
    out.erase(http::field::content_type);
  } else {
    out.body() = std::move(response.body);
  }

  out.keep_alive(frame.keep_alive);
  if (ForbidsBody(status)) {
    out.erase(http::field::content_length);
  } else if (frame.head_request) {
    const auto length = out.body().size();
    out.body().clear();
    out.content_length(length);
  } else {
    out.prepare_payload();  // Content-Length
  }
  return out;
}

std::string_view TargetPath(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view ServerHeaderValue() { return "disd/" DISD_VERSION; }

}  // namespace disd::net
