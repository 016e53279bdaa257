// The DLI sink: a DLI table is a warehouse location on an object store with a file format
// (destinations.dli_tables); each batch becomes one file in that location, named after the
// batch's offsets: JSON lines, CSV (columns in data_schema order when the stream has one)
// or Parquet (columns from data_schema).
#include "dump/object_layout.h"
#include "dump/parquet_writer.h"
#include "dump/sink.h"
#include "dump/text_file.h"

namespace disd::dump {
namespace {

class DliSink final : public Sink {
 public:
  DliSink(ObjectStore& store, DliTableConfig table, std::vector<ParquetColumn> columns)
      : store_(store), table_(std::move(table)), columns_(std::move(columns)) {
    for (const ParquetColumn& c : columns_) column_names_.push_back(c.name);
  }

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    std::vector<std::string_view> views;
    views.reserve(batch.records->size());
    for (const auto& r : *batch.records) views.emplace_back(r.data);

    SinkWrite result;
    std::string bytes;
    std::string_view extension;
    std::string_view content_type;
    std::size_t rows = 0;
    switch (table_.format) {
      case DliFileFormat::kJsonLines: {
        EncodedRecords encoded = EncodeJsonLines(views);
        bytes = std::move(encoded.bytes);
        rows = encoded.rows;
        result.rejected = std::move(encoded.rejected);
        result.rejected_reason = "records that are not JSON objects";
        extension = "json";
        content_type = "application/x-ndjson";
        break;
      }
      case DliFileFormat::kCsv: {
        EncodedRecords encoded = EncodeCsv(views, column_names_, table_.csv_delimiter);
        bytes = std::move(encoded.bytes);
        rows = encoded.rows;
        extension = "csv";
        content_type = "text/csv";
        break;
      }
      case DliFileFormat::kParquet: {
        auto file = WriteParquet(columns_, views);
        if (!file.ok()) return file.error();
        bytes = std::move(file->bytes);
        rows = file->rows;
        result.rejected = std::move(file->rejected);
        result.rejected_reason = "records that do not fit data_schema";
        extension = "parquet";
        content_type = "application/vnd.apache.parquet";
        break;
      }
    }
    if (result.rejected.empty()) result.rejected_reason.clear();
    if (rows == 0) return result;
    const BatchName name{batch.stream_name, batch.partition, batch.first_sequence,
                         batch.last_sequence};
    const std::string key = JoinKey(table_.prefix, ObjectFileName(name, extension));
    DISD_RETURN_IF_ERROR(store_.Put(table_.bucket, key, bytes, content_type));
    result.files_written = 1;
    return result;
  }

 private:
  ObjectStore& store_;
  const DliTableConfig table_;
  const std::vector<ParquetColumn> columns_;
  std::vector<std::string> column_names_;
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeDliSink(ObjectStore& table_store, const DliTableConfig& table,
                                          const engine::StreamMeta& stream) {
  std::vector<ParquetColumn> columns;
  if (!stream.data_schema.empty() && table.format != DliFileFormat::kJsonLines) {
    auto parsed = ColumnsFromAvroSchema(stream.data_schema);
    if (parsed.ok()) {
      columns = std::move(*parsed);
    } else if (table.format == DliFileFormat::kParquet) {
      return parsed.error();
    }
  }
  if (table.format == DliFileFormat::kParquet && columns.empty()) {
    return MakeError(ErrorCode::kInvalidDataSchema, "the Parquet table " + table.database + "." +
                                                        table.table +
                                                        " needs the stream's data_schema");
  }
  return std::unique_ptr<Sink>(std::make_unique<DliSink>(table_store, table, std::move(columns)));
}

}  // namespace disd::dump
