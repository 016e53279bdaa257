#include "dump/text_file.h"

#include <nlohmann/json.hpp>

namespace disd::dump {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::string CsvValue(const OrderedJson& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

std::string JoinRecords(const std::vector<std::string_view>& records, std::string_view delimiter) {
  std::size_t size = 0;
  for (std::string_view r : records) size += r.size() + delimiter.size();
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out += delimiter;
    out += records[i];
  }
  return out;
}

EncodedRecords EncodeJsonLines(const std::vector<std::string_view>& records) {
  EncodedRecords out;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const OrderedJson doc = OrderedJson::parse(records[i], nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
      out.rejected.push_back(i);
      continue;
    }
    if (records[i].find_first_of("\r\n") == std::string_view::npos) {
      out.bytes += records[i];  // already one line: keep the producer's exact text
    } else {
      out.bytes += doc.dump();
    }
    out.bytes.push_back('\n');
    ++out.rows;
  }
  return out;
}

std::string CsvField(std::string_view value, std::string_view delimiter) {
  const bool quote = value.find_first_of("\"\r\n") != std::string_view::npos ||
                     (!delimiter.empty() && value.find(delimiter) != std::string_view::npos);
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

EncodedRecords EncodeCsv(const std::vector<std::string_view>& records,
                         const std::vector<std::string>& columns, std::string_view delimiter) {
  EncodedRecords out;
  for (std::string_view record : records) {
    const OrderedJson doc = OrderedJson::parse(record, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
      while (record.ends_with('\n') || record.ends_with('\r')) record.remove_suffix(1);
      out.bytes += record;
      out.bytes.push_back('\n');
      ++out.rows;
      continue;
    }
    bool first = true;
    auto field = [&](const OrderedJson& value) {
      if (!first) out.bytes += delimiter;
      first = false;
      out.bytes += CsvField(CsvValue(value), delimiter);
    };
    if (columns.empty()) {
      for (const auto& [name, value] : doc.items()) field(value);
    } else {
      for (const std::string& name : columns) {
        const auto it = doc.find(name);
        field(it == doc.end() ? OrderedJson() : *it);
      }
    }
    out.bytes.push_back('\n');
    ++out.rows;
  }
  return out;
}

}  // namespace disd::dump
