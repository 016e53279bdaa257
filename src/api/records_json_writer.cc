#include "api/records_json_writer.h"

#include <nlohmann/json.hpp>

#include <charconv>

#include "api/responses.h"
#include "disd/common/base64.h"
#include "disd/common/error_table.h"
#include "disd/common/partition_id.h"

namespace disd::api {

namespace {

void AppendInt(std::int64_t v, std::string& out) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
}

// A JSON string. Printable ASCII without '"' or '\\' (every id, number and base64 text) is
// copied as it is; anything else goes through nlohmann's serializer, which is what
// produced these bytes before.
void AppendString(std::string_view text, std::string& out) {
  bool plain = true;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false,
                                                nlohmann::json::error_handler_t::replace);
}

HttpResponse Json(std::string body) {
  HttpResponse r;
  r.status = 200;
  r.content_type = kJsonContentType;
  r.body = std::move(body);
  return r;
}

}  // namespace

HttpResponse WritePutRecordsJson(const service::PutRecordsOutcome& outcome) {
  std::string out;
  out.reserve(48 + outcome.records.size() * 72);
  out += "{\"failed_record_count\":";
  AppendInt(outcome.failed_record_count, out);
  out += ",\"records\":[";
  bool first = true;
  for (const service::PutRecordOutcome& r : outcome.records) {
    if (!first) out += ',';
    first = false;
    out += '{';
    if (r.error) {
      out += "\"error_code\":";
      AppendString(DescribeError(r.error->code).dis_code, out);
      out += ",\"error_message\":";
      AppendString(FormatErrorMessage(*r.error), out);
      if (r.partition >= 0) {
        out += ",\"partition_id\":";
        AppendString(FormatPartitionId(r.partition), out);
      }
    } else {
      if (r.partition >= 0) {
        out += "\"partition_id\":";
        AppendString(FormatPartitionId(r.partition), out);
        out += ',';
      }
      out += "\"sequence_number\":\"";
      AppendInt(r.sequence_number, out);
      out += '"';
    }
    out += '}';
  }
  out += "]}";
  return Json(std::move(out));
}

HttpResponse WriteGetRecordsJson(const service::GetRecordsOutcome& outcome) {
  std::size_t size = 64 + outcome.next_cursor.size();
  for (const engine::LogRecord& r : outcome.records) {
    size += (r.data.size() + 2) / 3 * 4 + 96 + (r.partition_key ? r.partition_key->size() + 20 : 0);
  }
  std::string out;
  out.reserve(size);
  out += "{\"next_partition_cursor\":";
  AppendString(outcome.next_cursor, out);
  out += ",\"records\":[";
  bool first = true;
  for (const engine::LogRecord& r : outcome.records) {
    if (!first) out += ',';
    first = false;
    out += "{\"data\":\"";
    Base64EncodeTo(r.data, out);
    out += '"';
    if (r.partition_key) {
      out += ",\"partition_key\":";
      AppendString(*r.partition_key, out);
    }
    out += ",\"sequence_number\":\"";
    AppendInt(r.sequence_number, out);
    out += "\",\"timestamp\":";
    AppendInt(r.timestamp_ms, out);
    out += ",\"timestamp_type\":\"CreateTime\"}";
  }
  out += "]}";
  return Json(std::move(out));
}

}  // namespace disd::api
