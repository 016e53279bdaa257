#include "app/config_destinations.h"

#include <set>
#include <utility>

#include "disd/dump/secret_box.h"

namespace disd::app {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

Result<dump::ObjectStoreKind> ParseStoreKind(std::string_view text) {
  if (text == "local") return dump::ObjectStoreKind::kLocal;
  if (text == "s3") return dump::ObjectStoreKind::kS3;
  return ConfigError("the object store kind must be one of \"local\", \"s3\" (got \"" +
                     std::string(text) + "\")");
}

Result<dump::DliFileFormat> ParseDliFormat(std::string_view text) {
  if (text == "json") return dump::DliFileFormat::kJsonLines;
  if (text == "csv") return dump::DliFileFormat::kCsv;
  if (text == "parquet") return dump::DliFileFormat::kParquet;
  return ConfigError("the DLI table format must be one of \"json\", \"csv\", \"parquet\" (got \"" +
                     std::string(text) + "\")");
}

// Reads the list `key` of `r` into `out` (replacing it when present), one object at a time.
template <class T, class ReadOne>
void ReadList(ObjectReader& r, const Json& j, std::string_view source, std::string_view key,
              std::vector<T>& out, ReadOne read_one) {
  if (j.contains(key)) out.clear();
  r.ObjectList(key, [&](const Json& item, const std::string& path) {
    T value;
    ObjectReader ir(item, path, source);
    read_one(ir, value);
    out.push_back(std::move(value));
    return ir.Finish();
  });
}

bool IsHttpUrl(std::string_view url) {
  return (url.starts_with("http://") && url.size() > 7) ||
         (url.starts_with("https://") && url.size() > 8);
}

// S3 bucket naming (which also keeps local bucket directories plain): 3-63 characters of
// a-z 0-9 . -, starting and ending with a letter or digit.
bool IsBucketName(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return alnum(name.front()) && alnum(name.back());
}

class Checker {
 public:
  void Require(bool ok, const std::string& message) {
    if (status_.ok() && !ok) status_ = ConfigError(message);
  }
  // Non-empty and not seen before in `seen`.
  void Unique(std::set<std::string>& seen, const std::string& value, const std::string& what) {
    Require(!value.empty(), what + " must not be empty");
    Require(value.empty() || seen.insert(value).second,
            what + " \"" + value + "\" is defined twice");
  }
  void Range(const std::string& key, std::int64_t value, std::int64_t min, std::int64_t max) {
    Require(value >= min && value <= max, key + " must be between " + std::to_string(min) +
                                              " and " + std::to_string(max) + " (got " +
                                              std::to_string(value) + ")");
  }
  Status status() const { return status_; }

 private:
  Status status_;
};

void CheckObjectStores(const dump::DestinationsConfig& d, Checker& c) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < d.object_stores.size(); ++i) {
    const auto& s = d.object_stores[i];
    const std::string at = "destinations.object_stores[" + std::to_string(i) + "]";
    c.Unique(names, s.name, at + ".name");
    if (s.kind == dump::ObjectStoreKind::kLocal) {
      c.Require(!s.root_dir.empty(), at + ".root_dir must not be empty for a local store");
    } else {
      c.Require(IsHttpUrl(s.endpoint), at + ".endpoint must be an http:// or https:// URL");
      c.Require(s.access_key.empty() == s.secret_key.empty(),
                at + ".access_key and .secret_key must be set together");
      c.Require(!s.region.empty(), at + ".region must not be empty");
    }
    c.Range(at + ".timeout_ms", s.timeout_ms, 1, 10 * 60 * 1000);
    for (const auto& bucket : s.create_buckets) {
      c.Require(IsBucketName(bucket), at + ".create_buckets: \"" + bucket +
                                          "\" is not a bucket name (3-63 of a-z 0-9 . -)");
    }
  }
}

void CheckClusters(const dump::DestinationsConfig& d, Checker& c) {
  std::set<std::string> names, ids;
  for (std::size_t i = 0; i < d.dws_clusters.size(); ++i) {
    const auto& k = d.dws_clusters[i];
    const std::string at = "destinations.dws_clusters[" + std::to_string(i) + "]";
    c.Unique(names, "dws:" + k.name, at + ".name");
    if (!k.id.empty()) c.Unique(ids, "dws:" + k.id, at + ".id");
    c.Require(!k.host.empty(), at + ".host must not be empty");
    c.Range(at + ".port", k.port, 1, 65535);
  }
  for (std::size_t i = 0; i < d.mrs_clusters.size(); ++i) {
    const auto& k = d.mrs_clusters[i];
    const std::string at = "destinations.mrs_clusters[" + std::to_string(i) + "]";
    c.Unique(names, "mrs:" + k.name, at + ".name");
    if (!k.id.empty()) c.Unique(ids, "mrs:" + k.id, at + ".id");
    c.Require(IsHttpUrl(k.webhdfs_url), at + ".webhdfs_url must be an http:// or https:// URL");
  }
  for (std::size_t i = 0; i < d.cloudtable_clusters.size(); ++i) {
    const auto& k = d.cloudtable_clusters[i];
    const std::string at = "destinations.cloudtable_clusters[" + std::to_string(i) + "]";
    c.Unique(names, "cloudtable:" + k.name, at + ".name");
    if (!k.id.empty()) c.Unique(ids, "cloudtable:" + k.id, at + ".id");
    c.Require(k.hbase_rest_url.empty() || IsHttpUrl(k.hbase_rest_url),
              at + ".hbase_rest_url must be empty or an http:// or https:// URL");
    c.Require(k.opentsdb_url.empty() || IsHttpUrl(k.opentsdb_url),
              at + ".opentsdb_url must be empty or an http:// or https:// URL");
  }
  for (std::size_t i = 0; i < d.kms_keys.size(); ++i) {
    const auto& k = d.kms_keys[i];
    const std::string at = "destinations.kms_keys[" + std::to_string(i) + "]";
    c.Unique(names, "kms:" + k.name, at + ".name");
    if (!k.id.empty()) c.Unique(ids, "kms:" + k.id, at + ".id");
    c.Require(dump::SecretKeyFromHex(k.key_hex).ok(), at + ".key_hex must be 64 hex digits");
  }
}

}  // namespace

Status ReadDestinations(const Json& j, std::string_view source, dump::DestinationsConfig& out) {
  ObjectReader r(j, "destinations", source);
  ReadList(r, j, source, "object_stores", out.object_stores, [](ObjectReader& o, auto& s) {
    o.String("name", s.name);
    o.Enum("kind", s.kind, &ParseStoreKind);
    o.String("root_dir", s.root_dir);
    o.String("endpoint", s.endpoint);
    o.String("region", s.region);
    o.String("access_key", s.access_key);
    o.String("secret_key", s.secret_key);
    o.Bool("path_style", s.path_style);
    o.Bool("unsigned_payload", s.unsigned_payload);
    o.Integer("timeout_ms", s.timeout_ms);
    o.StringList("create_buckets", s.create_buckets);
  });
  ReadList(r, j, source, "agencies", out.agencies, [](ObjectReader& o, auto& a) {
    o.String("name", a.name);
    o.String("object_store", a.object_store);
  });
  ReadList(r, j, source, "dli_tables", out.dli_tables, [](ObjectReader& o, auto& t) {
    o.String("database", t.database);
    o.String("table", t.table);
    o.String("object_store", t.object_store);
    o.String("bucket", t.bucket);
    o.String("prefix", t.prefix);
    o.Enum("format", t.format, &ParseDliFormat);
    o.String("csv_delimiter", t.csv_delimiter);
  });
  ReadList(r, j, source, "dws_clusters", out.dws_clusters, [](ObjectReader& o, auto& k) {
    o.String("name", k.name);
    o.String("id", k.id);
    o.String("host", k.host);
    o.Integer("port", k.port);
    o.String("database", k.database);
    o.String("sslmode", k.sslmode);
  });
  ReadList(r, j, source, "mrs_clusters", out.mrs_clusters, [](ObjectReader& o, auto& k) {
    o.String("name", k.name);
    o.String("id", k.id);
    o.String("webhdfs_url", k.webhdfs_url);
    o.String("user", k.user);
  });
  ReadList(r, j, source, "cloudtable_clusters", out.cloudtable_clusters,
           [](ObjectReader& o, auto& k) {
             o.String("name", k.name);
             o.String("id", k.id);
             o.String("hbase_rest_url", k.hbase_rest_url);
             o.String("opentsdb_url", k.opentsdb_url);
           });
  ReadList(r, j, source, "kms_keys", out.kms_keys, [](ObjectReader& o, auto& k) {
    o.String("name", k.name);
    o.String("id", k.id);
    o.String("key_hex", k.key_hex);
  });
  return r.Finish();
}

Status ReadDump(const Json& j, std::string_view source, DumpSettings& out) {
  ObjectReader r(j, "dump", source);
  r.Integer("interval_divisor", out.delivery.interval_divisor);
  r.Integer("max_records_per_file", out.delivery.max_records_per_file);
  r.Integer("max_bytes_per_file", out.delivery.max_bytes_per_file);
  r.Integer("initial_backoff_ms", out.delivery.initial_backoff_ms);
  r.Integer("max_backoff_ms", out.delivery.max_backoff_ms);
  r.Integer("max_tasks_per_stream", out.max_tasks_per_stream);
  r.String("secrets_key_hex", out.secrets_key_hex);
  return r.Finish();
}

Status ValidateDestinations(const dump::DestinationsConfig& d) {
  Checker c;
  CheckObjectStores(d, c);
  std::set<std::string> stores;
  for (const auto& s : d.object_stores) stores.insert(s.name);
  std::set<std::string> agencies;
  for (std::size_t i = 0; i < d.agencies.size(); ++i) {
    const auto& a = d.agencies[i];
    const std::string at = "destinations.agencies[" + std::to_string(i) + "]";
    c.Unique(agencies, a.name, at + ".name");
    c.Require(stores.contains(a.object_store),
              at + ".object_store \"" + a.object_store + "\" is not a defined object store");
  }
  std::set<std::string> tables;
  for (std::size_t i = 0; i < d.dli_tables.size(); ++i) {
    const auto& t = d.dli_tables[i];
    const std::string at = "destinations.dli_tables[" + std::to_string(i) + "]";
    c.Require(!t.database.empty() && !t.table.empty(),
              at + ".database and .table must not be empty");
    c.Require(tables.insert(t.database + "." + t.table).second,
              at + ": table " + t.database + "." + t.table + " is defined twice");
    c.Require(stores.contains(t.object_store),
              at + ".object_store \"" + t.object_store + "\" is not a defined object store");
    c.Require(IsBucketName(t.bucket), at + ".bucket must be a bucket name (3-63 of a-z 0-9 . -)");
    c.Require(!t.prefix.starts_with('/'), at + ".prefix must not start with '/'");
    c.Require(t.csv_delimiter.size() == 1, at + ".csv_delimiter must be one character");
  }
  CheckClusters(d, c);
  return c.status();
}

Status ValidateDump(const DumpSettings& dump) {
  Checker c;
  const dump::DeliveryOptions& o = dump.delivery;
  c.Range("dump.interval_divisor", o.interval_divisor, 1, 1000000);
  c.Range("dump.max_records_per_file", o.max_records_per_file, 1, 10000000);
  c.Range("dump.max_bytes_per_file", o.max_bytes_per_file, 1024, 1LL << 32);
  c.Range("dump.initial_backoff_ms", o.initial_backoff_ms, 1, kDayMs);
  c.Range("dump.max_backoff_ms", o.max_backoff_ms, o.initial_backoff_ms, kDayMs);
  c.Range("dump.max_tasks_per_stream", dump.max_tasks_per_stream, 1, 1000);
  c.Require(dump.secrets_key_hex.empty() || dump::SecretKeyFromHex(dump.secrets_key_hex).ok(),
            "dump.secrets_key_hex must be empty or 64 hex digits");
  return c.status();
}

}  // namespace disd::app
