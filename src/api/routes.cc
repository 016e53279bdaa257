#include "api/routes.h"

#include <array>

#include "api/handlers.h"

namespace disd::api {

namespace {

// Method, path pattern, handler, operation name, access (default: authenticated and acting
// in the path's {project_id}). Every path also matches with a trailing '/'. {project_id}
// scopes the request; projects never see each other's resources.
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

    // Stream policies.
    Route{"POST", "/v2/{project_id}/streams/{stream_name}/policies", AddPolicies, "CreatePolicies"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/policies", ListPolicies, "ListPolicies"},
    Route{"DELETE", "/v2/{project_id}/streams/{stream_name}/policies", DeletePolicies,
          "DeletePolicies"},
    Route{"POST", "/v3/{project_id}/streams/{stream_name}/policies", AddPolicies,
          "CreatePoliciesV3"},
    Route{"GET", "/v3/{project_id}/streams/{stream_name}/policies", ListPolicies,
          "ListPoliciesV3"},
    Route{"DELETE", "/v3/{project_id}/streams/{stream_name}/policies", DeletePolicies,
          "DeletePoliciesV3"},

    // Records and cursors. Another account reaches them through stream policies.
    Route{"POST", "/v2/{project_id}/records", PutRecords, "PutRecords", Access::kSharedRecords},
    Route{"GET", "/v2/{project_id}/records", GetRecords, "GetRecords", Access::kSharedRecords},
    Route{"GET", "/v2/{project_id}/cursors", GetCursor, "GetCursor", Access::kSharedRecords},

    // Apps and consumer state.
    Route{"POST", "/v2/{project_id}/apps", CreateApp, "CreateApp"},
    Route{"GET", "/v2/{project_id}/apps", ListApps, "ListApp"},
    Route{"GET", "/v2/{project_id}/apps/{app_name}", DescribeApp, "ShowApp"},
    Route{"DELETE", "/v2/{project_id}/apps/{app_name}", DeleteApp, "DeleteApp"},
    Route{"GET", "/v2/{project_id}/apps/{app_name}/streams/{stream_name}", ShowConsumerState,
          "ShowConsumerState"},
    Route{"POST", "/v3/{project_id}/apps", CreateApp, "CreateAppV3"},
    Route{"GET", "/v3/{project_id}/apps", ListApps, "ListAppV3"},
    Route{"GET", "/v3/{project_id}/apps/{app_name}", DescribeApp, "ShowAppV3"},
    Route{"DELETE", "/v3/{project_id}/apps/{app_name}", DeleteApp, "DeleteAppV3"},

    // Checkpoints.
    Route{"POST", "/v2/{project_id}/checkpoints", CommitCheckpoint, "CommitCheckpoint"},
    Route{"GET", "/v2/{project_id}/checkpoints", GetCheckpoint, "ShowCheckpoint"},
    Route{"DELETE", "/v2/{project_id}/checkpoints", DeleteCheckpoint, "DeleteCheckpoint"},

    // Consumer groups (the Kafka adapter's coordinator; the group is the app).
    Route{"POST", "/v2/{project_id}/apps/{app_name}/consumers", JoinGroup, "JoinGroup"},
    Route{"POST", "/v2/{project_id}/apps/{app_name}/consumers/{client_id}/partitions", SyncGroup,
          "SyncGroup"},
    Route{"POST", "/v2/{project_id}/apps/{app_name}/consumers/{client_id}/heartbeats", Heartbeat,
          "Heartbeat"},
    Route{"DELETE", "/v2/{project_id}/apps/{app_name}/consumers/{client_id}", LeaveGroup,
          "LeaveGroup"},

    // IAM-style token issuance (password identity, project scope), so SDKs configured
    // for token auth work against disd alone.
    Route{"POST", "/v3/auth/tokens", IssueToken, "KeystoneCreateUserTokenByPassword",
          Access::kNone},

    // disd test control (only with clock.mode = manual).
    Route{"POST", "/_disd/clock/advance", AdvanceClock, "AdvanceClock", Access::kNone},
};

}  // namespace

std::span<const Route> DisRoutes() { return kRoutes; }

}  // namespace disd::api
