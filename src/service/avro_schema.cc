#include "service/avro_schema.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace disd::service {
namespace {

using nlohmann::json;

const std::set<std::string> kPrimitives = {"null", "boolean", "int",   "long",
                                           "float", "double", "bytes", "string"};

Status Bad(std::string detail) { return MakeError(ErrorCode::kInvalidDataSchema, "[" + detail + "]"); }

bool IsSimpleName(std::string_view name) {
  if (name.empty()) return false;
  auto first = static_cast<unsigned char>(name[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

bool IsFullName(std::string_view name) {
  std::size_t start = 0;
  while (true) {
    auto dot = name.find('.', start);
    if (!IsSimpleName(name.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

class SchemaChecker {
 public:
  Status Check(const json& schema, const std::string& ns, int depth) {
    if (depth > 64) return Bad("schema nested too deeply");
    if (schema.is_string()) return CheckReference(schema.get<std::string>(), ns);
    if (schema.is_array()) return CheckUnion(schema, ns, depth);
    if (!schema.is_object()) return Bad("a schema must be a string, an array or an object");
    auto type = schema.find("type");
    if (type == schema.end()) return Bad("object schema without \"type\"");
    if (!type->is_string()) return Check(*type, ns, depth + 1);
    const std::string t = type->get<std::string>();
    if (kPrimitives.count(t)) return Status::Ok();
    if (t == "record" || t == "error") return CheckRecord(schema, ns, depth);
    if (t == "enum") return CheckEnum(schema, ns);
    if (t == "fixed") return CheckFixed(schema, ns);
    if (t == "array") {
      auto items = schema.find("items");
      if (items == schema.end()) return Bad("array schema without \"items\"");
      return Check(*items, ns, depth + 1);
    }
    if (t == "map") {
      auto values = schema.find("values");
      if (values == schema.end()) return Bad("map schema without \"values\"");
      return Check(*values, ns, depth + 1);
    }
    return CheckReference(t, ns);
  }

 private:
  Status CheckReference(const std::string& name, const std::string& ns) {
    if (kPrimitives.count(name)) return Status::Ok();
    if (named_.count(name)) return Status::Ok();
    if (!ns.empty() && name.find('.') == std::string::npos && named_.count(ns + "." + name)) {
      return Status::Ok();
    }
    return Bad("unknown type '" + name + "'");
  }

  Status CheckUnion(const json& schema, const std::string& ns, int depth) {
    std::set<std::string> seen;
    for (const auto& branch : schema) {
      if (branch.is_array()) return Bad("a union may not directly contain a union");
      DISD_RETURN_IF_ERROR(Check(branch, ns, depth + 1));
      std::string key = branch.is_string() ? branch.get<std::string>()
                        : branch.contains("name") && branch["name"].is_string()
                            ? branch["name"].get<std::string>()
                            : branch.value("type", json()).dump();
      if (!seen.insert(key).second) return Bad("duplicate type '" + key + "' in union");
    }
    return Status::Ok();
  }

  // Registers the name of a named type; returns its namespace for nested definitions.
  Result<std::string> Define(const json& schema, const std::string& ns) {
    auto name = schema.find("name");
    if (name == schema.end() || !name->is_string()) return Bad("named type without \"name\"");
    std::string n = name->get<std::string>();
    std::string space = ns;
    if (auto it = schema.find("namespace"); it != schema.end()) {
      if (!it->is_string()) return Bad("\"namespace\" must be a string");
      space = it->get<std::string>();
      if (!space.empty() && !IsFullName(space)) return Bad("invalid namespace '" + space + "'");
    }
    if (!IsFullName(n)) return Bad("invalid name '" + n + "'");
    std::string full = n.find('.') != std::string::npos || space.empty() ? n : space + "." + n;
    if (kPrimitives.count(n)) return Bad("'" + n + "' is a primitive type name");
    if (!named_.insert(full).second) return Bad("type '" + full + "' defined twice");
    auto dot = full.rfind('.');
    return dot == std::string::npos ? std::string() : full.substr(0, dot);
  }

  Status CheckRecord(const json& schema, const std::string& ns, int depth) {
    auto space = Define(schema, ns);
    if (!space.ok()) return space.error();
    auto fields = schema.find("fields");
    if (fields == schema.end() || !fields->is_array()) return Bad("record without a \"fields\" array");
    std::set<std::string> names;
    for (const auto& field : *fields) {
      if (!field.is_object()) return Bad("a record field must be an object");
      auto name = field.find("name");
      if (name == field.end() || !name->is_string() || !IsSimpleName(name->get<std::string>())) {
        return Bad("record field without a valid \"name\"");
      }
      if (!names.insert(name->get<std::string>()).second) {
        return Bad("duplicate field '" + name->get<std::string>() + "'");
      }
      auto type = field.find("type");
      if (type == field.end()) return Bad("field '" + name->get<std::string>() + "' has no \"type\"");
      DISD_RETURN_IF_ERROR(Check(*type, *space, depth + 1));
    }
    return Status::Ok();
  }

  Status CheckEnum(const json& schema, const std::string& ns) {
    DISD_RETURN_IF_ERROR(Define(schema, ns));
    auto symbols = schema.find("symbols");
    if (symbols == schema.end() || !symbols->is_array()) return Bad("enum without a \"symbols\" array");
    std::set<std::string> seen;
    for (const auto& s : *symbols) {
      if (!s.is_string() || !IsSimpleName(s.get<std::string>())) return Bad("invalid enum symbol");
      if (!seen.insert(s.get<std::string>()).second) return Bad("duplicate enum symbol");
    }
    return Status::Ok();
  }

  Status CheckFixed(const json& schema, const std::string& ns) {
    DISD_RETURN_IF_ERROR(Define(schema, ns));
    auto size = schema.find("size");
    if (size == schema.end() || !size->is_number_integer() || size->get<std::int64_t>() < 0) {
      return Bad("fixed without a non-negative integer \"size\"");
    }
    return Status::Ok();
  }

  std::set<std::string> named_;
};

}  // namespace

Status ValidateAvroSchema(std::string_view text) {
  json schema = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded()) return Bad("data_schema is not valid JSON");
  SchemaChecker checker;
  return checker.Check(schema, "", 0);
}

}  // namespace disd::service
