#include "services/tracking/access.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace mea::services::tracking {

absl::Status CheckOwner(const auth::CallAuth& call, const absl::Status& lookup,
                        const std::string& owner) {
  if (!call.own_organisation_only()) return lookup;
  if (absl::IsNotFound(lookup)) return auth::RequireOwnOrganisation(call, {});
  MEA_RETURN_IF_ERROR(lookup);
  return auth::RequireOwnOrganisation(call, std::vector<std::string>{owner});
}

std::string MethodResource(const std::string& method_id) {
  return absl::StrCat("methods/", method_id);
}

std::string DecisionResource(int64_t decision_id) {
  return absl::StrCat("decisions/", decision_id);
}

std::string ReassessmentResource(int64_t decision_id) {
  return absl::StrCat("decisions/", decision_id, "/reassessment");
}

std::string ObligationResource(int64_t obligation_id) {
  return absl::StrCat("data_obligations/", obligation_id);
}

}  // namespace mea::services::tracking
