#include "unit/dump/duckdb_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace disd::dump::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kToolsDir = fs::path(DISD_SOURCE_DIR) / "tests" / "tools";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Single-quotes `s` for /bin/sh.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

bool NodeOnPath() { return std::system("command -v node >/dev/null 2>&1") == 0; }

}  // namespace

std::optional<nlohmann::json> ReadWithDuckDb(const std::string& bytes) {
  if (!NodeOnPath()) {
    ADD_FAILURE() << "node is not installed: run scripts/install-test-tools.sh "
                     "(scripts/test.sh does) to verify Parquet files with DuckDB";
    return std::nullopt;
  }
  if (!fs::exists(kToolsDir / "node_modules" / "@duckdb" / "node-api" / "package.json")) {
    ADD_FAILURE() << "@duckdb/node-api is not installed in " << kToolsDir.string()
                  << ": run scripts/install-test-tools.sh (scripts/test.sh does)";
    return std::nullopt;
  }
  std::string dir_template = (fs::temp_directory_path() / "disd-parquet-XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return std::nullopt;
  }
  const fs::path dir = dir_template;
  const fs::path file = dir / "data.parquet";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string command = "node " + ShellQuote((kToolsDir / "parquet-read.mjs").string()) +
                              " " + ShellQuote(file.string()) + " >" +
                              ShellQuote((dir / "out.json").string()) + " 2>" +
                              ShellQuote((dir / "err.txt").string());
  const int status = std::system(command.c_str());
  const std::string output = ReadAll(dir / "out.json");
  const std::string errors = ReadAll(dir / "err.txt");
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "parquet-read.mjs failed (status " << status << "): " << errors;
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(output, nullptr, false);
  if (parsed.is_discarded()) {
    ADD_FAILURE() << "parquet-read.mjs printed no JSON: " << output.substr(0, 500) << errors;
    return std::nullopt;
  }
  return parsed;
}

}  // namespace disd::dump::testing
