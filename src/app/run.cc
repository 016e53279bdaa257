#include "disd/app/run.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "disd/app/command_line.h"
#include "disd/app/server_app.h"

namespace disd::app {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitStartupFailure = 1;
constexpr int kExitUsage = 2;

spdlog::level::level_enum ToSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::optional<std::string> GetEnv(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace

std::shared_ptr<spdlog::logger> MakeStderrLogger(LogLevel level) {
  auto logger = std::make_shared<spdlog::logger>(
      "disd", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ %v");
  logger->set_level(ToSpdlog(level));
  logger->flush_on(spdlog::level::info);
  return logger;
}

Status WriteReadyFile(const std::string& path, const std::string& endpoint) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << endpoint << '\n';
    out.flush();
    if (!out) return MakeError(ErrorCode::kInternal, "cannot write ready file " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return MakeError(ErrorCode::kInternal,
                     "cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
  return Status::Ok();
}

int RunMain(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  auto flags = ParseCommandLine(args);
  if (!flags.ok()) {
    std::cerr << "disd: " << flags.error().detail << "\n\n" << UsageText();
    return kExitUsage;
  }
  if (flags->help) {
    std::cout << UsageText();
    return kExitOk;
  }
  if (flags->version) {
    std::cout << "disd " << DISD_VERSION << "\n";
    return kExitOk;
  }
  auto config = LoadConfig(*flags, &GetEnv, &ReadWholeFile);
  if (!config.ok()) {
    std::cerr << "disd: " << config.error().detail << "\n";
    return kExitStartupFailure;
  }
  auto logger = MakeStderrLogger(config->log.level);

  // Signals are caught from here on: a SIGTERM during startup still stops cleanly.
  boost::asio::io_context signal_context(1);
  boost::asio::signal_set signals(signal_context, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (!ec) logger->info("received signal {}, shutting down", signal_number);
  });

  // The operations listener comes first, so probes get "alive, not ready" while the store
  // opens; it stops after the app (declared before it).
  std::unique_ptr<OpsServer> ops;
  if (!config->ops.listen.empty()) {
    ops = std::make_unique<OpsServer>(config->ops.listen, logger);
    if (Status started = ops->Start(); !started.ok()) {
      logger->critical("startup failed: operations listener: {}", started.error().detail);
      return kExitStartupFailure;
    }
    logger->info("operations endpoints (/livez, /readyz, /metrics) on {}", ops->LocalEndpoint());
  }

  auto app = ServerApp::Create(*config, logger, ops.get());
  if (!app.ok()) {
    logger->critical("startup failed: {}", app.error().detail);
    return kExitStartupFailure;
  }
  if (Status started = (*app)->Start(); !started.ok()) {
    logger->critical("startup failed: {}", started.error().detail);
    return kExitStartupFailure;
  }
  if (flags->ready_file) {
    // Line 1: the plain endpoint; then "https <endpoint>" with TLS and "ops <endpoint>"
    // with the operations listener.
    const std::string tls = (*app)->TlsLocalEndpoint();
    const std::string ready = (*app)->LocalEndpoint() + (tls.empty() ? "" : "\nhttps " + tls) +
                              (ops ? "\nops " + ops->LocalEndpoint() : "");
    if (Status written = WriteReadyFile(*flags->ready_file, ready); !written.ok()) {
      logger->critical("startup failed: {}", written.error().detail);
      return kExitStartupFailure;
    }
  }

  signal_context.run();  // returns once a signal arrived
  (*app)->Stop();
  app->reset();  // closes the store
  logger->info("disd stopped");
  return kExitOk;
}

}  // namespace disd::app
