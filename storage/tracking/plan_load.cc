// Reading a follow-up plan and its parts. Rows are collected before their
// details are loaded, because Connection::Prepare resets a cached statement
// and nested use of one statement would cut an iteration short.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"
#include "storage/tracking/plan_store.h"
#include "storage/tracking/store.h"

namespace mea::storage::tracking {
namespace {

constexpr char kSelectObligation[] = R"sql(
SELECT o.id, o.decision_id, d.method_id, o.description, o.source,
       o.responsible_organisation, o.responsible_role, o.due_date, o.state,
       o.delivered_date, COALESCE(o.delivery_reference, ''), o.waiver_reason
FROM data_obligations o JOIN decisions d ON d.id = o.decision_id
)sql";

absl::Status ReadObligation(const Statement& row,
                            DataObligationRecord& obligation) {
  obligation.id = row.ColumnInt64(0);
  obligation.decision_id = row.ColumnInt64(1);
  obligation.method_id = row.ColumnText(2);
  obligation.description = row.ColumnText(3);
  MEA_ASSIGN_OR_RETURN(obligation.source,
                       EnumColumn<DataSource>(row, 4, kDataSourceTexts,
                                              "data_obligations.source"));
  obligation.responsible_organisation = row.ColumnText(5);
  MEA_ASSIGN_OR_RETURN(
      obligation.responsible_role,
      EnumColumn<ResponsibleRole>(row, 6, kResponsibleRoleTexts,
                                  "data_obligations.responsible_role"));
  MEA_ASSIGN_OR_RETURN(obligation.due_date, DateColumn(row, 7));
  MEA_ASSIGN_OR_RETURN(obligation.state, EnumColumn<ObligationState>(
                                             row, 8, kObligationStateTexts,
                                             "data_obligations.state"));
  MEA_ASSIGN_OR_RETURN(obligation.delivered_date, OptionalDateColumn(row, 9));
  obligation.delivery_reference = row.ColumnText(10);
  obligation.waiver_reason = OptionalText(row, 11);
  return absl::OkStatus();
}

absl::Status ReadOutcomeMeasure(const Statement& row,
                                OutcomeMeasureRecord& measure) {
  measure.id = row.ColumnInt64(0);
  measure.name = row.ColumnText(1);
  measure.description = row.ColumnText(2);
  MEA_ASSIGN_OR_RETURN(measure.kind,
                       EnumColumn<MeasureKind>(row, 3, kMeasureKindTexts,
                                               "outcome_measures.kind"));
  measure.unit = row.ColumnText(4);
  const std::string expected = row.ColumnText(5);
  absl::StatusOr<rules::Decimal> parsed = rules::Decimal::Parse(expected);
  if (!parsed.ok()) {
    return absl::InternalError(absl::StrCat(
        "bad value \"", expected, "\" in outcome_measures.expected_value"));
  }
  measure.expected_value = *std::move(parsed);
  MEA_ASSIGN_OR_RETURN(measure.direction, EnumColumn<MeasureDirection>(
                                              row, 6, kMeasureDirectionTexts,
                                              "outcome_measures.direction"));
  measure.evaluation_weeks = static_cast<int32_t>(row.ColumnInt64(7));
  MEA_ASSIGN_OR_RETURN(measure.data_source,
                       EnumColumn<DataSource>(row, 8, kDataSourceTexts,
                                              "outcome_measures.data_source"));
  return absl::OkStatus();
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
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    return ReadOutcomeMeasure(row, measures.emplace_back());
  }));
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
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    return ReadObligation(row, obligations.emplace_back());
  }));
  for (DataObligationRecord& obligation : obligations) {
    MEA_ASSIGN_OR_RETURN(obligation.outcome_measures,
                         LoadObligationMeasureNames(connection, obligation.id));
  }
  return obligations;
}

absl::Status ReadExtension(const Statement& row,
                           ReassessmentExtensionRecord& extension) {
  MEA_ASSIGN_OR_RETURN(extension.previous_deadline, DateColumn(row, 0));
  MEA_ASSIGN_OR_RETURN(extension.new_deadline, DateColumn(row, 1));
  extension.reason = row.ColumnText(2);
  MEA_ASSIGN_OR_RETURN(extension.decided_date, DateColumn(row, 3));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ReassessmentExtensionRecord>> LoadExtensions(
    Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT previous_deadline, new_deadline, reason, decided_date
FROM reassessment_extensions WHERE decision_id = ?1 ORDER BY id
)sql"));
  select->Bind(1, decision_id);
  std::vector<ReassessmentExtensionRecord> extensions;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    return ReadExtension(row, extensions.emplace_back());
  }));
  return extensions;
}

absl::Status ReadExitPlan(const Statement& row, ExitPlanRecord& exit_plan) {
  exit_plan.no_new_patients_after_days =
      static_cast<int32_t>(row.ColumnInt64(0));
  MEA_ASSIGN_OR_RETURN(
      exit_plan.ongoing_treatment,
      EnumColumn<OngoingTreatment>(row, 1, kOngoingTreatmentTexts,
                                   "exit_plans.ongoing_treatment"));
  MEA_ASSIGN_OR_RETURN(
      exit_plan.payer,
      EnumColumn<ExitPayer>(row, 2, kExitPayerTexts, "exit_plans.payer"));
  exit_plan.notes = row.ColumnText(3);
  return absl::OkStatus();
}

// NOT_FOUND when the decision has no exit plan.
absl::StatusOr<ExitPlanRecord> LoadExitPlan(Connection& connection,
                                            int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT no_new_patients_after_days, ongoing_treatment, payer, notes
FROM exit_plans WHERE decision_id = ?1
)sql"));
  select->Bind(1, decision_id);
  ExitPlanRecord exit_plan;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         return ReadExitPlan(row, exit_plan);
                       }));
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("decision ", decision_id, " has no exit plan"));
  }
  return exit_plan;
}

// Every column but decision_id and the extensions.
absl::Status ReadReassessment(const Statement& row,
                              ReassessmentRecord& reassessment) {
  MEA_ASSIGN_OR_RETURN(reassessment.deadline, DateColumn(row, 0));
  MEA_ASSIGN_OR_RETURN(reassessment.state, EnumColumn<ReassessmentState>(
                                               row, 1, kReassessmentStateTexts,
                                               "reassessments.state"));
  if (!row.ColumnIsNull(2)) {
    MEA_ASSIGN_OR_RETURN(
        reassessment.outcome,
        EnumColumn<ReassessmentOutcome>(row, 2, kReassessmentOutcomeTexts,
                                        "reassessments.outcome"));
  }
  reassessment.subgroup = row.ColumnText(3);
  reassessment.reason = row.ColumnText(4);
  MEA_ASSIGN_OR_RETURN(reassessment.completed_date, OptionalDateColumn(row, 5));
  reassessment.resulting_decision_id = row.ColumnInt64(6);
  return absl::OkStatus();
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
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    names.push_back(row.ColumnText(0));
    return absl::OkStatus();
  }));
  return names;
}

absl::StatusOr<std::optional<FollowUpPlanRecord>> LoadFollowUpPlan(
    Connection& connection, int64_t decision_id) {
  absl::StatusOr<ReassessmentRecord> reassessment =
      LoadReassessment(connection, decision_id);
  if (absl::IsNotFound(reassessment.status())) {
    return std::optional<FollowUpPlanRecord>();
  }
  FollowUpPlanRecord plan;
  MEA_ASSIGN_OR_RETURN(plan.reassessment, std::move(reassessment));
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
  DataObligationRecord obligation;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         return ReadObligation(row, obligation);
                       }));
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("data obligation ", id, " not found"));
  }
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
  ReassessmentRecord reassessment;
  reassessment.decision_id = decision_id;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         return ReadReassessment(row, reassessment);
                       }));
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("decision ", decision_id, " has no reassessment"));
  }
  MEA_ASSIGN_OR_RETURN(reassessment.extensions,
                       LoadExtensions(connection, decision_id));
  return reassessment;
}

}  // namespace mea::storage::tracking
