#include "disd/app/command_line.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace disd::app {
namespace {

Result<CommandLine> Parse(std::vector<std::string_view> args) { return ParseCommandLine(args); }

EnvLookup MapEnv(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Serves files from a map; anything else is missing.
FileReader MapFiles(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return MakeError(ErrorCode::kInvalidRequest, "no such file " + path);
    return it->second;
  };
}

TEST(CommandLineTest, NoArgumentsMeansDefaults) {
  auto cl = Parse({});
  ASSERT_TRUE(cl.ok());
  EXPECT_FALSE(cl->help);
  EXPECT_FALSE(cl->version);
  EXPECT_FALSE(cl->config_file);
}

TEST(CommandLineTest, ParsesEveryFlagInBothForms) {
  auto cl = Parse({"--config", "c.jsonc", "--listen=0.0.0.0:1", "--data-dir", "d", "--log-level",
                   "trace", "--durability=nosync", "--clock", "manual", "--ready-file", "r"});
  ASSERT_TRUE(cl.ok()) << cl.error().detail;
  EXPECT_EQ(cl->config_file, "c.jsonc");
  EXPECT_EQ(cl->listen, "0.0.0.0:1");
  EXPECT_EQ(cl->data_dir, "d");
  EXPECT_EQ(cl->log_level, LogLevel::kTrace);
  EXPECT_EQ(cl->durability, engine::Durability::kNoSync);
  EXPECT_EQ(cl->clock, ClockMode::kManual);
  EXPECT_EQ(cl->ready_file, "r");
}

TEST(CommandLineTest, HelpAndVersion) {
  EXPECT_TRUE(Parse({"--help"})->help);
  EXPECT_TRUE(Parse({"-h"})->help);
  EXPECT_TRUE(Parse({"--version"})->version);
  EXPECT_NE(UsageText().find("--ready-file"), std::string::npos);
}

TEST(CommandLineTest, LastRepeatedFlagWins) {
  auto cl = Parse({"--data-dir", "a", "--data-dir", "b"});
  ASSERT_TRUE(cl.ok());
  EXPECT_EQ(cl->data_dir, "b");
}

TEST(CommandLineTest, RejectsBadCommandLines) {
  const std::vector<std::vector<std::string_view>> bad = {
      {"--bogus"},           {"--listen"},     {"--listen", "nope"},
      {"--durability", "x"}, {"--clock=fast"}, {"--log-level", "loud"},
      {"positional"},        {"--data-dir="},  {"-x"},
  };
  for (const auto& args : bad) {
    auto cl = Parse(args);
    EXPECT_FALSE(cl.ok()) << args[0];
    if (!cl.ok()) {
      EXPECT_FALSE(cl.error().detail.empty());
    }
  }
  EXPECT_NE(Parse({"--bogus"}).error().detail.find("--bogus"), std::string::npos);
}

TEST(CommandLineTest, PrecedenceIsDefaultsFileEnvironmentFlags) {
  auto files = MapFiles({{"c.jsonc", R"({"server": {"listen": "127.0.0.1:1", "io_threads": 3},
                                          "storage": {"data_dir": "file", "durability": "nosync"},
                                          "log": {"level": "debug"}})"}});
  auto env = MapEnv(
      {{"DISD_CONFIG", "c.jsonc"}, {"DISD_DATA_DIR", "env"}, {"DISD_LISTEN", "127.0.0.1:2"}});
  auto cl = Parse({"--listen", "127.0.0.1:3"});
  auto c = LoadConfig(*cl, env, files);
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_EQ(c->server.listen, "127.0.0.1:3");                     // flag
  EXPECT_EQ(c->storage.data_dir, "env");                          // environment
  EXPECT_EQ(c->storage.durability, engine::Durability::kNoSync);  // file
  EXPECT_EQ(c->server.io_threads, 3);                             // file
  EXPECT_EQ(c->server.worker_threads, 4);                         // default
  EXPECT_EQ(c->log.level, LogLevel::kDebug);                      // file
}

TEST(CommandLineTest, ConfigFlagBeatsDisdConfig) {
  auto files = MapFiles({{"flag.jsonc", R"({"storage": {"data_dir": "from-flag"}})"},
                         {"env.jsonc", R"({"storage": {"data_dir": "from-env"}})"}});
  auto c =
      LoadConfig(*Parse({"--config", "flag.jsonc"}), MapEnv({{"DISD_CONFIG", "env.jsonc"}}), files);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->storage.data_dir, "from-flag");
}

TEST(CommandLineTest, NoConfigFileMeansBuiltInDefaults) {
  auto c = LoadConfig(*Parse({}), MapEnv({}), MapFiles({}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.listen, "127.0.0.1:20080");
}

TEST(CommandLineTest, LoadConfigReportsMissingFilesAndInvalidValues) {
  auto missing = LoadConfig(*Parse({"--config", "absent.jsonc"}), MapEnv({}), MapFiles({}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().detail.find("absent.jsonc"), std::string::npos);

  auto files = MapFiles({{"c.jsonc", R"({"server": {"io_threads": 0}})"}});
  auto invalid = LoadConfig(*Parse({"--config", "c.jsonc"}), MapEnv({}), files);
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().detail.find("server.io_threads"), std::string::npos);
}

TEST(CommandLineTest, ReadWholeFileFailsOnAMissingFile) {
  auto text = ReadWholeFile("/nonexistent/disd/config.jsonc");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().detail.find("config.jsonc"), std::string::npos);
}

}  // namespace
}  // namespace disd::app

namespace disd::app {
namespace {

TEST(CommandLineOpsTest, OpsListenFlag) {
  auto cl = ParseCommandLine(std::vector<std::string_view>{"--ops-listen", "127.0.0.1:0"});
  ASSERT_TRUE(cl.ok());
  EXPECT_EQ(cl->ops_listen, "127.0.0.1:0");
  EXPECT_EQ(ApplyFlags(Config{}, *cl).ops.listen, "127.0.0.1:0");
  EXPECT_FALSE(ParseCommandLine(std::vector<std::string_view>{"--ops-listen", "nope"}).ok());
  EXPECT_FALSE(ParseCommandLine(std::vector<std::string_view>{"--ops-listen"}).ok());
  EXPECT_NE(UsageText().find("--ops-listen"), std::string::npos);
}

}  // namespace
}  // namespace disd::app
