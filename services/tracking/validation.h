// Validation at the edge of the TrackingService: each function checks a
// request (every field, reporting all problems at once under full field
// paths from the request root) and maps it to typed values for storage.
// The returned values are meaningful only when `violations` stayed empty.
//
// Checks that need the database (does the method exist, is the superseded
// decision current, is the new deadline after the stored one) are made by
// the handlers inside their transaction.
#ifndef MEA_SERVICES_TRACKING_VALIDATION_H_
#define MEA_SERVICES_TRACKING_VALIDATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/field_violations.h"
#include "mea/v1/tracking.pb.h"
#include "storage/tracking/records.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {

// Methods ------------------------------------------------------------------

// CreateMethodRequest.method (paths "method.*").
storage::tracking::MethodRecord ValidateNewMethod(const v1::Method& method,
                                                  FieldViolations& violations);

struct MethodUpdate {
  std::string id;
  // Proto names of the fields to change (title, active_substance,
  // brand_name, indication, supplier, therapeutic_area); all of them for an
  // empty mask.
  std::vector<std::string> fields;
  v1::Method values;
};
MethodUpdate ValidateMethodUpdate(const v1::UpdateMethodRequest& request,
                                  FieldViolations& violations);
// Copies the masked fields of `update.values` into `method`.
void ApplyMethodUpdate(const MethodUpdate& update,
                       storage::tracking::MethodRecord& method);

storage::tracking::MethodFilter ValidateMethodFilter(
    const v1::ListMethodsRequest& request, FieldViolations& violations);

// Decisions ----------------------------------------------------------------

struct DecisionOptions {
  // Path of the decision from the request root: "decision" or
  // "resulting_decision".
  std::string path;
  absl::CivilDay today;
  // CompleteReassessment fills in method_id and supersedes_decision_id
  // itself, so they are not checked.
  bool filled_in_by_server = false;
  // Used when decision_date is empty (the reassessment's completion date);
  // without it decision_date is required.
  std::optional<absl::CivilDay> default_date;
};

// A decision with, for INTRODUCED_TEMPORARILY, its whole follow-up plan.
storage::tracking::DecisionRecord ValidateDecision(
    const v1::Decision& decision, const DecisionOptions& options,
    FieldViolations& violations);

storage::tracking::DecisionFilter ValidateDecisionFilter(
    const v1::ListDecisionsRequest& request, FieldViolations& violations);

// Follow-up ----------------------------------------------------------------

struct Delivery {
  int64_t id = 0;
  absl::CivilDay delivered_date;
  std::string reference;
};
// delivered_date defaults to today and may not be after it.
Delivery ValidateDelivery(const v1::DeliverDataObligationRequest& request,
                          absl::CivilDay today, FieldViolations& violations);

void ValidateWaiver(const v1::WaiveDataObligationRequest& request,
                    FieldViolations& violations);

struct Completion {
  int64_t decision_id = 0;
  storage::tracking::ReassessmentOutcome outcome =
      storage::tracking::ReassessmentOutcome::kExtension;
  // Defaults to today; also the date of an extension.
  absl::CivilDay completed_date;
  std::string subgroup;
  std::string reason;
  // EXTENSION only.
  std::optional<absl::CivilDay> new_deadline;
  // Every outcome but EXTENSION; method_id and supersedes_decision_id are
  // still to be filled in.
  std::optional<storage::tracking::DecisionRecord> resulting_decision;
};
Completion ValidateCompletion(const v1::CompleteReassessmentRequest& request,
                              absl::CivilDay today,
                              FieldViolations& violations);

// Due items ----------------------------------------------------------------

// end_date defaults to today + kDefaultDueWindowDays.
storage::tracking::DueQuery ValidateDueQuery(
    const v1::ListDueItemsRequest& request, absl::CivilDay today,
    FieldViolations& violations);

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_VALIDATION_H_
