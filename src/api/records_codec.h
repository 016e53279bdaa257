// The two wire codecs of PutRecords and GetRecords: JSON (the default) and protobuf
// (chosen by a request `Content-Type: application/x-protobuf`, which the SDKs also send on
// the body-less GetRecords GET; sdk-wire.md section 2). Both decode into and encode from
// the same service types, so the handlers in record_handlers.cc run one code path whatever
// the codec. Errors are answered in the JSON error shape by both (every SDK parses error
// bodies as JSON or text).
// Thread-safety: codecs are stateless singletons of constant data; calls are reentrant.
#pragma once

#include <string_view>

#include "api/request_context.h"
#include "disd/common/http_message.h"
#include "disd/common/status.h"
#include "disd/service/record_service.h"

namespace disd::api {

inline constexpr const char* kProtobufContentType = "application/x-protobuf";

class RecordsCodec {
 public:
  virtual ~RecordsCodec() = default;
  // The PutRecords body of `ctx` (already decompressed). kEmptyRequest for an empty body,
  // kInvalidRequest for a malformed one (naming the record index where there is one).
  virtual Result<service::PutRecordsCommand> DecodePut(const RequestContext& ctx) const = 0;
  // 200 with the per-record results, index-aligned with the request.
  virtual HttpResponse EncodePut(const service::PutRecordsOutcome& outcome) const = 0;
  // 200 with the records and the next cursor (always present).
  virtual HttpResponse EncodeGet(const service::GetRecordsOutcome& outcome) const = 0;
};

const RecordsCodec& JsonRecordsCodec();
const RecordsCodec& ProtobufRecordsCodec();

// True for "application/x-protobuf" with any parameters and in any letter case.
bool IsProtobufContentType(std::string_view content_type);

// The protobuf codec when the request's Content-Type says protobuf, else JSON.
const RecordsCodec& RecordsCodecFor(const HttpRequest& request);

}  // namespace disd::api
