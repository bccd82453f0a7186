#include "services/tracking/history.h"

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/rpc/fields.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

// Problems with the request's own fields, given what is stored.
absl::Status CheckFields(const store::DecisionRecord& newer,
                         const store::DecisionRecord& older,
                         const std::string& path) {
  FieldViolations violations;
  if (older.method_id != newer.method_id) {
    violations.Add(Path(path, "supersedes_decision_id"),
                   absl::StrCat("decision ", older.id, " belongs to method ",
                                older.method_id, ", not ", newer.method_id));
  }
  if (newer.decision_date < older.decision_date) {
    violations.Add(Path(path, "decision_date"),
                   absl::StrCat("must not be before the date of the decision "
                                "it supersedes (",
                                rules::FormatDate(older.decision_date), ")"));
  }
  return violations.ToStatus();
}

absl::Status CheckState(const store::DecisionRecord& older, Via via) {
  if (older.superseded_by_decision_id != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "decision ", older.id, " is already superseded by decision ",
        older.superseded_by_decision_id,
        "; supersede the current decision instead"));
  }
  const bool under_follow_up =
      older.follow_up.has_value() && older.follow_up->reassessment.state !=
                                         store::ReassessmentState::kCompleted;
  if (via == Via::kCreateDecision && under_follow_up) {
    return absl::FailedPreconditionError(absl::StrCat(
        "decision ", older.id,
        " is a temporary introduction (midlertidig innføring) under "
        "follow-up; it ends through its reassessment (revurdering): use "
        "CompleteReassessment"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckCanRecord(storage::Connection& connection,
                            const store::DecisionRecord& newer,
                            const std::string& path, Via via) {
  MEA_RETURN_IF_ERROR(store::LoadMethod(connection, newer.method_id).status());
  if (newer.supersedes_decision_id == 0) return absl::OkStatus();
  absl::StatusOr<store::DecisionRecord> older =
      store::LoadDecision(connection, newer.supersedes_decision_id);
  if (absl::IsNotFound(older.status())) {
    return absl::NotFoundError(
        absl::StrCat("decision ", newer.supersedes_decision_id, " not found (",
                     Path(path, "supersedes_decision_id"), ")"));
  }
  MEA_RETURN_IF_ERROR(older.status());
  MEA_RETURN_IF_ERROR(CheckFields(newer, *older, path));
  return CheckState(*older, via);
}

}  // namespace mea::services::tracking
