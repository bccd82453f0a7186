// Bounds of the tracking API that only tracking has, defined once. The
// limits on keys, names and free text are the whole API's, in
// services/rpc/fields.h.
#ifndef MEA_SERVICES_TRACKING_LIMITS_H_
#define MEA_SERVICES_TRACKING_LIMITS_H_

#include <cstdint>

namespace mea::services::tracking {

// A follow-up plan is a handful of measures and deliveries; these bounds
// only stop a runaway request.
inline constexpr int kMaxOutcomeMeasures = 50;
inline constexpr int kMaxDataObligations = 100;
inline constexpr int kMaxMeasuresPerObligation = 50;
// Filters of ListDueItems.kinds.
inline constexpr int kMaxKinds = 10;

// Evaluation time point of an outcome measure: up to ten years.
inline constexpr int32_t kMaxEvaluationWeeks = 520;
// Exit plan: last day for new patients, up to ten years after the decision.
inline constexpr int32_t kMaxNoNewPatientsAfterDays = 3650;

// ListDueItems looks this far ahead when no end date is given.
inline constexpr int kDefaultDueWindowDays = 90;

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_LIMITS_H_
