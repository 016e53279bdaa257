// DWS rows: how a record becomes a row of the target table, and the COPY text that carries
// the rows to the server (docs/sinks/dws.md).
//
// A record that parses as a JSON object gives each target column the value of the key of
// the same name (strings as they are, numbers and booleans as their JSON text, objects and
// arrays as compact JSON, null as NULL); a missing key is a missing field. Any other record
// is delimited text: one trailing "\n" or "\r\n" is dropped, then the text is split on the
// delimiter with CSV-style double quotes (a field that starts with '"' runs to the next
// lone '"', "" inside it is one '"'); an unquoted empty field is NULL, a quoted one ("")
// the empty string. Fields go to the target columns in order.
//  - fewer fields than columns (or a missing JSON key): NULLs with fill_missing_fields,
//    else a format error;
//  - more fields than columns: dropped with ignore_extra_data, else a format error (extra
//    JSON keys are always ignored: they are addressed by name, not position);
//  - a NUL byte or bytes that are not UTF-8: with compatible_illegal_chars NUL becomes ' '
//    and each byte of an invalid sequence '?', else a format error.
// The COPY text is CSV (`COPY ... FROM STDIN WITH (FORMAT csv)`, delimiter ',', quote '"'):
// every value is quoted with '"' doubled, NULL is an empty unquoted field, so any content
// (delimiters, quotes, line breaks, backslashes, "\.") is carried as it is.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/dump/task_spec.h"

namespace disd::dump {

using DwsField = std::optional<std::string>;  // nullopt = NULL

struct DwsRow {
  std::vector<DwsField> fields;  // one per target column when error is empty
  std::string error;             // the format error, "" when the row is good
  bool ok() const { return error.empty(); }
};

// The record as a row of `columns` (the target columns, in order).
DwsRow RecordToRow(std::string_view record, const std::vector<std::string>& columns, char delimiter,
                   const DwsOptions& options);

// Valid UTF-8 without NUL: true, *out = the bytes. Otherwise with `compatible` the
// converted text (NUL -> ' ', each invalid byte -> '?'), else false with *error set.
bool CheckIllegalChars(std::string_view bytes, bool compatible, std::string* out,
                       std::string* error);

// Splits delimited text (CSV-style quotes). False with *error on a malformed quote.
bool SplitDelimited(std::string_view text, char delimiter, std::vector<DwsField>* fields,
                    std::string* error);

// One row in COPY CSV format, ending with "\n".
std::string CopyCsvLine(const std::vector<DwsField>& fields);

// The 1-based line number of a COPY error's CONTEXT ("COPY t, line 3, column c: ..."), or
// nullopt when the context names no COPY line. The server counts physical lines: a line
// break inside a quoted value counts too (the loader maps lines back to rows).
std::optional<std::int64_t> CopyLineFromContext(std::string_view context);

}  // namespace disd::dump
