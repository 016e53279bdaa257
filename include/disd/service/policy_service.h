// Stream-sharing policies (seed 004 5.1.7-5.1.8 and the newer CreatePoliciesv3 /
// DeletePolicies pages): which principals may put or get records on a stream. The rules are
// stored with the stream (StreamMeta::policies) and vanish with it; enforcing them on other
// principals' requests belongs to the authentication layer.
//
// Add takes a comma-separated principal list and stores one rule per principal (an
// identical principal and action replaces the earlier rule); Delete removes the rules that
// match every field it is given, all of them when it is given none.
// Thread-safety: safe for concurrent use (changes go through Catalog::MutateStream).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/catalog.h"

namespace disd::service {

inline constexpr std::size_t kMaxPoliciesPerStream = 100;

// A policy body; "" means absent.
struct PolicyRequest {
  std::string stream_id;       // when given, must be the stream's id
  std::string principal_name;  // "domain.*", "domain.user", "domain" or "*", comma-separated
  std::string principal_id;    // v3 alternative to principal_name (a domain id)
  std::string action_type;     // putRecords | getRecords | getStreamInfo
  std::string effect;          // accept | deny (default deny, as the API page says)
};

struct PolicyList {
  std::string stream_id;
  std::vector<engine::StreamPolicy> rules;
};

class PolicyService {
 public:
  explicit PolicyService(engine::Catalog& catalog);

  // kStreamNotFound; kInvalidRequest for a missing or malformed field, a stream_id of
  // another stream, or more than kMaxPoliciesPerStream rules.
  Status Add(std::string_view project_id, std::string_view stream_name,
             const PolicyRequest& request);
  Result<PolicyList> List(std::string_view project_id, std::string_view stream_name) const;
  Status Delete(std::string_view project_id, std::string_view stream_name,
                const PolicyRequest& request);

 private:
  engine::Catalog& catalog_;
};

}  // namespace disd::service
