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

}  // namespace

Status ErrorLocation::Write(const DeliveryBatch& batch, const std::vector<std::size_t>* subset,
                            std::string_view delimiter) const {
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

Result<TaskSink> MakeTaskSink(const TaskSpec& spec, const engine::StreamMeta& stream,
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
    case engine::DestinationType::kDws:
    case engine::DestinationType::kMrs:
    case engine::DestinationType::kCloudTable:
      break;
  }
  return MakeError(ErrorCode::kInvalidRequest,
                   "delivery to this destination type is not available in this version");
}

}  // namespace disd::dump
