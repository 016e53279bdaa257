#include "disd/app/command_line.h"

#include <fstream>
#include <sstream>

#include "disd/net/listen_address.h"

namespace disd::app {
namespace {

Error UsageError(std::string message) {
  return MakeError(ErrorCode::kInvalidRequest, std::move(message));
}

template <class T>
Status ParseInto(std::string_view flag, std::string_view value,
                 Result<T> (*parse)(std::string_view), std::optional<T>& out) {
  auto parsed = parse(value);
  if (!parsed.ok()) return UsageError(std::string(flag) + ": " + parsed.error().detail);
  out = *parsed;
  return Status::Ok();
}

// The flags that take a value, and where each goes.
Status SetValue(std::string_view flag, std::string_view value, CommandLine& cl) {
  if (flag == "--config") {
    cl.config_file = std::string(value);
  } else if (flag == "--listen") {
    auto address = net::ParseListenAddress(value);
    if (!address.ok()) return UsageError("--listen: " + address.error().detail);
    cl.listen = std::string(value);
  } else if (flag == "--data-dir") {
    if (value.empty()) return UsageError("--data-dir: the directory must not be empty");
    cl.data_dir = std::string(value);
  } else if (flag == "--log-level") {
    return ParseInto(flag, value, &ParseLogLevel, cl.log_level);
  } else if (flag == "--durability") {
    return ParseInto(flag, value, &ParseDurability, cl.durability);
  } else if (flag == "--clock") {
    return ParseInto(flag, value, &ParseClockMode, cl.clock);
  } else if (flag == "--ops-listen") {
    auto address = net::ParseListenAddress(value);
    if (!address.ok()) return UsageError("--ops-listen: " + address.error().detail);
    cl.ops_listen = std::string(value);
  } else if (flag == "--ready-file") {
    if (value.empty()) return UsageError("--ready-file: the file name must not be empty");
    cl.ready_file = std::string(value);
  } else {
    return UsageError("unknown flag " + std::string(flag));
  }
  return Status::Ok();
}

}  // namespace

Result<CommandLine> ParseCommandLine(std::span<const std::string_view> args) {
  CommandLine cl;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      cl.help = true;
      continue;
    }
    if (arg == "--version") {
      cl.version = true;
      continue;
    }
    if (!arg.starts_with("--"))
      return UsageError("unexpected argument \"" + std::string(arg) + "\"");
    std::string_view flag = arg;
    std::string_view value;
    if (const auto eq = arg.find('='); eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else {
      if (flag == "--config" || flag == "--listen" || flag == "--data-dir" ||
          flag == "--log-level" || flag == "--durability" || flag == "--clock" ||
          flag == "--ready-file" || flag == "--ops-listen") {
        if (i + 1 >= args.size()) return UsageError(std::string(flag) + " needs a value");
        value = args[++i];
      }
    }
    DISD_RETURN_IF_ERROR(SetValue(flag, value, cl));
  }
  return cl;
}

std::string UsageText() {
  return R"(Usage: disd [FLAGS]

A self-hosted server for the Huawei Cloud DIS (Data Ingestion Service) REST API.

Flags (each overrides the config file and the environment):
  --config FILE              JSON-with-comments config file (env DISD_CONFIG)
  --listen HOST:PORT         address to listen on; port 0 picks a free port
                             (env DISD_LISTEN; default 127.0.0.1:20080)
  --data-dir DIR             where streams and records are stored
                             (env DISD_DATA_DIR; default ./data)
  --log-level LEVEL          trace|debug|info|warn|error|off (env DISD_LOG_LEVEL; default info)
  --durability MODE          sync: fsync before acknowledging; nosync: survive process crashes
                             only (env DISD_DURABILITY; default sync)
  --clock MODE               system, or manual: time moves only via POST /_disd/clock/advance
                             (env DISD_CLOCK; default system)
  --ops-listen HOST:PORT     serve /livez, /readyz and /metrics on this address
                             (env DISD_OPS_LISTEN; default: none)
  --ready-file FILE          once listening, write the bound "host:port" to FILE (and
                             "https HOST:PORT", "ops HOST:PORT" lines for those listeners)
  --version                  print the version and exit
  -h, --help                 print this help and exit

Every setting is described in docs/configuration.md.
)";
}

Config ApplyFlags(Config c, const CommandLine& flags) {
  if (flags.listen) c.server.listen = *flags.listen;
  if (flags.data_dir) c.storage.data_dir = *flags.data_dir;
  if (flags.log_level) c.log.level = *flags.log_level;
  if (flags.durability) c.storage.durability = *flags.durability;
  if (flags.clock) c.clock.mode = *flags.clock;
  if (flags.ops_listen) c.ops.listen = *flags.ops_listen;
  return c;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError("cannot open config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return UsageError("cannot read config file " + path);
  return text.str();
}

Result<Config> LoadConfig(const CommandLine& flags, const EnvLookup& env,
                          const FileReader& read_file) {
  Config config;
  std::optional<std::string> file = flags.config_file;
  if (!file) {
    if (auto from_env = env("DISD_CONFIG"); from_env && !from_env->empty()) file = from_env;
  }
  if (file) {
    auto text = read_file(*file);
    if (!text.ok()) return text.error();
    auto applied = ApplyConfigText(std::move(config), *text, *file);
    if (!applied.ok()) return applied.error();
    config = std::move(*applied);
  }
  auto with_env = ApplyEnvironment(std::move(config), env);
  if (!with_env.ok()) return with_env.error();
  config = ApplyFlags(std::move(*with_env), flags);
  DISD_RETURN_IF_ERROR(ValidateConfig(config));
  return config;
}

}  // namespace disd::app
