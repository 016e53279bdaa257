// The MRS sink: each batch is staged as a text object in the task's OBS bucket (as the
// real service does), then published as one HDFS file through WebHDFS: MKDIRS the
// directory, CREATE the hidden temporary file (overwrite), RENAME it to the final name.
// A RENAME that answers false while the final file exists means the batch was published
// before (a rewrite after a crash between the write and the offset commit): the temporary
// file is deleted and the write succeeds, so the batch lands once.
#include "dump/mrs_layout.h"
#include "dump/sink.h"
#include "dump/text_file.h"
#include "dump/webhdfs_client.h"

namespace disd::dump {
namespace {

class MrsSink final : public Sink {
 public:
  MrsSink(std::unique_ptr<Sink> staging, CommonSpec common, MrsSpec mrs, WebHdfsClient client)
      : staging_(std::move(staging)),
        common_(std::move(common)),
        mrs_(std::move(mrs)),
        client_(std::move(client)) {}

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    auto staged = staging_->Write(batch);
    if (!staged.ok()) return staged.error();

    const BatchName name{batch.stream_name, batch.partition, batch.first_sequence,
                         batch.last_sequence};
    auto paths = MrsBatchPaths(mrs_, common_.partition_format, name, batch.delivery_time_ms);
    if (!paths.ok()) return paths.error();
    std::vector<std::string_view> views;
    views.reserve(batch.records->size());
    for (const auto& record : *batch.records) views.emplace_back(record.data);
    const std::string bytes = JoinRecords(views, common_.record_delimiter);

    auto made = client_.Mkdirs(paths->directory);
    if (!made.ok()) return made.error();
    if (!*made) {
      return MakeError(ErrorCode::kInvalidMrsCluster,
                       "[WebHDFS MKDIRS " + paths->directory + " answered false]");
    }
    DISD_RETURN_IF_ERROR(client_.Create(paths->temp_path, bytes, /*overwrite=*/true));
    auto renamed = client_.Rename(paths->temp_path, paths->final_path);
    if (!renamed.ok()) return renamed.error();
    if (!*renamed) DISD_RETURN_IF_ERROR(AlreadyPublished(*paths));
    SinkWrite out;
    out.files_written = 1;
    return out;
  }

 private:
  // RENAME answered false: fine only when the final file is there (published before).
  Status AlreadyPublished(const MrsFilePaths& paths) {
    auto status = client_.GetFileStatus(paths.final_path);
    if (!status.ok()) return status.error();
    if (!status->has_value() || (*status)->type != "FILE") {
      return MakeError(
          ErrorCode::kInvalidMrsCluster,
          "[WebHDFS RENAME " + paths.temp_path + " to " + paths.final_path + " answered false]");
    }
    auto deleted = client_.Delete(paths.temp_path, /*recursive=*/false);
    if (!deleted.ok()) return deleted.error();
    return Status::Ok();
  }

  std::unique_ptr<Sink> staging_;
  const CommonSpec common_;
  const MrsSpec mrs_;
  const WebHdfsClient client_;
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeMrsSink(ObjectStore& staging, const TaskSpec& spec,
                                          const engine::StreamMeta& stream,
                                          const MrsClusterConfig& cluster) {
  if (!spec.mrs) return MakeError(ErrorCode::kInternal, "MRS task without its descriptor");
  if (spec.common.destination_file_type != FileType::kText) {
    return MakeError(ErrorCode::kInvalidRequest, "MRS tasks write text files only");
  }
  if (spec.mrs->hdfs_path.empty() || spec.mrs->hdfs_path.front() != '/') {
    return MakeError(ErrorCode::kInvalidHdfsPath, "[mrs_hdfs_path must be absolute]");
  }
  auto namenode = ParseHttpEndpoint(cluster.webhdfs_url);
  if (!namenode.ok()) {
    return MakeError(
        ErrorCode::kInvalidMrsCluster,
        "[MRS cluster " + cluster.name + ": webhdfs_url " + namenode.error().detail + "]");
  }
  TaskSpec text = spec;  // the staged copy is always a text object
  text.common.processing_schema.reset();
  auto staged = MakeObsSink(staging, text, stream);
  if (!staged.ok()) return staged.error();
  return std::unique_ptr<Sink>(std::make_unique<MrsSink>(std::move(*staged), spec.common, *spec.mrs,
                                                         WebHdfsClient(*namenode, cluster.user)));
}

}  // namespace disd::dump
