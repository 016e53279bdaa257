// The CloudTable HBase sink (sink.h): each JSON record becomes one row through the cluster's
// HBase REST gateway, per the task's cloudtable_schema (hbase_rows.h). A batch is sent as
// multi-row cell PUTs of at most kMaxRowsPerPut rows / about kMaxBodyBytes each; every cell
// carries the record's arrival time as its version, so rewriting a batch overwrites the same
// versions with the same values. The table and its families are checked before the first
// write and again after any failure, so a dropped table shows as DIS.4342 and a dropped
// family as DIS.4343. Records that do not fit the schema are rejected (cloudtable_error).
#include <memory>
#include <utility>

#include "dump/hbase_rest.h"
#include "dump/hbase_rows.h"
#include "dump/sink.h"

namespace disd::dump {
namespace {

constexpr std::int64_t kGatewayTimeoutMs = 30000;
constexpr std::size_t kMaxRowsPerPut = 1000;
constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;

// Base64 grows 3 bytes to 4; the JSON around each cell is about 60 bytes.
std::size_t EncodedSize(const HBaseRow& row) {
  std::size_t n = row.key.size() * 4 / 3 + 20;
  for (const auto& c : row.cells) n += (c.column.size() + c.value.size()) * 4 / 3 + 64;
  return n;
}

class HBaseSink : public Sink {
 public:
  HBaseSink(HBaseRest rest, HBaseSchema schema, std::string table, std::string delimiter)
      : rest_(std::move(rest)),
        schema_(std::move(schema)),
        table_(std::move(table)),
        delimiter_(std::move(delimiter)) {}

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    SinkWrite out;
    std::vector<HBaseRow> rows;
    const auto& records = *batch.records;
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto row = RecordToHBaseRow(schema_, delimiter_, records[i].data);
      if (!row.ok()) {
        out.rejected.push_back(i);
        if (out.rejected_reason.empty()) {
          out.rejected_reason =
              "records that do not fit cloudtable_schema (first: " + row.error().detail + ")";
        }
        continue;
      }
      row->timestamp_ms = records[i].arrival_ms;
      rows.push_back(std::move(*row));
    }
    if (rows.empty()) return out;
    if (!checked_) {
      DISD_RETURN_IF_ERROR(rest_.CheckTable(table_, schema_.families));
      checked_ = true;
    }
    std::size_t begin = 0;
    while (begin < rows.size()) {
      std::size_t end = begin;
      std::size_t bytes = 0;
      while (end < rows.size() && end - begin < kMaxRowsPerPut &&
             (end == begin || bytes + EncodedSize(rows[end]) <= kMaxBodyBytes)) {
        bytes += EncodedSize(rows[end]);
        ++end;
      }
      bool answered = false;
      Status put = rest_.PutCells(table_, EncodeHBaseCellSet(rows, begin, end), &answered);
      if (!put.ok()) {
        checked_ = false;
        if (answered) {
          // The gateway refused: say DIS.4342/4343 when the table or a family is gone.
          Status check = rest_.CheckTable(table_, schema_.families);
          if (check.code() == ErrorCode::kCloudTableTableNotFound ||
              check.code() == ErrorCode::kCloudTableFamilyNotFound) {
            return check.error();
          }
        }
        return put.error();
      }
      ++out.files_written;
      begin = end;
    }
    return out;
  }

 private:
  HBaseRest rest_;
  HBaseSchema schema_;
  std::string table_;
  std::string delimiter_;
  bool checked_ = false;  // the table and families were found since the last failure
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeHBaseSink(const TaskSpec& spec,
                                            const CloudTableClusterConfig& cluster) {
  if (!spec.cloudtable || spec.cloudtable->hbase_schema_json.empty()) {
    return MakeError(ErrorCode::kInternal, "CloudTable HBase task without its schema");
  }
  auto schema = ParseHBaseSchema(spec.cloudtable->hbase_schema_json);
  if (!schema.ok()) return schema.error();
  auto rest = HBaseRest::Make(cluster, kGatewayTimeoutMs);
  if (!rest.ok()) return rest.error();
  return std::unique_ptr<Sink>(std::make_unique<HBaseSink>(std::move(*rest), std::move(*schema),
                                                           spec.cloudtable->table_name,
                                                           spec.cloudtable->row_key_delimiter));
}

}  // namespace disd::dump
