#include "api/routes.h"

#include <array>

#include "api/handlers.h"

namespace disd::api {

namespace {

// Method, path pattern, handler, operation name. Every path also matches with a trailing
// '/'. {project_id} scopes the request; projects never see each other's resources.
constexpr std::array kRoutes = {
    // Streams.
    Route{"POST", "/v2/{project_id}/streams", CreateStream, "CreateStream"},
    Route{"GET", "/v2/{project_id}/streams", ListStreams, "ListStreams"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}", DescribeStream, "DescribeStream"},
    Route{"DELETE", "/v2/{project_id}/streams/{stream_name}", DeleteStream, "DeleteStream"},
    Route{"PUT", "/v2/{project_id}/streams/{stream_name}", UpdatePartitionCount,
          "UpdatePartitionCount"},
    Route{"PUT", "/v2/{project_id}/streams/{stream_name}/update", UpdateStream, "UpdateStream"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/update_partition_counts",
          ListPartitionCountUpdates, "QueryUpdatePartitionCountlog"},
    Route{"PUT", "/v3/{project_id}/streams/{stream_name}", UpdateStream, "UpdateStreamV3"},
    Route{"DELETE", "/v3/{project_id}/streams/{stream_name}", DeleteStream, "DeleteStreamV3"},

    // Records and cursors.
    Route{"POST", "/v2/{project_id}/records", PutRecords, "PutRecords"},
    Route{"GET", "/v2/{project_id}/records", GetRecords, "GetRecords"},
    Route{"GET", "/v2/{project_id}/cursors", GetCursor, "GetCursor"},

    // disd test control.
    Route{"POST", "/_disd/clock/advance", AdvanceClock, "AdvanceClock"},
};

}  // namespace

std::span<const Route> DisRoutes() { return kRoutes; }

}  // namespace disd::api
