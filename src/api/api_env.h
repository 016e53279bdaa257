// What every handler may use: the services, the API options and the logger. Built once by
// MakeDisApi. Thread-safety: the members are thread-safe; the struct itself is immutable.
#pragma once

#include <memory>

#include "disd/api/dis_api.h"
#include "disd/service/dis_services.h"

namespace spdlog {
class logger;
}

namespace disd::api {

struct ApiEnv {
  service::DisServices& services;
  ApiOptions options;
};

}  // namespace disd::api
