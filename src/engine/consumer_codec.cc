#include "engine/consumer_codec.h"

#include "engine/byte_codec.h"

namespace disd::engine {

std::string EncodeAppMeta(const AppMeta& app) {
  std::string out;
  ByteWriter w(out);
  w.PutU8(kAppMetaCodecVersion);
  w.PutVarint(app.internal_id);
  w.PutString(app.project_id);
  w.PutString(app.name);
  w.PutString(app.app_id);
  w.PutSignedVarint(app.create_time_ms);
  return out;
}

std::optional<AppMeta> DecodeAppMeta(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  if (!r.GetU8(version) || version == 0 || version > kAppMetaCodecVersion) return std::nullopt;
  AppMeta app;
  r.GetVarint(app.internal_id);
  r.GetString(app.project_id);
  r.GetString(app.name);
  r.GetString(app.app_id);
  r.GetSignedVarint(app.create_time_ms);
  if (!r.AtEnd()) return std::nullopt;
  return app;
}

std::string EncodeCheckpoint(const Checkpoint& checkpoint) {
  std::string out;
  ByteWriter w(out);
  w.PutU8(kCheckpointCodecVersion);
  w.PutU8(static_cast<std::uint8_t>(checkpoint.type));
  w.PutSignedVarint(checkpoint.sequence_number);
  w.PutString(checkpoint.metadata);
  return out;
}

std::optional<Checkpoint> DecodeCheckpoint(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  if (!r.GetU8(version) || version == 0 || version > kCheckpointCodecVersion) {
    return std::nullopt;
  }
  Checkpoint c;
  std::uint8_t type = 0;
  if (!r.GetU8(type) || type > static_cast<std::uint8_t>(CheckpointType::kLastRead)) {
    return std::nullopt;
  }
  c.type = static_cast<CheckpointType>(type);
  r.GetSignedVarint(c.sequence_number);
  r.GetString(c.metadata);
  if (!r.AtEnd()) return std::nullopt;
  return c;
}

}  // namespace disd::engine
