// ObjectReader: reads the keys of one JSON object of the config file into settings and
// rejects the keys it was not asked about, naming each problem with its full key path.
// Shared by the readers of the config sections (config.cc, config_auth.cc).
// Thread-safety: one reader per object, used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disd/app/config.h"
#include "disd/auth/auth_settings.h"
#include "disd/common/status.h"

namespace disd::app {

using Json = nlohmann::json;

inline Error ConfigError(std::string message) {
  return MakeError(ErrorCode::kInvalidRequest, std::move(message));
}

// Reads the keys of one JSON object into settings, remembering which keys it knew, so
// that Finish can reject the rest. The first failure wins; later calls are no-ops.
class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string path, std::string_view source)
      : object_(object), path_(std::move(path)), source_(source) {}

  template <class T>
  void Integer(std::string_view key, T& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    bool fits = false;
    if (value->is_number_unsigned()) {
      fits = std::in_range<T>(value->get<std::uint64_t>());
    } else if (value->is_number_integer()) {
      fits = std::in_range<T>(value->get<std::int64_t>());
    }
    if (!fits) {
      return Fail(key, "must be an integer from " + std::to_string(std::numeric_limits<T>::min()) +
                           " to " + std::to_string(std::numeric_limits<T>::max()));
    }
    out = value->get<T>();
  }

  void OptionalInteger(std::string_view key, std::optional<std::int64_t>& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (value->is_null()) {
      out.reset();
      return;
    }
    if (!value->is_number_integer()) return Fail(key, "must be an integer or null");
    out = value->get<std::int64_t>();
  }

  // Any JSON number (an integer counts).
  void Number(std::string_view key, double& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_number()) return Fail(key, "must be a number");
    out = value->get<double>();
  }

  void Bool(std::string_view key, bool& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_boolean()) return Fail(key, "must be true or false");
    out = value->get<bool>();
  }

  void String(std::string_view key, std::string& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_string()) return Fail(key, "must be a string");
    out = value->get<std::string>();
  }

  template <class E>
  void Enum(std::string_view key, E& out, Result<E> (*parse)(std::string_view)) {
    std::string text;
    const bool present = object_.contains(key);
    String(key, text);
    if (!present || !status_.ok()) return;
    auto parsed = parse(text);
    if (!parsed.ok()) {
      status_ = ConfigError(Where() + "key \"" + Join(key) + "\": " + parsed.error().detail);
      return;
    }
    out = *parsed;
  }

  // A list of strings at `key`.
  void StringList(std::string_view key, std::vector<std::string>& out) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_array()) return Fail(key, "must be a list of strings");
    std::vector<std::string> items;
    for (const Json& item : *value) {
      if (!item.is_string()) return Fail(key, "must be a list of strings");
      items.push_back(item.get<std::string>());
    }
    out = std::move(items);
  }

  // A list of objects at `key`: `read` gets each object and its path ("key[i]") and
  // returns its own status (usually a nested ObjectReader's Finish).
  void ObjectList(std::string_view key,
                  const std::function<Status(const Json&, const std::string&)>& read) {
    const Json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_array()) return Fail(key, "must be a list of objects");
    for (std::size_t i = 0; i < value->size() && status_.ok(); ++i) {
      const std::string path = Join(key) + "[" + std::to_string(i) + "]";
      if (!(*value)[i].is_object()) {
        status_ = ConfigError(Where() + "key \"" + path + "\" must be an object");
        return;
      }
      (void)Absorb(read((*value)[i], path));
    }
  }

  // The sub-object at `key`, or nullptr when absent (or on failure).
  const Json* Object(std::string_view key) {
    const Json* value = Find(key);
    if (value != nullptr && !value->is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return value;
  }

  Status Absorb(Status status) {
    if (status_.ok() && !status.ok()) status_ = status;
    return status_;
  }

  Status Finish() {
    if (!status_.ok()) return status_;
    for (const auto& [key, value] : object_.items()) {
      if (known_.count(key) == 0) {
        return ConfigError(Where() + "unknown key \"" + Join(key) +
                           "\" (see docs/configuration.md for the keys disd knows)");
      }
    }
    return Status::Ok();
  }

  std::string Join(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

 private:
  const Json* Find(std::string_view key) {
    known_.insert(std::string(key));
    if (!status_.ok()) return nullptr;
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  void Fail(std::string_view key, const std::string& why) {
    if (status_.ok()) status_ = ConfigError(Where() + "key \"" + Join(key) + "\" " + why);
  }
  std::string Where() const { return "config file " + std::string(source_) + ": "; }

  const Json& object_;
  const std::string path_;
  const std::string_view source_;
  std::set<std::string, std::less<>> known_;
  Status status_;
};

// The "auth" section (config_auth.cc).
Status ReadAuth(const Json& j, std::string_view source, auth::AuthSettings& out);
// The "server.tls" section (config_auth.cc).
Status ReadTls(const Json& j, std::string_view source, TlsSettings& out);

}  // namespace disd::app
