// The OBS sink: a batch becomes one object per time directory in the task's bucket, text
// (records joined by record_delimiter) or Parquet (columns from the stream's data_schema).
#include <algorithm>
#include <map>

#include "dump/object_layout.h"
#include "dump/parquet_writer.h"
#include "dump/sink.h"
#include "dump/text_file.h"

namespace disd::dump {
namespace {

class ObsSink final : public Sink {
 public:
  ObsSink(ObjectStore& store, CommonSpec common, std::vector<ParquetColumn> columns)
      : store_(store), common_(std::move(common)), columns_(std::move(columns)) {}

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    const auto& records = *batch.records;
    SinkWrite result;
    // Time directories -> indices of the records that go there, in offset order.
    std::map<std::string, std::vector<std::size_t>> groups;
    if (!common_.processing_schema) {
      auto dirs = TimeDirs(common_.partition_format, batch.delivery_time_ms);
      if (!dirs.ok()) return dirs.error();
      auto& all = groups[*dirs];
      for (std::size_t i = 0; i < records.size(); ++i) all.push_back(i);
    } else {
      for (std::size_t i = 0; i < records.size(); ++i) {
        auto time = RecordTimeMs(*common_.processing_schema, records[i].data);
        auto dirs = time ? TimeDirs(common_.partition_format, *time)
                         : Result<std::string>(MakeError(ErrorCode::kInvalidRequest));
        if (!dirs.ok()) {
          result.rejected.push_back(i);
          result.rejected_reason =
              "no usable timestamp field " + common_.processing_schema->timestamp_name;
          continue;
        }
        groups[*dirs].push_back(i);
      }
    }
    const BatchName name{batch.stream_name, batch.partition, batch.first_sequence,
                         batch.last_sequence};
    const bool parquet = common_.destination_file_type == FileType::kParquet;
    for (const auto& [dirs, indices] : groups) {
      std::vector<std::string_view> views;
      views.reserve(indices.size());
      for (std::size_t i : indices) views.emplace_back(records[i].data);
      std::string bytes;
      if (parquet) {
        auto file = WriteParquet(columns_, views);
        if (!file.ok()) return file.error();
        for (std::size_t r : file->rejected) result.rejected.push_back(indices[r]);
        if (!file->rejected.empty()) result.rejected_reason = "records that do not fit data_schema";
        if (file->rows == 0) continue;
        bytes = std::move(file->bytes);
      } else {
        bytes = JoinRecords(views, common_.record_delimiter);
      }
      const std::string key =
          DataObjectKey(common_.file_prefix, dirs, name, parquet ? "parquet" : "txt");
      DISD_RETURN_IF_ERROR(store_.Put(common_.obs_bucket_path, key, bytes,
                                      parquet ? "application/vnd.apache.parquet" : "text/plain"));
      ++result.files_written;
    }
    std::sort(result.rejected.begin(), result.rejected.end());
    return result;
  }

 private:
  ObjectStore& store_;
  const CommonSpec common_;
  const std::vector<ParquetColumn> columns_;
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeObsSink(ObjectStore& store, const TaskSpec& spec,
                                          const engine::StreamMeta& stream) {
  std::vector<ParquetColumn> columns;
  switch (spec.common.destination_file_type) {
    case FileType::kText:
      break;
    case FileType::kParquet: {
      if (stream.data_schema.empty()) {
        return MakeError(ErrorCode::kInvalidDataSchema,
                         "parquet files need the stream's data_schema");
      }
      auto parsed = ColumnsFromAvroSchema(stream.data_schema);
      if (!parsed.ok()) return parsed.error();
      columns = std::move(*parsed);
      break;
    }
    case FileType::kCarbon:
      return MakeError(ErrorCode::kInvalidRequest, "carbon files are not supported");
  }
  return std::unique_ptr<Sink>(std::make_unique<ObsSink>(store, spec.common, std::move(columns)));
}

}  // namespace disd::dump
