#include "dump/mrs_layout.h"

namespace disd::dump {

Result<MrsFilePaths> MrsBatchPaths(const MrsSpec& mrs, std::string_view partition_format,
                                   const BatchName& name, std::int64_t delivery_time_ms) {
  auto dirs = TimeDirs(partition_format, delivery_time_ms);
  if (!dirs.ok()) return dirs.error();
  MrsFilePaths out;
  out.directory = "/" + JoinKey(mrs.hdfs_path, mrs.hdfs_prefix_folder, *dirs);
  const std::string file = ObjectFileName(name, "txt");
  const std::string parent = out.directory == "/" ? "/" : out.directory + "/";
  out.final_path = parent + file;
  out.temp_path = parent + "." + file + ".tmp";
  return out;
}

}  // namespace disd::dump
