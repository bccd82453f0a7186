// Who may act on which tracking resource, beyond the policy table's
// decision by role (services/auth/policy.h), and the audit trail's names for
// tracking resources.
//
// For calls the policy allows on the caller's own organisation only
// (a SUPPLIER or REGISTRY delivering a data obligation), the handler looks
// the resource up in its transaction and passes the lookup to CheckOwner
// before anything else. (The dossier is open to every role and scoped by
// its handler instead: services/tracking/due_handlers.cc.)
#ifndef MEA_SERVICES_TRACKING_ACCESS_H_
#define MEA_SERVICES_TRACKING_ACCESS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "services/auth/call_auth.h"

namespace mea::services::tracking {

// `lookup` is the status of loading the resource and `owner` its
// organisation when found. For own-organisation calls: OK only when the
// owner is the caller's organisation; a resource that does not exist is
// refused with the same PERMISSION_DENIED, so the answer reveals nothing.
// For other calls: `lookup` unchanged.
absl::Status CheckOwner(const auth::CallAuth& call, const absl::Status& lookup,
                        const std::string& owner);

// "methods/ID2021_045", "decisions/12", "decisions/12/reassessment",
// "data_obligations/3".
std::string MethodResource(const std::string& method_id);
std::string DecisionResource(int64_t decision_id);
std::string ReassessmentResource(int64_t decision_id);
std::string ObligationResource(int64_t obligation_id);

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_ACCESS_H_
