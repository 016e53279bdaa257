// The JSON answers of PutRecords and GetRecords written straight into the response body:
// one reserved string, record data base64-encoded in place, no intermediate JSON values.
// The bytes are exactly those the generic nlohmann encoder produced (keys in the same
// sorted order, the same escaping, invalid UTF-8 replaced the same way), so clients see no
// difference.
// Thread-safety: pure functions.
#pragma once

#include "disd/common/http_message.h"
#include "disd/service/record_service.h"

namespace disd::api {

// 200 {"failed_record_count":N,"records":[...]}, index-aligned with the request.
HttpResponse WritePutRecordsJson(const service::PutRecordsOutcome& outcome);

// 200 {"next_partition_cursor":"...","records":[...]}.
HttpResponse WriteGetRecordsJson(const service::GetRecordsOutcome& outcome);

}  // namespace disd::api
