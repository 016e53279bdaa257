// Every operation disd serves, one function each, grouped by resource in
// stream_handlers.cc, record_handlers.cc, app_handlers.cc, checkpoint_handlers.cc,
// consumer_group_handlers.cc, policy_handlers.cc, metrics_handlers.cc, tag_handlers.cc,
// quota_handlers.cc, transfer_task_handlers.cc, dms_sink_task_handlers.cc, token_handlers.cc
// and control_handlers.cc.
// routes.cc binds them to paths. Thread-safety: handlers are reentrant.
#pragma once

#include "api/router.h"

namespace disd::api {

// Streams (seed 004 5.1.1-5.1.6).
HttpResponse CreateStream(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListStreams(const RequestContext& ctx, ApiEnv& env);
HttpResponse DescribeStream(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteStream(const RequestContext& ctx, ApiEnv& env);
HttpResponse UpdatePartitionCount(const RequestContext& ctx, ApiEnv& env);
HttpResponse UpdateStream(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListPartitionCountUpdates(const RequestContext& ctx, ApiEnv& env);

// Records and cursors (seed 004 5.4).
HttpResponse PutRecords(const RequestContext& ctx, ApiEnv& env);
HttpResponse GetRecords(const RequestContext& ctx, ApiEnv& env);
HttpResponse GetCursor(const RequestContext& ctx, ApiEnv& env);

// Stream policies (seed 004 5.1.7-5.1.8, dis-behaviour.md 2.5).
HttpResponse AddPolicies(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListPolicies(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeletePolicies(const RequestContext& ctx, ApiEnv& env);

// Apps (seed 004 5.2).
HttpResponse CreateApp(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListApps(const RequestContext& ctx, ApiEnv& env);
HttpResponse DescribeApp(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteApp(const RequestContext& ctx, ApiEnv& env);

// Checkpoints and consumer state (seed 004 5.3, 5.2.5).
HttpResponse CommitCheckpoint(const RequestContext& ctx, ApiEnv& env);
HttpResponse GetCheckpoint(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteCheckpoint(const RequestContext& ctx, ApiEnv& env);
HttpResponse ShowConsumerState(const RequestContext& ctx, ApiEnv& env);

// Consumer groups: the Kafka adapter's coordinator (sdk-wire.md 1.2, 4.6).
HttpResponse JoinGroup(const RequestContext& ctx, ApiEnv& env);
HttpResponse SyncGroup(const RequestContext& ctx, ApiEnv& env);
HttpResponse Heartbeat(const RequestContext& ctx, ApiEnv& env);
HttpResponse LeaveGroup(const RequestContext& ctx, ApiEnv& env);

// Monitoring (seed 004 5.6).
HttpResponse ShowStreamMetrics(const RequestContext& ctx, ApiEnv& env);
HttpResponse ShowPartitionMetrics(const RequestContext& ctx, ApiEnv& env);

// Tags (seed 004 5.7).
HttpResponse CreateTag(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListResourceTags(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteTag(const RequestContext& ctx, ApiEnv& env);
HttpResponse BatchTagAction(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListProjectTags(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListResourcesByTags(const RequestContext& ctx, ApiEnv& env);

// Quotas (GetQuotas, dis-behaviour.md 2.5).
HttpResponse GetQuotas(const RequestContext& ctx, ApiEnv& env);

// Transfer (dump) tasks (seed 004 5.5).
HttpResponse CreateTransferTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse UpdateTransferTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListTransferTasks(const RequestContext& ctx, ApiEnv& env);
HttpResponse DescribeTransferTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteTransferTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse BatchTransferTaskAction(const RequestContext& ctx, ApiEnv& env);

// The DMS sink-task alias over transfer tasks (seed 003).
HttpResponse CreateSinkTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse ListSinkTasks(const RequestContext& ctx, ApiEnv& env);
HttpResponse ShowSinkTask(const RequestContext& ctx, ApiEnv& env);
HttpResponse DeleteSinkTask(const RequestContext& ctx, ApiEnv& env);

// IAM-style tokens: POST /v3/auth/tokens (password identity, project scope).
HttpResponse IssueToken(const RequestContext& ctx, ApiEnv& env);

// disd's own test control (only with clock.mode = manual).
HttpResponse AdvanceClock(const RequestContext& ctx, ApiEnv& env);

}  // namespace disd::api
