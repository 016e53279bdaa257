#include "api/request_context.h"

#include <nlohmann/json.hpp>

#include "disd/common/numbers.h"

namespace disd::api {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = HexValue(text[i + 1]);
    int lo = HexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

QueryParams QueryParams::Parse(std::string_view query) {
  QueryParams q;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    auto eq = piece.find('=');
    auto name = PercentDecode(piece.substr(0, eq));
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1));
    if (!name || !value || name->empty()) continue;
    q.params_.emplace_back(std::move(*name), std::move(*value));
  }
  return q;
}

std::optional<std::string> QueryParams::Get(std::string_view name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

Result<std::optional<std::int64_t>> QueryParams::GetInt(std::string_view name) const {
  auto text = Get(name);
  if (!text || text->empty()) return std::optional<std::int64_t>();
  auto value = ParseInt64(*text);
  if (!value) {
    return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(name) + " must be an integer]");
  }
  return std::optional<std::int64_t>(*value);
}

std::string_view RequestContext::Param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

Result<nlohmann::json> RequestContext::JsonBody() const {
  if (http.body.empty()) return MakeError(ErrorCode::kEmptyRequest);
  nlohmann::json body = nlohmann::json::parse(http.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return MakeError(ErrorCode::kInvalidRequest, "[body is not valid JSON]");
  if (!body.is_object()) return MakeError(ErrorCode::kInvalidRequest, "[body must be a JSON object]");
  return body;
}

Result<nlohmann::json> RequestContext::OptionalJsonBody() const {
  if (http.body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  return JsonBody();
}

}  // namespace disd::api
