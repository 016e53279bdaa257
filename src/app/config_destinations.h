// The "destinations" and "dump" sections of the config file: where transfer tasks may
// deliver (object stores, agencies, DLI tables, DWS/MRS/CloudTable clusters, KMS keys)
// and how delivery runs. Lists in the file replace the built-in ones as a whole. Error
// messages name keys, never secret values. Private to src/app/.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "app/config_reader.h"
#include "disd/app/config.h"

namespace disd::app {

Status ReadDestinations(const Json& j, std::string_view source, dump::DestinationsConfig& out);
Status ReadDump(const Json& j, std::string_view source, DumpSettings& out);

// Names unique per kind, every agency and DLI table on a defined object store, URLs and
// kinds well-formed, KMS keys 64 hex digits, dump.* within range.
Status ValidateDestinations(const dump::DestinationsConfig& destinations);
Status ValidateDump(const DumpSettings& dump);

}  // namespace disd::app
