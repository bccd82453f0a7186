// Reading a follow-up plan and its parts. Rows are collected before their
// details are loaded, because Connection::Prepare resets a cached statement
// and nested use of one statement would cut an iteration short.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/tracking/columns.h"
#include "storage/tracking/plan_store.h"
#include "storage/tracking/store.h"

namespace mea::storage::tracking {
namespace {

using tracking_columns::EnumColumn;

constexpr char kSelectObligation[] = R"sql(
SELECT o.id, o.decision_id, d.method_id, o.description, o.source,
       o.responsible_organisation, o.responsible_role, o.due_date, o.state,
       o.delivered_date, COALESCE(o.delivery_reference, ''), o.waiver_reason
FROM data_obligations o JOIN decisions d ON d.id = o.decision_id
)sql";

absl::StatusOr<DataObligationRecord> ReadObligation(const Statement& row) {
  DataObligationRecord obligation;
  obligation.id = row.ColumnInt64(0);
  obligation.decision_id = row.ColumnInt64(1);
  obligation.method_id = row.ColumnText(2);
  obligation.description = row.ColumnText(3);
  MEA_ASSIGN_OR_RETURN(obligation.source, EnumColumn<v1::DataSource>(row, 4));
  obligation.responsible_organisation = row.ColumnText(5);
  MEA_ASSIGN_OR_RETURN(obligation.responsible_role,
                       EnumColumn<v1::DataObligation::ResponsibleRole>(row, 6));
  MEA_ASSIGN_OR_RETURN(obligation.due_date, DateColumn(row, 7));
  MEA_ASSIGN_OR_RETURN(obligation.state,
                       EnumColumn<v1::DataObligation::State>(row, 8));
  MEA_ASSIGN_OR_RETURN(obligation.delivered_date, OptionalDateColumn(row, 9));
  obligation.delivery_reference = row.ColumnText(10);
  if (!row.ColumnIsNull(11)) obligation.waiver_reason = row.ColumnText(11);
  return obligation;
}

absl::StatusOr<std::vector<OutcomeMeasureRecord>> LoadOutcomeMeasures(
    Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT id, name, description, kind, unit, expected_value, direction,
       evaluation_weeks, data_source
FROM outcome_measures WHERE decision_id = ?1 ORDER BY id
)sql"));
  select->Bind(1, decision_id);
  std::vector<OutcomeMeasureRecord> measures;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) break;
    OutcomeMeasureRecord measure;
    measure.id = select->ColumnInt64(0);
    measure.name = select->ColumnText(1);
    measure.description = select->ColumnText(2);
    MEA_ASSIGN_OR_RETURN(measure.kind,
                         EnumColumn<v1::OutcomeMeasure::Kind>(*select, 3));
    measure.unit = select->ColumnText(4);
    absl::StatusOr<rules::Decimal> expected =
        rules::Decimal::Parse(select->ColumnText(5));
    if (!expected.ok()) return absl::InternalError("bad expected_value");
    measure.expected_value = *std::move(expected);
    MEA_ASSIGN_OR_RETURN(measure.direction,
                         EnumColumn<v1::OutcomeMeasure::Direction>(*select, 6));
    measure.evaluation_weeks = static_cast<int32_t>(select->ColumnInt64(7));
    MEA_ASSIGN_OR_RETURN(measure.data_source,
                         EnumColumn<v1::DataSource>(*select, 8));
    measures.push_back(std::move(measure));
  }
  return measures;
}

absl::StatusOr<std::vector<DataObligationRecord>> LoadObligations(
    Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(
          kSelectObligation, "WHERE o.decision_id = ?1 ORDER BY o.id")));
  select->Bind(1, decision_id);
  std::vector<DataObligationRecord> obligations;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) break;
    MEA_ASSIGN_OR_RETURN(DataObligationRecord obligation,
                         ReadObligation(*select));
    obligations.push_back(std::move(obligation));
  }
  for (DataObligationRecord& obligation : obligations) {
    MEA_ASSIGN_OR_RETURN(obligation.outcome_measures,
                         LoadObligationMeasureNames(connection, obligation.id));
  }
  return obligations;
}

absl::StatusOr<std::vector<ReassessmentExtensionRecord>> LoadExtensions(
    Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT previous_deadline, new_deadline, reason, decided_date
FROM reassessment_extensions WHERE decision_id = ?1 ORDER BY id
)sql"));
  select->Bind(1, decision_id);
  std::vector<ReassessmentExtensionRecord> extensions;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) break;
    ReassessmentExtensionRecord extension;
    MEA_ASSIGN_OR_RETURN(extension.previous_deadline, DateColumn(*select, 0));
    MEA_ASSIGN_OR_RETURN(extension.new_deadline, DateColumn(*select, 1));
    extension.reason = select->ColumnText(2);
    MEA_ASSIGN_OR_RETURN(extension.decided_date, DateColumn(*select, 3));
    extensions.push_back(std::move(extension));
  }
  return extensions;
}

// NOT_FOUND when the decision has no exit plan.
absl::StatusOr<ExitPlanRecord> LoadExitPlan(Connection& connection,
                                            int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT no_new_patients_after_days, ongoing_treatment, payer, notes
FROM exit_plans WHERE decision_id = ?1
)sql"));
  select->Bind(1, decision_id);
  MEA_ASSIGN_OR_RETURN(bool found, select->Step());
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("decision ", decision_id, " has no exit plan"));
  }
  ExitPlanRecord exit_plan;
  exit_plan.no_new_patients_after_days =
      static_cast<int32_t>(select->ColumnInt64(0));
  MEA_ASSIGN_OR_RETURN(exit_plan.ongoing_treatment,
                       EnumColumn<v1::ExitPlan::OngoingTreatment>(*select, 1));
  MEA_ASSIGN_OR_RETURN(exit_plan.payer,
                       EnumColumn<v1::ExitPlan::Payer>(*select, 2));
  exit_plan.notes = select->ColumnText(3);
  return exit_plan;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> LoadObligationMeasureNames(
    Connection& connection, int64_t data_obligation_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT m.name
FROM data_obligation_measures l
JOIN outcome_measures m ON m.id = l.outcome_measure_id
WHERE l.data_obligation_id = ?1 ORDER BY l.position
)sql"));
  select->Bind(1, data_obligation_id);
  std::vector<std::string> names;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) break;
    names.push_back(select->ColumnText(0));
  }
  return names;
}

absl::StatusOr<std::optional<FollowUpPlanRecord>> LoadFollowUpPlan(
    Connection& connection, int64_t decision_id) {
  absl::StatusOr<ReassessmentRecord> reassessment =
      LoadReassessment(connection, decision_id);
  if (absl::IsNotFound(reassessment.status())) {
    return std::optional<FollowUpPlanRecord>();
  }
  if (!reassessment.ok()) return reassessment.status();
  FollowUpPlanRecord plan;
  plan.reassessment = *std::move(reassessment);
  MEA_ASSIGN_OR_RETURN(plan.outcome_measures,
                       LoadOutcomeMeasures(connection, decision_id));
  MEA_ASSIGN_OR_RETURN(plan.data_obligations,
                       LoadObligations(connection, decision_id));
  MEA_ASSIGN_OR_RETURN(plan.exit_plan, LoadExitPlan(connection, decision_id));
  return std::optional<FollowUpPlanRecord>(std::move(plan));
}

absl::StatusOr<DataObligationRecord> LoadDataObligation(Connection& connection,
                                                        int64_t id) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(kSelectObligation, "WHERE o.id = ?1")));
  select->Bind(1, id);
  MEA_ASSIGN_OR_RETURN(bool found, select->Step());
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("data obligation ", id, " not found"));
  }
  MEA_ASSIGN_OR_RETURN(DataObligationRecord obligation,
                       ReadObligation(*select));
  MEA_ASSIGN_OR_RETURN(obligation.outcome_measures,
                       LoadObligationMeasureNames(connection, id));
  return obligation;
}

absl::StatusOr<ReassessmentRecord> LoadReassessment(Connection& connection,
                                                    int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT deadline, state, outcome, subgroup, reason, completed_date,
       COALESCE(resulting_decision_id, 0)
FROM reassessments WHERE decision_id = ?1
)sql"));
  select->Bind(1, decision_id);
  MEA_ASSIGN_OR_RETURN(bool found, select->Step());
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("decision ", decision_id, " has no reassessment"));
  }
  ReassessmentRecord reassessment;
  reassessment.decision_id = decision_id;
  MEA_ASSIGN_OR_RETURN(reassessment.deadline, DateColumn(*select, 0));
  MEA_ASSIGN_OR_RETURN(reassessment.state,
                       EnumColumn<v1::Reassessment::State>(*select, 1));
  if (!select->ColumnIsNull(2)) {
    MEA_ASSIGN_OR_RETURN(reassessment.outcome,
                         EnumColumn<v1::Reassessment::Outcome>(*select, 2));
  }
  reassessment.subgroup = select->ColumnText(3);
  reassessment.reason = select->ColumnText(4);
  MEA_ASSIGN_OR_RETURN(reassessment.completed_date,
                       OptionalDateColumn(*select, 5));
  reassessment.resulting_decision_id = select->ColumnInt64(6);
  MEA_ASSIGN_OR_RETURN(reassessment.extensions,
                       LoadExtensions(connection, decision_id));
  return reassessment;
}

}  // namespace mea::storage::tracking
