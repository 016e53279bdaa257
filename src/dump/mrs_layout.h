// Where the MRS sink puts a batch in HDFS (docs/sinks/mrs.md):
//
//   {mrs_hdfs_path}/{hdfs_prefix_folder}/{time dirs}/{stream}_{partition}_{first}_{last}.txt
//
// The file name and the time directories are the ones the staged OBS object gets
// (object_layout.h), so the HDFS file and its staged copy share the name. The batch is
// first written to a hidden temporary file in the same directory,
// `.{file name}.tmp` (a leading '.' keeps MapReduce, Hive and Spark readers from picking it
// up), then renamed to the final name.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "disd/dump/task_spec.h"
#include "dump/object_layout.h"

namespace disd::dump {

struct MrsFilePaths {
  std::string directory;  // absolute, no trailing '/' ("/" for the root)
  std::string final_path;
  std::string temp_path;
};

// The paths of a batch delivered at `delivery_time_ms` (UTC time directories per
// `partition_format`). kInvalidRequest for an unknown partition_format.
Result<MrsFilePaths> MrsBatchPaths(const MrsSpec& mrs, std::string_view partition_format,
                                   const BatchName& name, std::int64_t delivery_time_ms);

}  // namespace disd::dump
