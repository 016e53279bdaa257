// The body of main(): parse the command line, load the configuration, build and start the
// server, wait for SIGINT/SIGTERM, stop in order. Exit codes: 0 after a clean stop (and for
// --help/--version), 1 when startup fails (bad config file or environment, store or
// listener errors), 2 for a bad command line (the usage goes to stderr).
// Thread-safety: call once, from the main thread.
#pragma once

#include <memory>
#include <string>

#include "disd/app/config.h"
#include "disd/common/status.h"

namespace spdlog {
class logger;
}

namespace disd::app {

int RunMain(int argc, char** argv);

// A logger named "disd" writing to stderr, lines prefixed with the time and the level.
std::shared_ptr<spdlog::logger> MakeStderrLogger(LogLevel level);

// Writes "<endpoint>\n" to `path` atomically (RunMain passes the plain endpoint, plus a
// line "https <endpoint>" when a TLS listener runs): first to "<path>.tmp", then renamed, so a
// reader polling for the file never sees it half-written.
Status WriteReadyFile(const std::string& path, const std::string& endpoint);

}  // namespace disd::app
