// MakeTaskSink and the error location shared by every sink.
#include "dump/object_layout.h"
#include "dump/object_store_pool.h"
#include "dump/sink.h"
#include "dump/text_file.h"

namespace disd::dump {
namespace {

// The agency's object store, with a DMS sink task's own credentials when it has them.
Result<ObjectStore*> AgencyStore(const TaskSpec& spec, const DestinationRegistry& destinations,
                                 ObjectStorePool& stores) {
  const ObjectStoreConfig* config = destinations.FindAgencyStore(spec.common.agency_name);
  if (config == nullptr) {
    return MakeError(ErrorCode::kInvalidAgency,
                     "agency " + spec.common.agency_name + " is not configured");
  }
  if (spec.dms && config->kind == ObjectStoreKind::kS3) {
    ObjectStoreConfig own = *config;
    own.access_key = spec.dms->access_key;
    own.secret_key = spec.dms->secret_key;
    return stores.Get(own);
  }
  return stores.Get(*config);
}

// A configured thing named by `name`, else by `id` (the seeds send both).
template <typename Find>
auto ByNameOrId(std::string_view name, std::string_view id, Find find) {
  auto found = find(name);
  return found != nullptr ? found : find(id);
}

Result<TaskSink> WithSink(TaskSink out, Result<std::unique_ptr<Sink>> sink, std::string kind) {
  if (!sink.ok()) return sink.error();
  out.sink = std::move(*sink);
  out.errors.kind = std::move(kind);
  return out;
}

}  // namespace

Status ErrorLocation::Write(const DeliveryBatch& batch, const std::vector<std::size_t>* subset,
                            std::string_view delimiter) const {
  if (bucket.empty()) return Status::Ok();  // no backup location configured
  std::vector<std::string_view> views;
  if (subset != nullptr) {
    for (std::size_t i : *subset) views.emplace_back((*batch.records)[i].data);
  } else {
    for (const auto& r : *batch.records) views.emplace_back(r.data);
  }
  const BatchName name{batch.stream_name, batch.partition, batch.first_sequence,
                       batch.last_sequence};
  return store->Put(bucket, ErrorObjectKey(prefix, kind, name), JoinRecords(views, delimiter),
                    "text/plain");
}

Result<TaskSink> MakeTaskSink(std::string_view task_id, const TaskSpec& spec,
                              const engine::StreamMeta& stream,
                              const DestinationRegistry& destinations, ObjectStorePool& stores) {
  auto agency_store = AgencyStore(spec, destinations, stores);
  if (!agency_store.ok()) return agency_store.error();

  TaskSink out;
  out.errors.store = *agency_store;
  out.errors.bucket = spec.common.obs_bucket_path;
  out.errors.prefix = spec.common.file_prefix;
  switch (spec.destination_type) {
    case engine::DestinationType::kObs: {
      auto sink = MakeObsSink(**agency_store, spec, stream);
      if (!sink.ok()) return sink.error();
      out.sink = std::move(*sink);
      out.errors.kind = "obs";
      return out;
    }
    case engine::DestinationType::kDli: {
      if (!spec.dli) return MakeError(ErrorCode::kInternal, "DLI task without its descriptor");
      const DliTableConfig* table =
          destinations.FindDliTable(spec.dli->dli_database_name, spec.dli->dli_table_name);
      if (table == nullptr) {
        return MakeError(destinations.HasDliDatabase(spec.dli->dli_database_name)
                             ? ErrorCode::kDliTableNotFound
                             : ErrorCode::kDliDatabaseNotFound,
                         spec.dli->dli_database_name + "." + spec.dli->dli_table_name);
      }
      const ObjectStoreConfig* table_store_config =
          destinations.FindObjectStore(table->object_store);
      if (table_store_config == nullptr) {
        return MakeError(ErrorCode::kInvalidRequest,
                         "object store " + table->object_store + " is not configured");
      }
      auto table_store = stores.Get(*table_store_config);
      if (!table_store.ok()) return table_store.error();
      auto sink = MakeDliSink(**table_store, *table, stream);
      if (!sink.ok()) return sink.error();
      out.sink = std::move(*sink);
      out.errors.kind = "dli";
      return out;
    }
    case engine::DestinationType::kDws: {
      if (!spec.dws) return MakeError(ErrorCode::kInternal, "DWS task without its descriptor");
      const DwsSpec& dws = *spec.dws;
      const DwsClusterConfig* cluster =
          ByNameOrId(dws.cluster_name, dws.cluster_id,
                     [&](std::string_view n) { return destinations.FindDwsCluster(n); });
      if (cluster == nullptr) {
        return MakeError(ErrorCode::kInvalidDwsCluster,
                         "[DWS cluster " + dws.cluster_name + " is no longer configured]");
      }
      const KmsKeyConfig* key =
          ByNameOrId(dws.kms_key_name, dws.kms_key_id,
                     [&](std::string_view n) { return destinations.FindKmsKey(n); });
      if (key == nullptr) {
        return MakeError(ErrorCode::kInvalidKmsKey,
                         "[KMS key " + dws.kms_key_name + " is no longer configured]");
      }
      return WithSink(std::move(out),
                      MakeDwsSink(**agency_store, spec, stream, *cluster, *key, task_id), "dws");
    }
    case engine::DestinationType::kMrs: {
      if (!spec.mrs) return MakeError(ErrorCode::kInternal, "MRS task without its descriptor");
      const MrsClusterConfig* cluster =
          ByNameOrId(spec.mrs->cluster_name, spec.mrs->cluster_id,
                     [&](std::string_view n) { return destinations.FindMrsCluster(n); });
      if (cluster == nullptr) {
        return MakeError(ErrorCode::kInvalidMrsCluster,
                         "[MRS cluster " + spec.mrs->cluster_name + " is no longer configured]");
      }
      return WithSink(std::move(out), MakeMrsSink(**agency_store, spec, stream, *cluster), "mrs");
    }
    case engine::DestinationType::kCloudTable: {
      if (!spec.cloudtable) {
        return MakeError(ErrorCode::kInternal, "CloudTable task without its descriptor");
      }
      const CloudTableSpec& ct = *spec.cloudtable;
      const CloudTableClusterConfig* cluster =
          ByNameOrId(ct.cluster_name, ct.cluster_id,
                     [&](std::string_view n) { return destinations.FindCloudTableCluster(n); });
      if (cluster == nullptr) {
        return MakeError(ErrorCode::kCloudTableClusterNotFound,
                         "[CloudTable cluster " + ct.cluster_name + " is no longer configured]");
      }
      if (!ct.hbase_schema_json.empty()) {
        return WithSink(std::move(out), MakeHBaseSink(spec, *cluster), "cloudtable");
      }
      return WithSink(std::move(out), MakeOpenTsdbSink(spec, *cluster), "opentsdb");
    }
  }
  return MakeError(ErrorCode::kInternal, "unknown destination type");
}

}  // namespace disd::dump
