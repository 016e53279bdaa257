// Validation of Avro schemas (Avro 1.11 specification, "Schema Declaration"), used for a
// stream's data_schema. Only validity is checked; disd does not encode Avro here.
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "disd/common/status.h"

namespace disd::service {

// Ok if `text` is a valid Avro schema in JSON form; otherwise kInvalidDataSchema with a
// detail saying what is wrong.
Status ValidateAvroSchema(std::string_view text);

}  // namespace disd::service
