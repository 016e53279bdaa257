// Authorisation after authentication: a principal acts in the projects it was given; a
// principal outside the project may put or get records on one stream only through that
// stream's policies (seed 004 5.1.7, dis-behaviour.md 2.5), addressed by stream_id.
// Everything else is 403 DIS.4116. Which routes allow shared access is declared in the
// route table (Route::access).
// Thread-safety: pure functions over values.
#pragma once

#include <string_view>

#include "disd/auth/authenticator.h"
#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"

namespace disd::api {

inline constexpr std::string_view kPutRecordsAction = "putRecords";
inline constexpr std::string_view kGetRecordsAction = "getRecords";

// Whether the policy principal `rule` ("*", "domain.*", "domain.user") names `principal`.
// Anonymous principals match no rule.
bool PolicyPrincipalMatches(std::string_view rule, const auth::Principal& principal);

// Ok when a rule of `stream` with effect accept names `principal` for `action` and no rule
// with effect deny does; else kInvalidRbac.
Status CheckStreamPolicy(const auth::Principal& principal, const engine::StreamMeta& stream,
                         std::string_view action);

// kInvalidRbac naming the project: `principal` may not act in `project_id`.
Error ProjectForbidden(const auth::Principal& principal, std::string_view project_id);

}  // namespace disd::api
