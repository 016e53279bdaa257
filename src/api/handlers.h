// Every operation disd serves, one function each, grouped by resource in
// stream_handlers.cc, record_handlers.cc, cursor_handlers.cc and control_handlers.cc.
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

// disd's own test control (only with clock.mode = manual).
HttpResponse AdvanceClock(const RequestContext& ctx, ApiEnv& env);

}  // namespace disd::api
