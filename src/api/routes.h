// The route table: the one place that answers "what does disd serve?".
// Thread-safety: immutable static data.
#pragma once

#include <span>

#include "api/router.h"

namespace disd::api {

std::span<const Route> DisRoutes();

}  // namespace disd::api
