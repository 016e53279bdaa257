// The PutRecords JSON body decoded with simdjson instead of nlohmann::json: a validating
// parse into simdjson's flat tape (a reused per-thread buffer, no node allocations), then
// one pass over the records that base64-decodes each `data` straight into its entry. The
// result and every error (kEmptyRequest, kInvalidRequest naming the field or the record
// index) are those of the generic decoder in json_records_codec.cc, check for check and in
// the same order, so the SDKs cannot tell the two apart.
// Thread-safety: reentrant (each thread has its own parser).
#pragma once

#include <optional>
#include <string_view>

#include "disd/common/status.h"
#include "disd/service/record_service.h"

namespace disd::api {

// The decoded command or its error. nullopt when simdjson cannot read the body (not JSON,
// numbers beyond 64 bits, nesting deeper than 1024): the caller then runs the generic
// decoder, which gives such bodies their usual answer.
std::optional<Result<service::PutRecordsCommand>> ParsePutRecordsJson(std::string_view body);

}  // namespace disd::api
