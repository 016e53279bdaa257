// The DWS sink (docs/sinks/dws.md): each batch is staged as a text object in the task's
// staging location (the OBS sink's layout), then its records become rows (dws_rows.h) and
// are loaded with COPY ... FROM STDIN in one transaction with the batch's progress mark
// (dws_load.h). One libpq connection per sink, opened on the first write and again after
// it breaks; the target columns and the progress/error tables are settled once per
// connection. Connection failures are DIS.4350 with libpq's text, SQL failures DIS.4300
// with the server's SQLSTATE and message; both make the worker retry the batch.
#include <memory>

#include "disd/dump/secret_box.h"
#include "dump/dws_connection.h"
#include "dump/dws_load.h"
#include "dump/dws_rows.h"
#include "dump/sink.h"

namespace disd::dump {
namespace {

// GaussDB(DWS) stores passwords for SHA-256 verification unless told otherwise; stock
// libpq then cannot log in (sinks-and-engines.md 2.4, docs/sinks/dws.md).
std::string AuthHint(const std::string& message) {
  if (message.find("authentication method") == std::string::npos &&
      message.find("SASL") == std::string::npos) {
    return {};
  }
  return " (a GaussDB(DWS) cluster must allow MD5 password verification for this user: set"
         " password_encryption_type to 1 and reset the user's password)";
}

class DwsSink final : public Sink {
 public:
  DwsSink(std::unique_ptr<Sink> staging, const DwsSpec& spec, std::string cluster_name,
          PgConnectParams params, std::string task_id)
      : staging_(std::move(staging)),
        spec_(spec),
        cluster_name_(std::move(cluster_name)),
        params_(std::move(params)),
        delimiter_(spec.delimiter.empty() ? ',' : spec.delimiter[0]) {
    target_.task_id = std::move(task_id);
    target_.schema = spec.schema;
    target_.table = spec.table_name;
    target_.error_table = spec.options.error_table_name;
    target_.reject_limit = spec.options.reject_limit;
  }

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    auto staged = staging_->Write(batch);
    if (!staged.ok()) return staged.error();
    DISD_RETURN_IF_ERROR(Connect());
    std::vector<DwsRow> rows;
    rows.reserve(batch.records->size());
    for (const engine::LogRecord& record : *batch.records) {
      rows.push_back(RecordToRow(record.data, target_.columns, delimiter_, spec_.options));
    }
    auto loaded = LoadDwsBatch(*conn_, target_, batch, std::move(rows));
    if (!loaded.ok()) {
      if (!conn_->Healthy()) conn_.reset();
      return loaded.error();
    }
    SinkWrite result;
    result.files_written = staged->files_written;
    result.rejected = std::move(loaded->rejected);
    result.rejected_reason = std::move(loaded->rejected_reason);
    return result;
  }

 private:
  // Opens the connection when there is none, then settles columns and tables.
  Status Connect() {
    if (conn_ != nullptr && conn_->Healthy()) return Status::Ok();
    conn_.reset();
    PgError error;
    auto conn = DwsConnection::Open(params_, &error);
    if (conn == nullptr) {
      return MakeError(ErrorCode::kInvalidDwsCluster,
                       "[DWS cluster " + cluster_name_ + " (" + params_.host + ":" +
                           std::to_string(params_.port) + ", database " + params_.database +
                           ", user " + params_.user + "): " + error.message +
                           AuthHint(error.message) + "]");
    }
    if (spec_.table_columns.empty()) {
      auto columns = DwsTableColumns(*conn, spec_.schema, spec_.table_name);
      if (!columns.ok()) return columns.error();
      target_.columns = std::move(*columns);
    } else {
      target_.columns = spec_.table_columns;
    }
    DISD_RETURN_IF_ERROR(EnsureDwsTables(*conn, target_));
    conn_ = std::move(conn);
    return Status::Ok();
  }

  const std::unique_ptr<Sink> staging_;
  const DwsSpec spec_;
  const std::string cluster_name_;
  const PgConnectParams params_;
  const char delimiter_;
  DwsTarget target_;
  std::unique_ptr<DwsConnection> conn_;
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeDwsSink(ObjectStore& staging, const TaskSpec& spec,
                                          const engine::StreamMeta& stream,
                                          const DwsClusterConfig& cluster, const KmsKeyConfig& key,
                                          std::string_view task_id) {
  if (!spec.dws) return MakeError(ErrorCode::kInternal, "DWS task without its descriptor");
  const DwsSpec& dws = *spec.dws;
  auto key_bytes = SecretKeyFromHex(key.key_hex);
  if (!key_bytes.ok()) {
    return MakeError(ErrorCode::kInvalidKmsKey, "[KMS key " + key.name + " is not usable]");
  }
  auto password = OpenSecret(*key_bytes, dws.user_password_sealed);
  if (!password.ok()) {
    return MakeError(ErrorCode::kInvalidKmsKey,
                     "[the DWS password does not open under KMS key " + key.name + "]");
  }
  // The staged copy is always a text object of the batch's records.
  TaskSpec staged_spec = spec;
  staged_spec.common.destination_file_type = FileType::kText;
  staged_spec.common.processing_schema.reset();
  auto staging_sink = MakeObsSink(staging, staged_spec, stream);
  if (!staging_sink.ok()) return staging_sink.error();

  PgConnectParams params;
  params.host = cluster.host;
  params.port = cluster.port;
  params.database = dws.database_name.empty() ? cluster.database : dws.database_name;
  params.user = dws.user_name;
  params.password = std::move(*password);
  params.sslmode = cluster.sslmode;
  return std::unique_ptr<Sink>(std::make_unique<DwsSink>(
      std::move(*staging_sink), dws, cluster.name, std::move(params), std::string(task_id)));
}

}  // namespace disd::dump
