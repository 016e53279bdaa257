// ColumnsFromAvroSchema: an Avro record schema (the stream's data_schema) to Parquet columns.
// Primitive fields map to typed columns; nested types (record, array, map, unions of several
// non-null types) become UTF8 columns holding the value's JSON text.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "dump/parquet_values.h"
#include "dump/parquet_writer.h"

namespace disd::dump {
namespace {

using Json = nlohmann::ordered_json;
using Type = ParquetColumn::Type;
using Shape = ParquetColumn::JsonShape;

constexpr int kMaxDepth = 64;

enum class NamedKind { kRecord, kEnum, kFixed };

struct Resolved {
  Type type = Type::kString;
  Shape shape = Shape::kAny;
  bool nullable = false;
  bool is_null = false;  // the type "null" itself
};

Error SchemaError(std::string detail) {
  return MakeError(ErrorCode::kInvalidDataSchema, std::move(detail));
}

// Avro name: [A-Za-z_][A-Za-z0-9_]*.
bool IsAvroName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

// A full name: Avro names joined by dots.
bool IsAvroFullName(std::string_view name) {
  while (true) {
    const auto dot = name.find('.');
    if (!IsAvroName(name.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    name.remove_prefix(dot + 1);
  }
}

std::string SimpleName(const std::string& full_name) {
  const auto dot = full_name.rfind('.');
  return dot == std::string::npos ? full_name : full_name.substr(dot + 1);
}

std::optional<Resolved> Primitive(std::string_view name) {
  if (name == "null") return Resolved{.is_null = true};
  if (name == "boolean") return Resolved{.type = Type::kBoolean};
  if (name == "int") return Resolved{.type = Type::kInt32};
  if (name == "long") return Resolved{.type = Type::kInt64};
  if (name == "float") return Resolved{.type = Type::kFloat};
  if (name == "double") return Resolved{.type = Type::kDouble};
  if (name == "string") return Resolved{.type = Type::kString};
  if (name == "bytes") return Resolved{.type = Type::kBytes};
  return std::nullopt;
}

class SchemaMapper {
 public:
  Result<std::vector<ParquetColumn>> Map(const Json& schema) {
    if (!schema.is_object() || schema.value("type", Json()) != "record") {
      return SchemaError("the top level must be an Avro record");
    }
    DISD_RETURN_IF_ERROR(Define(schema, NamedKind::kRecord));
    const Json& fields = schema.value("fields", Json());
    if (!fields.is_array() || fields.empty()) {
      return SchemaError("the record must have at least one field");
    }
    std::vector<ParquetColumn> columns;
    std::set<std::string> seen;
    for (const Json& field : fields) {
      auto column = Field(field, 1);
      if (!column.ok()) return column.error();
      if (!seen.insert(column->name).second) {
        return SchemaError("duplicate field name '" + column->name + "'");
      }
      columns.push_back(std::move(column).value());
    }
    return columns;
  }

 private:
  Result<ParquetColumn> Field(const Json& field, int depth) {
    if (!field.is_object() || !field.contains("name") || !field["name"].is_string() ||
        !field.contains("type")) {
      return SchemaError("every field needs a name and a type");
    }
    ParquetColumn column;
    column.name = field["name"].get<std::string>();
    if (!IsAvroName(column.name)) return SchemaError("invalid field name '" + column.name + "'");
    auto resolved = Resolve(field["type"], depth);
    if (!resolved.ok()) return resolved.error();
    if (resolved->is_null) return SchemaError("field '" + column.name + "' has only type null");
    column.type = resolved->type;
    column.json_shape = resolved->shape;
    column.optional = resolved->nullable;
    if (field.contains("default")) {
      if (!ConvertJsonValue(column, field["default"])) {
        return SchemaError("the default of field '" + column.name + "' does not match its type");
      }
      column.default_json = field["default"].dump();
    }
    return column;
  }

  Status Define(const Json& definition, NamedKind kind) {
    const Json& name = definition.value("name", Json());
    if (!name.is_string() || !IsAvroFullName(name.get<std::string>())) {
      return SchemaError("a record, enum or fixed type needs a valid name");
    }
    std::string full = name.get<std::string>();
    const Json& space = definition.value("namespace", Json());
    if (full.find('.') == std::string::npos && space.is_string() && !space.empty()) {
      if (!IsAvroFullName(space.get<std::string>())) return SchemaError("invalid namespace");
      full = space.get<std::string>() + "." + full;
    }
    names_[full] = kind;
    names_[SimpleName(full)] = kind;
    return Status::Ok();
  }

  Result<Resolved> Resolve(const Json& type, int depth) {
    if (depth > kMaxDepth) return SchemaError("the schema nests too deeply");
    if (type.is_string()) return Named(type.get<std::string>());
    if (type.is_array()) return Union(type, depth);
    if (!type.is_object() || !type.contains("type")) return SchemaError("invalid type");
    const Json& inner = type["type"];
    if (!inner.is_string()) return Resolve(inner, depth + 1);
    const std::string kind = inner.get<std::string>();
    if (kind == "record" || kind == "error") {
      DISD_RETURN_IF_ERROR(Define(type, NamedKind::kRecord));
      const Json& fields = type.value("fields", Json());
      if (!fields.is_array()) return SchemaError("a record needs a fields array");
      for (const Json& field : fields) DISD_RETURN_IF_ERROR(Field(field, depth + 1).status());
      return Resolved{.type = Type::kJson, .shape = Shape::kObject};
    }
    if (kind == "enum") {
      if (!type.value("symbols", Json()).is_array()) return SchemaError("an enum needs symbols");
      DISD_RETURN_IF_ERROR(Define(type, NamedKind::kEnum));
      return Resolved{.type = Type::kString};
    }
    if (kind == "fixed") {
      if (!type.value("size", Json()).is_number_unsigned()) {
        return SchemaError("a fixed type needs a size");
      }
      DISD_RETURN_IF_ERROR(Define(type, NamedKind::kFixed));
      return Resolved{.type = Type::kBytes};
    }
    if (kind == "array" || kind == "map") {
      const char* member = kind == "array" ? "items" : "values";
      if (!type.contains(member)) return SchemaError("an " + kind + " needs " + member);
      DISD_RETURN_IF_ERROR(Resolve(type[member], depth + 1).status());
      return Resolved{.type = Type::kJson,
                      .shape = kind == "array" ? Shape::kArray : Shape::kObject};
    }
    return Named(kind);  // a primitive with attributes (logicalType...) or a named reference
  }

  Result<Resolved> Named(const std::string& name) {
    if (auto primitive = Primitive(name)) return *primitive;
    auto it = names_.find(name);
    if (it == names_.end()) return SchemaError("unknown type '" + name + "'");
    switch (it->second) {
      case NamedKind::kRecord:
        return Resolved{.type = Type::kJson, .shape = Shape::kObject};
      case NamedKind::kEnum:
        return Resolved{.type = Type::kString};
      case NamedKind::kFixed:
        return Resolved{.type = Type::kBytes};
    }
    return SchemaError("unknown type '" + name + "'");
  }

  Result<Resolved> Union(const Json& branches, int depth) {
    bool has_null = false;
    std::vector<Resolved> others;
    for (const Json& branch : branches) {
      if (branch.is_array()) return SchemaError("a union may not contain a union");
      auto resolved = Resolve(branch, depth + 1);
      if (!resolved.ok()) return resolved.error();
      if (resolved->is_null) {
        has_null = true;
      } else {
        others.push_back(*resolved);
      }
    }
    if (others.empty()) return Resolved{.is_null = true};
    Resolved result =
        others.size() == 1 ? others.front() : Resolved{.type = Type::kJson, .shape = Shape::kAny};
    result.nullable = has_null;
    return result;
  }

  std::map<std::string, NamedKind> names_;
};

}  // namespace

Result<std::vector<ParquetColumn>> ColumnsFromAvroSchema(std::string_view avro_schema_json) {
  const Json schema = Json::parse(avro_schema_json, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded()) return SchemaError("data_schema is not valid JSON");
  return SchemaMapper().Map(schema);
}

}  // namespace disd::dump
