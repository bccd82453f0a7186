// The follow-up plan (oppfølgingsplan) of a temporary introduction: outcome
// measures, data obligations, reassessment and exit plan, stored in their
// own tables under the decision's id. Internal to the tracking store.
#ifndef MEA_STORAGE_TRACKING_PLAN_STORE_H_
#define MEA_STORAGE_TRACKING_PLAN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/core/database.h"
#include "storage/tracking/records.h"

namespace mea::storage::tracking {

// Inserts every part of `plan` for decision `decision_id`: data obligations
// PENDING, the reassessment SCHEDULED, ids assigned by the database.
absl::Status InsertFollowUpPlan(Connection& connection, int64_t decision_id,
                                const FollowUpPlanRecord& plan);

// The plan of decision `decision_id`, or nullopt when the decision has
// none.
absl::StatusOr<std::optional<FollowUpPlanRecord>> LoadFollowUpPlan(
    Connection& connection, int64_t decision_id);

// The names of the outcome measures obligation `data_obligation_id` covers,
// in the order they were given.
absl::StatusOr<std::vector<std::string>> LoadObligationMeasureNames(
    Connection& connection, int64_t data_obligation_id);

}  // namespace mea::storage::tracking

#endif  // MEA_STORAGE_TRACKING_PLAN_STORE_H_
