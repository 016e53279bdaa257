// disd's command line and the full configuration chain built on it:
// built-in defaults < config file (--config, else DISD_CONFIG) < environment < flags.
// Thread-safety: value types and functions without shared state.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "disd/app/config.h"
#include "disd/common/status.h"

namespace disd::app {

// The flags, each already checked for form (enum spellings, host:port).
struct CommandLine {
  bool help = false;                             // --help, -h
  bool version = false;                          // --version
  std::optional<std::string> config_file;        // --config FILE
  std::optional<std::string> listen;             // --listen HOST:PORT
  std::optional<std::string> data_dir;           // --data-dir DIR
  std::optional<LogLevel> log_level;             // --log-level LEVEL
  std::optional<engine::Durability> durability;  // --durability sync|nosync
  std::optional<ClockMode> clock;                // --clock system|manual
  std::optional<std::string> ready_file;         // --ready-file FILE
  std::optional<std::string> ops_listen;         // --ops-listen HOST:PORT
};

// Parses `args` (without the program name). Values follow as the next argument or after
// '=' ("--listen=0.0.0.0:20080"); a repeated flag takes its last value. Fails (the caller
// prints the detail and the usage and exits 2) on an unknown flag, a missing value, a
// stray positional argument or a malformed value.
Result<CommandLine> ParseCommandLine(std::span<const std::string_view> args);

// The --help text.
std::string UsageText();

// Applies the flags that are settings on top of `base`.
Config ApplyFlags(Config base, const CommandLine& flags);

// Reads a whole file; fails kInvalidRequest naming the path and the cause.
using FileReader = std::function<Result<std::string>(const std::string& path)>;
Result<std::string> ReadWholeFile(const std::string& path);

// The whole chain, then ValidateConfig. `env` also supplies DISD_CONFIG.
Result<Config> LoadConfig(const CommandLine& flags, const EnvLookup& env,
                          const FileReader& read_file);

}  // namespace disd::app
