#include "api/content_encoding.h"

#include <lz4.h>
#include <snappy-c.h>
#include <zstd.h>

#include <cctype>
#include <limits>
#include <memory>

#include "disd/common/numbers.h"

namespace disd::api {

namespace {

Error TooLarge(std::size_t max_bytes) {
  return MakeError(ErrorCode::kPayloadTooLarge,
                   "[the decompressed request body exceeds the "
                   "limit of " +
                       std::to_string(max_bytes) + " bytes]");
}

Error Corrupt(std::string_view coding, std::string_view why) {
  return MakeError(ErrorCode::kInvalidRequest,
                   "[the " + std::string(coding) + " request body " + std::string(why) + "]");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A length header: a decimal in 0..2^63-1.
Result<std::size_t> ParseLength(std::string_view header, std::string_view text) {
  auto value = ParseInt64(Trim(text));
  if (!value || *value < 0) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[" + std::string(header) + " must be a non-negative integer]");
  }
  if (static_cast<std::uint64_t>(*value) > std::numeric_limits<std::size_t>::max()) {
    return std::numeric_limits<std::size_t>::max();
  }
  return static_cast<std::size_t>(*value);
}

struct ZstdStreamDeleter {
  void operator()(ZSTD_DStream* stream) const { ZSTD_freeDStream(stream); }
};

}  // namespace

Result<BodyEncoding> ParseContentEncoding(std::string_view value) {
  const std::string coding = Lower(Trim(value));
  if (coding.empty() || coding == "identity") return BodyEncoding::kIdentity;
  if (coding == "lz4") return BodyEncoding::kLz4;
  if (coding == "snappy") return BodyEncoding::kSnappy;
  if (coding == "zstd") return BodyEncoding::kZstd;
  return MakeError(ErrorCode::kInvalidRequest,
                   "[Content-Encoding " + coding + " is not supported; use lz4, snappy or zstd]");
}

Result<std::string> DecompressLz4(std::string_view input, std::string_view declared_length,
                                  std::size_t max_bytes) {
  if (Trim(declared_length).empty()) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[x-dis-lz4-content-length is required with Content-Encoding: lz4]");
  }
  auto length = ParseLength("x-dis-lz4-content-length", declared_length);
  if (!length.ok()) return length.error();
  if (*length > max_bytes) return TooLarge(max_bytes);
  if (*length > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
      input.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return TooLarge(max_bytes);
  }
  std::string out(*length, '\0');
  const int produced = LZ4_decompress_safe(input.data(), out.data(), static_cast<int>(input.size()),
                                           static_cast<int>(out.size()));
  if (produced < 0) return Corrupt("lz4", "is corrupt or longer than x-dis-lz4-content-length");
  if (static_cast<std::size_t>(produced) != out.size()) {
    return Corrupt("lz4", "is shorter than x-dis-lz4-content-length");
  }
  return out;
}

Result<std::string> DecompressSnappy(std::string_view input, std::size_t max_bytes) {
  std::size_t length = 0;
  if (snappy_uncompressed_length(input.data(), input.size(), &length) != SNAPPY_OK) {
    return Corrupt("snappy", "is corrupt");
  }
  if (length > max_bytes) return TooLarge(max_bytes);
  std::string out(length, '\0');
  std::size_t produced = out.size();
  if (snappy_uncompress(input.data(), input.size(), out.data(), &produced) != SNAPPY_OK ||
      produced != length) {
    return Corrupt("snappy", "is corrupt");
  }
  return out;
}

Result<std::string> DecompressZstd(std::string_view input, std::string_view declared_length,
                                   std::size_t max_bytes) {
  std::optional<std::size_t> declared;
  if (!Trim(declared_length).empty()) {
    auto length = ParseLength("x-dis-zstd-content-length", declared_length);
    if (!length.ok()) return length.error();
    if (*length > max_bytes) return TooLarge(max_bytes);
    declared = *length;
  }
  const unsigned long long frame_size = ZSTD_getFrameContentSize(input.data(), input.size());
  if (frame_size == ZSTD_CONTENTSIZE_ERROR) return Corrupt("zstd", "is not a zstd frame");
  if (frame_size != ZSTD_CONTENTSIZE_UNKNOWN && frame_size > max_bytes) return TooLarge(max_bytes);

  std::unique_ptr<ZSTD_DStream, ZstdStreamDeleter> stream(ZSTD_createDStream());
  if (!stream) return MakeError(ErrorCode::kInternal, "ZSTD_createDStream failed");
  std::string out;
  // Start with what the frame or the header says (never beyond the limit) and grow in
  // steps; the output never exceeds max_bytes + one step.
  const std::size_t step = ZSTD_DStreamOutSize();
  out.reserve(std::min(max_bytes, declared.value_or(frame_size == ZSTD_CONTENTSIZE_UNKNOWN
                                                        ? step
                                                        : static_cast<std::size_t>(frame_size))));
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  std::size_t last = 1;
  while (in.pos < in.size || last != 0) {
    const std::size_t used = out.size();
    if (used > max_bytes) return TooLarge(max_bytes);
    out.resize(used + step);
    ZSTD_outBuffer buffer{out.data() + used, step, 0};
    last = ZSTD_decompressStream(stream.get(), &buffer, &in);
    out.resize(used + buffer.pos);
    if (ZSTD_isError(last)) return Corrupt("zstd", "is corrupt");
    if (in.pos == in.size && last != 0 && buffer.pos < step) {
      return Corrupt("zstd", "is truncated");
    }
  }
  if (out.size() > max_bytes) return TooLarge(max_bytes);
  if (declared && out.size() != *declared) {
    return Corrupt("zstd", "does not match x-dis-zstd-content-length");
  }
  return out;
}

Result<std::optional<std::string>> DecodeRequestBody(const HttpRequest& request,
                                                     std::size_t max_bytes) {
  auto encoding = ParseContentEncoding(request.Header("Content-Encoding"));
  if (!encoding.ok()) return encoding.error();
  switch (*encoding) {
    case BodyEncoding::kIdentity:
      return std::optional<std::string>();
    case BodyEncoding::kLz4: {
      if (request.body.empty()) return std::optional<std::string>(std::string());
      auto out = DecompressLz4(request.body, request.Header("x-dis-lz4-content-length"), max_bytes);
      if (!out.ok()) return out.error();
      return std::optional<std::string>(std::move(*out));
    }
    case BodyEncoding::kSnappy: {
      if (request.body.empty()) return std::optional<std::string>(std::string());
      auto out = DecompressSnappy(request.body, max_bytes);
      if (!out.ok()) return out.error();
      return std::optional<std::string>(std::move(*out));
    }
    case BodyEncoding::kZstd: {
      if (request.body.empty()) return std::optional<std::string>(std::string());
      auto out =
          DecompressZstd(request.body, request.Header("x-dis-zstd-content-length"), max_bytes);
      if (!out.ok()) return out.error();
      return std::optional<std::string>(std::move(*out));
    }
  }
  return std::optional<std::string>();
}

}  // namespace disd::api
