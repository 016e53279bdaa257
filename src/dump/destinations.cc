#include "disd/dump/destinations.h"

#include <algorithm>

namespace disd::dump {
namespace {

template <typename T>
const T* FindByNameOrId(const std::vector<T>& items, std::string_view name_or_id) {
  if (name_or_id.empty()) return nullptr;
  for (const T& item : items) {
    if (item.name == name_or_id) return &item;
  }
  for (const T& item : items) {
    if (!item.id.empty() && item.id == name_or_id) return &item;
  }
  return nullptr;
}

}  // namespace

DestinationsConfig DefaultDestinations() {
  DestinationsConfig config;
  ObjectStoreConfig local;
  local.name = "local";
  local.kind = ObjectStoreKind::kLocal;
  local.root_dir = "dump";
  // "obs-bucket" plus the bucket names the API reference's examples use, so they work
  // against a fresh emulator unchanged.
  local.create_buckets = {"obs-bucket", "obsbucket", "obsbackupbucket"};
  config.object_stores.push_back(std::move(local));
  config.agencies.push_back(AgencyConfig{"dis_admin_agency", "local"});
  return config;
}

DestinationRegistry::DestinationRegistry(DestinationsConfig config, std::string secrets_key)
    : config_(std::move(config)), secrets_key_(std::move(secrets_key)) {}

const ObjectStoreConfig* DestinationRegistry::FindObjectStore(std::string_view name) const {
  for (const auto& store : config_.object_stores) {
    if (store.name == name) return &store;
  }
  return nullptr;
}

const ObjectStoreConfig* DestinationRegistry::FindAgencyStore(std::string_view agency_name) const {
  for (const auto& agency : config_.agencies) {
    if (agency.name == agency_name) return FindObjectStore(agency.object_store);
  }
  return nullptr;
}

bool DestinationRegistry::HasDliDatabase(std::string_view database) const {
  return std::any_of(config_.dli_tables.begin(), config_.dli_tables.end(),
                     [&](const DliTableConfig& t) { return t.database == database; });
}

const DliTableConfig* DestinationRegistry::FindDliTable(std::string_view database,
                                                        std::string_view table) const {
  for (const auto& t : config_.dli_tables) {
    if (t.database == database && t.table == table) return &t;
  }
  return nullptr;
}

const DwsClusterConfig* DestinationRegistry::FindDwsCluster(std::string_view name_or_id) const {
  return FindByNameOrId(config_.dws_clusters, name_or_id);
}

const MrsClusterConfig* DestinationRegistry::FindMrsCluster(std::string_view name_or_id) const {
  return FindByNameOrId(config_.mrs_clusters, name_or_id);
}

const CloudTableClusterConfig* DestinationRegistry::FindCloudTableCluster(
    std::string_view name_or_id) const {
  return FindByNameOrId(config_.cloudtable_clusters, name_or_id);
}

const KmsKeyConfig* DestinationRegistry::FindKmsKey(std::string_view name_or_id) const {
  return FindByNameOrId(config_.kms_keys, name_or_id);
}

}  // namespace disd::dump
