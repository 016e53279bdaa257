#include "disd/net/listen_address.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace disd::net {
namespace {

Error Invalid(std::string_view text, std::string_view why) {
  return MakeError(ErrorCode::kInvalidRequest,
                   "listen address \"" + std::string(text) + "\": " + std::string(why));
}

}  // namespace

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  ListenAddress address;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return Invalid(text, "missing ']' after IPv6 host");
    address.host = std::string(text.substr(1, close - 1));
    if (close + 1 >= text.size() || text[close + 1] != ':') {
      return Invalid(text, "expected \":port\" after the bracketed host");
    }
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return Invalid(text, "expected host:port");
    address.host = std::string(text.substr(0, colon));
    if (address.host.find(':') != std::string::npos) {
      return Invalid(text, "IPv6 hosts must be written in brackets, e.g. [::1]:20080");
    }
    port_text = text.substr(colon + 1);
  }
  if (address.host.empty()) return Invalid(text, "empty host");
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Invalid(text, "port must be a number from 0 to 65535");
  }
  address.port = static_cast<std::uint16_t>(port);
  return address;
}

std::string FormatListenAddress(const ListenAddress& address) {
  const bool bracket = address.host.find(':') != std::string::npos;
  std::string out = bracket ? "[" + address.host + "]" : address.host;
  return out + ":" + std::to_string(address.port);
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(host), ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .is_loopback();
  }
  return address.is_loopback();
}

}  // namespace disd::net
