// "host:port" listen addresses as they appear in configuration, flags and log lines.
// Hosts are IPv4 or IPv6 literals (IPv6 in brackets: "[::1]:20080") or names such as
// "localhost". Port 0 asks the OS for a free port.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "disd/common/status.h"

namespace disd::net {

struct ListenAddress {
  std::string host;  // without brackets
  std::uint16_t port = 0;
};

// Parses "host:port". Fails kInvalidRequest with a detail saying what is wrong (missing
// port, port out of range, empty host, unbalanced brackets).
Result<ListenAddress> ParseListenAddress(std::string_view text);

// "host:port", bracketing IPv6 hosts: the inverse of ParseListenAddress.
std::string FormatListenAddress(const ListenAddress& address);

// True for "localhost" and for addresses in 127.0.0.0/8 or ::1 (also IPv4-mapped).
bool IsLoopbackHost(std::string_view host);

}  // namespace disd::net
