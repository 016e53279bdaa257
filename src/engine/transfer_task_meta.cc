#include "disd/engine/transfer_task_meta.h"

namespace disd::engine {

std::string_view ToString(DestinationType type) {
  switch (type) {
    case DestinationType::kObs:
      return "OBS";
    case DestinationType::kMrs:
      return "MRS";
    case DestinationType::kDli:
      return "DLI";
    case DestinationType::kDws:
      return "DWS";
    case DestinationType::kCloudTable:
      return "CLOUDTABLE";
  }
  return "?";
}

std::string_view ToString(TransferTaskState state) {
  switch (state) {
    case TransferTaskState::kStarting:
      return "STARTING";
    case TransferTaskState::kRunning:
      return "RUNNING";
    case TransferTaskState::kPaused:
      return "PAUSED";
    case TransferTaskState::kAbnormal:
      return "ABNORMAL";
    case TransferTaskState::kError:
      return "ERROR";
  }
  return "?";
}

}  // namespace disd::engine
