// Where dump tasks may deliver: the `destinations` section of the config. In the real
// service an "agency" (IAM delegation) lets DIS write into the user's buckets, and clusters,
// DLI tables and KMS keys are cloud resources; on-prem they are named here. A task's
// `agency_name` selects an object store (and with it every bucket that store holds); its
// cluster, table and key names must be defined here, or creating the task fails with the
// destination's documented DIS error.
//
// Thread-safety: value types; DestinationRegistry is immutable after construction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace disd::dump {

enum class ObjectStoreKind {
  kLocal,  // a directory: bucket = sub-directory, object key = relative path
  kS3,     // an S3-compatible server (OBS, Ceph RGW, ...) signed with SigV4
};

struct ObjectStoreConfig {
  std::string name;
  ObjectStoreKind kind = ObjectStoreKind::kLocal;
  // kLocal: root directory; relative paths are relative to storage.data_dir.
  std::string root_dir;
  // kS3: "http://host:port" or "https://host:port", region, credentials, addressing.
  std::string endpoint;
  std::string region = "cn-north-4";
  std::string access_key;
  std::string secret_key;
  bool path_style = true;         // false = virtual-hosted (bucket.host), as real OBS wants
  bool unsigned_payload = true;   // x-amz-content-sha256: UNSIGNED-PAYLOAD (OBS accepts only that)
  std::int64_t timeout_ms = 30000;
  // Buckets created at startup when missing (kLocal: directories; kS3: PUT bucket).
  std::vector<std::string> create_buckets;
};

// An agency (seed: `agency_name`) names the object store a task may write through.
struct AgencyConfig {
  std::string name;
  std::string object_store;  // an ObjectStoreConfig name
};

// A DLI table: a warehouse location on an object store and the file format of its data.
enum class DliFileFormat { kJsonLines, kCsv, kParquet };
struct DliTableConfig {
  std::string database;
  std::string table;
  std::string object_store;   // ObjectStoreConfig name
  std::string bucket;
  std::string prefix;         // the table's location within the bucket ("warehouse/db/t")
  DliFileFormat format = DliFileFormat::kJsonLines;
  std::string csv_delimiter = ",";
};

struct DwsClusterConfig {
  std::string name;
  std::string id;
  std::string host = "127.0.0.1";
  std::int32_t port = 5432;
  std::string database = "postgres";
  std::string sslmode = "disable";   // libpq sslmode
};

struct MrsClusterConfig {
  std::string name;
  std::string id;
  std::string webhdfs_url;   // NameNode, "http://host:port"
  std::string user = "dis";  // user.name for simple authentication
};

struct CloudTableClusterConfig {
  std::string name;
  std::string id;
  std::string hbase_rest_url;  // HBase REST gateway, "" = none
  std::string opentsdb_url;    // OpenTSDB HTTP API, "" = none
};

// A KMS-style key: 32 bytes (64 hex digits) used with AES-256-GCM for secrets at rest.
struct KmsKeyConfig {
  std::string name;
  std::string id;
  std::string key_hex;
};

struct DestinationsConfig {
  std::vector<ObjectStoreConfig> object_stores;
  std::vector<AgencyConfig> agencies;
  std::vector<DliTableConfig> dli_tables;
  std::vector<DwsClusterConfig> dws_clusters;
  std::vector<MrsClusterConfig> mrs_clusters;
  std::vector<CloudTableClusterConfig> cloudtable_clusters;
  std::vector<KmsKeyConfig> kms_keys;
};

// The built-in default: object store "local" (a directory "dump" under the data dir,
// kLocal, with the bucket "obs-bucket" created at startup... see docs/configuration.md)
// and the agency "dis_admin_agency" pointing at it, so tasks work out of the box.
DestinationsConfig DefaultDestinations();

// Name lookups over a DestinationsConfig. Cluster and key lookups accept either the name
// or the id, as the seeds allow both. Pointers stay valid for the registry's lifetime.
class DestinationRegistry {
 public:
  // `secrets_key` (32 bytes, dump.secrets_key_hex or the key generated into the data dir)
  // seals the secrets DMS sink tasks carry (secret_box.h); empty only in tests that
  // never create one.
  explicit DestinationRegistry(DestinationsConfig config, std::string secrets_key = {});

  const DestinationsConfig& config() const { return config_; }
  std::string_view secrets_key() const { return secrets_key_; }
  const ObjectStoreConfig* FindObjectStore(std::string_view name) const;
  // The object store an agency writes through; null when the agency is unknown.
  const ObjectStoreConfig* FindAgencyStore(std::string_view agency_name) const;
  bool HasDliDatabase(std::string_view database) const;
  const DliTableConfig* FindDliTable(std::string_view database, std::string_view table) const;
  const DwsClusterConfig* FindDwsCluster(std::string_view name_or_id) const;
  const MrsClusterConfig* FindMrsCluster(std::string_view name_or_id) const;
  const CloudTableClusterConfig* FindCloudTableCluster(std::string_view name_or_id) const;
  const KmsKeyConfig* FindKmsKey(std::string_view name_or_id) const;

 private:
  DestinationsConfig config_;
  std::string secrets_key_;
};

}  // namespace disd::dump
