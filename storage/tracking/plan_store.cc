// Writing a follow-up plan. Runs inside the CreateDecision (or
// CompleteReassessment) transaction, so a plan is stored whole or not at all.
#include "storage/tracking/plan_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"

namespace mea::storage::tracking {
namespace {

// Outcome measure ids by name, to link data obligations to them.
using MeasureIds = std::map<std::string, int64_t>;

absl::StatusOr<int64_t> InsertOutcomeMeasure(
    Connection& connection, int64_t decision_id,
    const OutcomeMeasureRecord& measure) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO outcome_measures (decision_id, name, description, kind, unit,
    expected_value, direction, evaluation_weeks, data_source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
)sql"));
  insert->Bind(1, decision_id)
      .Bind(2, measure.name)
      .Bind(3, measure.description)
      .Bind(4, StoredText(kMeasureKindTexts, measure.kind))
      .Bind(5, measure.unit)
      .Bind(6, measure.expected_value.text())
      .Bind(7, StoredText(kMeasureDirectionTexts, measure.direction))
      .Bind(8, static_cast<int64_t>(measure.evaluation_weeks))
      .Bind(9, StoredText(kDataSourceTexts, measure.data_source));
  MEA_RETURN_IF_ERROR(insert->Run());
  return connection.LastInsertRowId();
}

absl::Status LinkMeasures(Connection& connection, int64_t obligation_id,
                          const std::vector<std::string>& names,
                          const MeasureIds& measure_ids) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO data_obligation_measures
    (data_obligation_id, outcome_measure_id, position)
VALUES (?1, ?2, ?3)
)sql"));
  for (size_t i = 0; i < names.size(); ++i) {
    auto found = measure_ids.find(names[i]);
    if (found == measure_ids.end()) {
      return absl::InternalError(absl::StrCat(
          "data obligation names unknown outcome measure ", names[i]));
    }
    insert->Reset();
    insert->Bind(1, obligation_id)
        .Bind(2, found->second)
        .Bind(3, static_cast<int64_t>(i));
    MEA_RETURN_IF_ERROR(insert->Run());
  }
  return absl::OkStatus();
}

absl::Status InsertDataObligation(Connection& connection, int64_t decision_id,
                                  const DataObligationRecord& obligation,
                                  const MeasureIds& measure_ids) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO data_obligations (decision_id, description, source,
    responsible_organisation, responsible_role, due_date, state)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING')
)sql"));
  insert->Bind(1, decision_id)
      .Bind(2, obligation.description)
      .Bind(3, StoredText(kDataSourceTexts, obligation.source))
      .Bind(4, obligation.responsible_organisation)
      .Bind(5, StoredText(kResponsibleRoleTexts, obligation.responsible_role))
      .Bind(6, DateText(obligation.due_date));
  MEA_RETURN_IF_ERROR(insert->Run());
  return LinkMeasures(connection, connection.LastInsertRowId(),
                      obligation.outcome_measures, measure_ids);
}

absl::Status InsertReassessment(Connection& connection, int64_t decision_id,
                                const ReassessmentRecord& reassessment) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO reassessments (decision_id, deadline, state, subgroup, reason)
VALUES (?1, ?2, 'SCHEDULED', '', '')
)sql"));
  insert->Bind(1, decision_id).Bind(2, DateText(reassessment.deadline));
  return insert->Run();
}

absl::Status InsertExitPlan(Connection& connection, int64_t decision_id,
                            const ExitPlanRecord& exit_plan) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO exit_plans (decision_id, no_new_patients_after_days,
    ongoing_treatment, payer, notes)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  insert->Bind(1, decision_id)
      .Bind(2, static_cast<int64_t>(exit_plan.no_new_patients_after_days))
      .Bind(3, StoredText(kOngoingTreatmentTexts, exit_plan.ongoing_treatment))
      .Bind(4, StoredText(kExitPayerTexts, exit_plan.payer))
      .Bind(5, exit_plan.notes);
  return insert->Run();
}

}  // namespace

absl::Status InsertFollowUpPlan(Connection& connection, int64_t decision_id,
                                const FollowUpPlanRecord& plan) {
  MeasureIds measure_ids;
  for (const OutcomeMeasureRecord& measure : plan.outcome_measures) {
    MEA_ASSIGN_OR_RETURN(
        int64_t id, InsertOutcomeMeasure(connection, decision_id, measure));
    measure_ids[measure.name] = id;
  }
  for (const DataObligationRecord& obligation : plan.data_obligations) {
    MEA_RETURN_IF_ERROR(
        InsertDataObligation(connection, decision_id, obligation, measure_ids));
  }
  MEA_RETURN_IF_ERROR(
      InsertReassessment(connection, decision_id, plan.reassessment));
  return InsertExitPlan(connection, decision_id, plan.exit_plan);
}

}  // namespace mea::storage::tracking
