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

    // Monitoring.
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/metrics", ShowStreamMetrics,
          "ShowStreamMetrics"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/partitions/{partition_id}/metrics",
          ShowPartitionMetrics, "ShowPartitionMetrics"},

    // Quotas.
    Route{"GET", "/v1/{project_id}/quotas", GetQuotas, "GetQuotas"},

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

    // Transfer (dump) tasks: the v2 paths, their /v3 twins and the singular /stream/ paths
    // of the legacy Python SDK. IAM actions dis:transferTasks:{create,list,get,delete,update}
    // (seed 004 6); start/stop count as update.
    Route{"POST", "/v2/{project_id}/streams/{stream_name}/transfer-tasks", CreateTransferTask,
          "CreateTransferTask"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/transfer-tasks", ListTransferTasks,
          "ListTransferTasks"},
    Route{"PUT", "/v2/{project_id}/streams/{stream_name}/transfer-tasks", UpdateTransferTask,
          "UpdateTransferTask"},
    Route{"POST", "/v2/{project_id}/streams/{stream_name}/transfer-tasks/action",
          BatchTransferTaskAction, "BatchStartTransferTask/BatchStopTransferTask"},
    Route{"GET", "/v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}",
          DescribeTransferTask, "ShowTransferTask"},
    Route{"DELETE", "/v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}",
          DeleteTransferTask, "DeleteTransferTask"},
    Route{"POST", "/v3/{project_id}/streams/{stream_name}/transfer-tasks", CreateTransferTask,
          "CreateTransferTaskV3"},
    Route{"GET", "/v3/{project_id}/streams/{stream_name}/transfer-tasks", ListTransferTasks,
          "ListTransferTasksV3"},
    Route{"PUT", "/v3/{project_id}/streams/{stream_name}/transfer-tasks", UpdateTransferTask,
          "UpdateTransferTaskV3"},
    Route{"POST", "/v3/{project_id}/streams/{stream_name}/transfer-tasks/action",
          BatchTransferTaskAction, "BatchStartTransferTaskV3/BatchStopTransferTaskV3"},
    Route{"GET", "/v3/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}",
          DescribeTransferTask, "ShowTransferTaskV3"},
    Route{"DELETE", "/v3/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}",
          DeleteTransferTask, "DeleteTransferTaskV3"},
    Route{"POST", "/v2/{project_id}/stream/{stream_name}/transfer-tasks", CreateTransferTask,
          "CreateTransferTask (singular path)"},
    Route{"GET", "/v2/{project_id}/stream/{stream_name}/transfer-tasks", ListTransferTasks,
          "ListTransferTasks (singular path)"},
    Route{"PUT", "/v2/{project_id}/stream/{stream_name}/transfer-tasks", UpdateTransferTask,
          "UpdateTransferTask (singular path)"},
    Route{"POST", "/v2/{project_id}/stream/{stream_name}/transfer-tasks/action",
          BatchTransferTaskAction, "BatchStart/StopTransferTask (singular path)"},
    Route{"GET", "/v2/{project_id}/stream/{stream_name}/transfer-tasks/{task_name}",
          DescribeTransferTask, "ShowTransferTask (singular path)"},
    Route{"DELETE", "/v2/{project_id}/stream/{stream_name}/transfer-tasks/{task_name}",
          DeleteTransferTask, "DeleteTransferTask (singular path)"},

    // DMS sink tasks (seed 003), an alias over transfer tasks.
    Route{"POST", "/v2/{project_id}/connectors/{connector_id}/sink-tasks", CreateSinkTask,
          "CreateSinkTask"},
    Route{"GET", "/v2/{project_id}/connectors/{connector_id}/sink-tasks", ListSinkTasks,
          "ListSinkTasks"},
    Route{"GET", "/v2/{project_id}/connectors/{connector_id}/sink-tasks/{task_id}", ShowSinkTask,
          "ShowSinkTask"},
    Route{"DELETE", "/v2/{project_id}/connectors/{connector_id}/sink-tasks/{task_id}",
          DeleteSinkTask, "DeleteSinkTask"},

    // Tags. The resource type is a path segment ("stream" is the only one; others answer
    // DIS.4602). These patterns capture a segment where other routes have literals, so they
    // stay below them: /v2/{project_id}/streams/tags is still the stream named "tags".
    Route{"POST", "/v2/{project_id}/{resource_type}/{resource_id}/tags", CreateTag, "CreateTag"},
    Route{"GET", "/v2/{project_id}/{resource_type}/{resource_id}/tags", ListResourceTags,
          "ShowStreamTags"},
    Route{"DELETE", "/v2/{project_id}/{resource_type}/{resource_id}/tags/{key}", DeleteTag,
          "DeleteTag"},
    Route{"POST", "/v2/{project_id}/{resource_type}/{resource_id}/tags/action", BatchTagAction,
          "BatchCreateTags/BatchDeleteTags"},
    Route{"GET", "/v2/{project_id}/{resource_type}/tags", ListProjectTags, "ListTags"},
    Route{"POST", "/v2/{project_id}/{resource_type}/resource_instances/action",
          ListResourcesByTags, "ListResourcesByTags"},

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
