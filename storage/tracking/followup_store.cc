// State changes of data obligations and reassessments. Each UPDATE names
// the state it leaves in its WHERE clause, so a change from the wrong state
// touches no row and is reported as FAILED_PRECONDITION even if the caller
// forgot to check.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"
#include "storage/tracking/store.h"

namespace mea::storage::tracking {
namespace {

absl::Status ExpectOneChange(Connection& connection, const std::string& what) {
  if (connection.Changes() == 1) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat(what, " is not in a state that allows this change"));
}

}  // namespace

absl::Status MarkDataObligationDelivered(Connection& connection, int64_t id,
                                         absl::CivilDay delivered_date,
                                         const std::string& reference) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE data_obligations
SET state = 'DELIVERED', delivered_date = ?2, delivery_reference = ?3
WHERE id = ?1 AND state = 'PENDING'
)sql"));
  update->Bind(1, id).Bind(2, DateText(delivered_date)).Bind(3, reference);
  MEA_RETURN_IF_ERROR(update->Run());
  return ExpectOneChange(connection, absl::StrCat("data obligation ", id));
}

absl::Status MarkDataObligationWaived(Connection& connection, int64_t id,
                                      const std::string& reason) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE data_obligations SET state = 'WAIVED', waiver_reason = ?2
WHERE id = ?1 AND state = 'PENDING'
)sql"));
  update->Bind(1, id).Bind(2, reason);
  MEA_RETURN_IF_ERROR(update->Run());
  return ExpectOneChange(connection, absl::StrCat("data obligation ", id));
}

absl::Status MarkReassessmentStarted(Connection& connection,
                                     int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE reassessments SET state = 'UNDER_ASSESSMENT'
WHERE decision_id = ?1 AND state = 'SCHEDULED'
)sql"));
  update->Bind(1, decision_id);
  MEA_RETURN_IF_ERROR(update->Run());
  return ExpectOneChange(
      connection, absl::StrCat("the reassessment of decision ", decision_id));
}

absl::Status MarkReassessmentCompleted(Connection& connection,
                                       const ReassessmentRecord& completed) {
  if (!completed.completed_date.has_value() || !completed.outcome.has_value()) {
    return absl::InternalError(
        "a completed reassessment needs its date and outcome");
  }
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE reassessments
SET state = 'COMPLETED', outcome = ?2, subgroup = ?3, reason = ?4,
    completed_date = ?5, resulting_decision_id = ?6
WHERE decision_id = ?1 AND state = 'UNDER_ASSESSMENT'
)sql"));
  update->Bind(1, completed.decision_id)
      .Bind(2, StoredText(kReassessmentOutcomeTexts, *completed.outcome))
      .Bind(3, completed.subgroup)
      .Bind(4, completed.reason)
      .Bind(5, DateText(*completed.completed_date))
      .Bind(6, completed.resulting_decision_id);
  MEA_RETURN_IF_ERROR(update->Run());
  return ExpectOneChange(
      connection,
      absl::StrCat("the reassessment of decision ", completed.decision_id));
}

absl::Status ExtendReassessment(Connection& connection, int64_t decision_id,
                                const ReassessmentExtensionRecord& extension) {
  MEA_ASSIGN_OR_RETURN(Statement * update, connection.Prepare(R"sql(
UPDATE reassessments SET deadline = ?2, state = 'SCHEDULED'
WHERE decision_id = ?1 AND state <> 'COMPLETED' AND deadline = ?3
)sql"));
  update->Bind(1, decision_id)
      .Bind(2, DateText(extension.new_deadline))
      .Bind(3, DateText(extension.previous_deadline));
  MEA_RETURN_IF_ERROR(update->Run());
  MEA_RETURN_IF_ERROR(ExpectOneChange(
      connection, absl::StrCat("the reassessment of decision ", decision_id)));
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO reassessment_extensions
    (decision_id, previous_deadline, new_deadline, reason, decided_date)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  insert->Bind(1, decision_id)
      .Bind(2, DateText(extension.previous_deadline))
      .Bind(3, DateText(extension.new_deadline))
      .Bind(4, extension.reason)
      .Bind(5, DateText(extension.decided_date));
  return insert->Run();
}

}  // namespace mea::storage::tracking
