#include "dump/parquet_values.h"

#include <cmath>
#include <limits>

namespace disd::dump {
namespace {

using Json = nlohmann::ordered_json;

// A JSON integer (not a number with a fraction or exponent) within [min, max].
std::optional<std::int64_t> Integer(const Json& value, std::int64_t min, std::int64_t max) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(max)) return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    if (v < min || v > max) return std::nullopt;
    return v;
  }
  return std::nullopt;
}

bool HasShape(const Json& value, ParquetColumn::JsonShape shape) {
  switch (shape) {
    case ParquetColumn::JsonShape::kObject:
      return value.is_object();
    case ParquetColumn::JsonShape::kArray:
      return value.is_array();
    case ParquetColumn::JsonShape::kAny:
      return true;
  }
  return false;
}

}  // namespace

std::optional<ColumnValue> ConvertJsonValue(const ParquetColumn& column, const Json& value) {
  using Type = ParquetColumn::Type;
  if (value.is_null()) {
    if (column.optional) return ColumnValue{};
    return std::nullopt;
  }
  switch (column.type) {
    case Type::kBoolean:
      if (!value.is_boolean()) return std::nullopt;
      return ColumnValue{value.get<bool>()};
    case Type::kInt32: {
      auto v = Integer(value, std::numeric_limits<std::int32_t>::min(),
                       std::numeric_limits<std::int32_t>::max());
      if (!v) return std::nullopt;
      return ColumnValue{static_cast<std::int32_t>(*v)};
    }
    case Type::kInt64: {
      auto v = Integer(value, std::numeric_limits<std::int64_t>::min(),
                       std::numeric_limits<std::int64_t>::max());
      if (!v) return std::nullopt;
      return ColumnValue{*v};
    }
    case Type::kFloat: {
      if (!value.is_number()) return std::nullopt;
      const auto d = value.get<double>();
      const auto f = static_cast<float>(d);
      if (!std::isfinite(f)) return std::nullopt;  // beyond binary32's range
      return ColumnValue{f};
    }
    case Type::kDouble:
      if (!value.is_number() || !std::isfinite(value.get<double>())) return std::nullopt;
      return ColumnValue{value.get<double>()};
    case Type::kString:
    case Type::kBytes:
      if (!value.is_string()) return std::nullopt;
      return ColumnValue{value.get<std::string>()};
    case Type::kJson:
      if (!HasShape(value, column.json_shape)) return std::nullopt;
      return ColumnValue{value.dump()};
  }
  return std::nullopt;
}

}  // namespace disd::dump
