// Small host facilities the server fixtures share (Ceph RGW, PostgreSQL, VictoriaMetrics):
// picking a free loopback port, reading a log file whole, finding a program on PATH.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace disd::test {

// A TCP port that was free on 127.0.0.1 a moment ago (0 when none could be bound). Another
// process may take it before the caller binds it; fixtures retry or fail with the reason.
std::uint16_t FreeLoopbackPort();

// The file's bytes, "" when it cannot be read.
std::string ReadWholeFile(const std::filesystem::path& path);

// The absolute path of the executable `name` on PATH, "" when there is none.
std::string FindOnPath(const std::string& name);

}  // namespace disd::test
