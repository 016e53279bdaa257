// Where a delivered batch lands: object keys and time directories (docs/dump-tasks.md,
// "Delivery and file layout").
//
//   {file_prefix}/{time dirs}/{stream}_{partition}_{first_seq}_{last_seq}.{ext}
//   {file_prefix}/{kind}_error/{stream}_{partition}_{first_seq}_{last_seq}.txt
//
// Empty parts (no file_prefix, no partition_format) are left out with their '/'. The name
// depends only on the stream, the partition and the batch's offset range, so rewriting a
// batch overwrites its object instead of adding one. Time directories follow
// partition_format ("yyyy" ... "yyyy/MM/dd/HH/mm") in UTC, from the batch's delivery time or,
// with a processing_schema, from each record's own timestamp field.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "disd/dump/task_spec.h"

namespace disd::dump {

// The directories partition_format names for `unix_ms` (UTC): "" for an empty format,
// "2017" for "yyyy", ..., "2017/11/10/14/49" for "yyyy/MM/dd/HH/mm". kInvalidRequest for
// any other format.
Result<std::string> TimeDirs(std::string_view partition_format, std::int64_t unix_ms);

// The record's own time under `schema` (milliseconds since the epoch, UTC): the field
// `timestamp_name` of the JSON object in `record`, a 13-digit millisecond number (or numeric
// string) for "Timestamp", text in `timestamp_format` for "String". nullopt when the record
// is not a JSON object, lacks the field, or the value does not parse.
std::optional<std::int64_t> RecordTimeMs(const ProcessingSchema& schema, std::string_view record);

// Parses "yyyy/MM/dd HH:mm:ss" and the five other documented formats (UTC).
std::optional<std::int64_t> ParseTimestampText(std::string_view format, std::string_view text);

struct BatchName {
  std::string_view stream;
  std::int32_t partition = 0;
  std::int64_t first_sequence = 0;
  std::int64_t last_sequence = 0;
};

// "{stream}_{partition}_{first}_{last}.{extension}".
std::string ObjectFileName(const BatchName& name, std::string_view extension);

// Joins the non-empty parts with '/'.
std::string JoinKey(std::string_view a, std::string_view b, std::string_view c = {});

// The data object of a batch: {file_prefix}/{time_dirs}/{file name}.
std::string DataObjectKey(std::string_view file_prefix, std::string_view time_dirs,
                          const BatchName& name, std::string_view extension);

// The error object of a batch: {file_prefix}/{kind}_error/{file name}.txt, kind being
// "obs", "dli", ...
std::string ErrorObjectKey(std::string_view file_prefix, std::string_view kind,
                           const BatchName& name);

}  // namespace disd::dump
