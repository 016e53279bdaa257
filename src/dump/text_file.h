// The text encodings of a batch of records: raw records joined by a delimiter (OBS "text"
// files), JSON lines and CSV (DLI tables).
//
// Text files hold each record's bytes exactly as written, separated by the delimiter (no
// delimiter after the last record). JSON lines hold one JSON object per line: a record
// that is not a JSON object is rejected (its index is returned so the caller can send it
// to the error location). CSV rows take a JSON object's values in `columns` order (or the
// object's own field order when no columns are given), quoted as RFC 4180 asks when a
// value holds the delimiter, a quote or a line break; a record that is not a JSON object
// (a CSV or BLOB stream's record) is written as it is, one line. Lines end with "\n".
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace disd::dump {

std::string JoinRecords(const std::vector<std::string_view>& records, std::string_view delimiter);

struct EncodedRecords {
  std::string bytes;
  std::size_t rows = 0;
  std::vector<std::size_t> rejected;  // indices into the input, ascending
};

EncodedRecords EncodeJsonLines(const std::vector<std::string_view>& records);

EncodedRecords EncodeCsv(const std::vector<std::string_view>& records,
                         const std::vector<std::string>& columns, std::string_view delimiter);

// One CSV field, quoted when needed.
std::string CsvField(std::string_view value, std::string_view delimiter);

}  // namespace disd::dump
