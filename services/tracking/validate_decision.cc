// Validation of a decision and its follow-up plan (oppfølgingsplan). A
// temporary introduction is only allowed when the outcome measures, the
// data responsibility, the reassessment date and the exit plan are fixed
// at the decision, so the plan is checked as a whole with the decision.
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "services/rpc/fields.h"
#include "services/tracking/limits.h"
#include "services/tracking/mapping.h"
#include "services/tracking/validation.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

// Dates the plan's dates are compared with; absent when invalid (then only
// the invalid field is reported).
struct PlanDates {
  std::optional<absl::CivilDay> decision_date;
  std::optional<absl::CivilDay> deadline;
};

bool IsMeasureKey(const std::string& name) {
  for (unsigned char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

store::OutcomeMeasureRecord ValidateOutcomeMeasure(
    const v1::OutcomeMeasure& measure, const std::string& path,
    FieldViolations& violations) {
  store::OutcomeMeasureRecord record;
  CheckKey(measure.name(), Path(path, "name"), Presence::kRequired, violations);
  if (!IsMeasureKey(measure.name())) {
    violations.Add(Path(path, "name"),
                   "must be a short key of letters, digits, '_', '-' or '.', "
                   "e.g. \"orr\"");
  }
  CheckText(measure.description(), Path(path, "description"),
            Presence::kOptional, violations);
  CheckEnumInto(measure.kind(), Path(path, "kind"), record.kind, violations);
  CheckName(measure.unit(), Path(path, "unit"), Presence::kRequired,
            violations);
  const std::string expected_path = Path(path, "expected_value");
  if (measure.expected_value().empty()) {
    violations.Add(expected_path, "is required (a decimal such as \"0.40\")");
  } else if (absl::StatusOr<rules::Decimal> expected =
                 rules::Decimal::Parse(measure.expected_value());
             expected.ok()) {
    record.expected_value = *std::move(expected);
  } else {
    violations.Add(expected_path, std::string(expected.status().message()));
  }
  CheckEnumInto(measure.direction(), Path(path, "direction"), record.direction,
                violations);
  CheckRange(measure.evaluation_weeks(), 1, kMaxEvaluationWeeks,
             Path(path, "evaluation_weeks"), violations);
  CheckEnumInto(measure.data_source(), Path(path, "data_source"),
                record.data_source, violations);
  record.name = measure.name();
  record.description = measure.description();
  record.unit = measure.unit();
  record.evaluation_weeks = measure.evaluation_weeks();
  return record;
}

std::vector<store::OutcomeMeasureRecord> ValidateOutcomeMeasures(
    const v1::FollowUpPlan& plan, const std::string& plan_path,
    FieldViolations& violations) {
  const std::string path = Path(plan_path, "outcome_measures");
  if (plan.outcome_measures().empty()) {
    violations.Add(path,
                   "at least one outcome measure (utfallsmål) is "
                   "required");
  } else if (plan.outcome_measures_size() > kMaxOutcomeMeasures) {
    violations.Add(path, absl::StrCat("at most ", kMaxOutcomeMeasures,
                                      " outcome measures"));
  }
  std::vector<store::OutcomeMeasureRecord> records;
  std::map<std::string, size_t> first_index;
  for (int i = 0; i < plan.outcome_measures_size(); ++i) {
    const std::string item = Indexed(path, i);
    records.push_back(
        ValidateOutcomeMeasure(plan.outcome_measures(i), item, violations));
    const std::string& name = plan.outcome_measures(i).name();
    auto [found, inserted] = first_index.emplace(name, i);
    if (!inserted && !name.empty()) {
      violations.Add(
          Path(item, "name"),
          absl::StrCat("duplicate name \"", name, "\" (also outcome_measures[",
                       found->second, "]); names are unique within the plan"));
    }
  }
  return records;
}

void ValidateObligationMeasures(const v1::DataObligation& obligation,
                                const std::string& path,
                                const std::set<std::string>& measure_names,
                                FieldViolations& violations) {
  if (obligation.outcome_measures().empty()) {
    violations.Add(path, "name at least one outcome measure of the plan");
  } else if (obligation.outcome_measures_size() > kMaxMeasuresPerObligation) {
    violations.Add(path, "too many outcome measures");
  }
  std::set<std::string> seen;
  for (int k = 0; k < obligation.outcome_measures_size(); ++k) {
    const std::string& name = obligation.outcome_measures(k);
    if (measure_names.count(name) == 0) {
      violations.Add(Indexed(path, k),
                     absl::StrCat("\"", name,
                                  "\" is not the name of an outcome measure "
                                  "of this plan"));
    } else if (!seen.insert(name).second) {
      violations.Add(Indexed(path, k),
                     absl::StrCat("\"", name, "\" is named twice"));
    }
  }
}

void CheckDueDate(const std::optional<absl::CivilDay>& due,
                  const PlanDates& dates, const std::string& path,
                  FieldViolations& violations) {
  if (!due.has_value()) return;
  if (dates.decision_date.has_value() && *due < *dates.decision_date) {
    violations.Add(path, "must not be before the decision date");
  } else if (dates.deadline.has_value() && *due > *dates.deadline) {
    violations.Add(path,
                   "must be on or before the reassessment deadline (data "
                   "are due before the revurdering)");
  }
}

store::DataObligationRecord ValidateDataObligation(
    const v1::DataObligation& obligation, const std::string& path,
    const std::set<std::string>& measure_names, const PlanDates& dates,
    FieldViolations& violations) {
  store::DataObligationRecord record;
  CheckText(obligation.description(), Path(path, "description"),
            Presence::kRequired, violations);
  ValidateObligationMeasures(obligation, Path(path, "outcome_measures"),
                             measure_names, violations);
  CheckEnumInto(obligation.source(), Path(path, "source"), record.source,
                violations);
  CheckName(obligation.responsible_organisation(),
            Path(path, "responsible_organisation"), Presence::kRequired,
            violations);
  CheckEnumInto(obligation.responsible_role(), Path(path, "responsible_role"),
                record.responsible_role, violations);
  const std::string due_path = Path(path, "due_date");
  std::optional<absl::CivilDay> due = CheckDate(
      obligation.due_date(), due_path, Presence::kRequired, violations);
  CheckDueDate(due, dates, due_path, violations);
  record.description = obligation.description();
  record.outcome_measures.assign(obligation.outcome_measures().begin(),
                                 obligation.outcome_measures().end());
  record.responsible_organisation = obligation.responsible_organisation();
  if (due.has_value()) record.due_date = *due;
  return record;
}

std::vector<store::DataObligationRecord> ValidateDataObligations(
    const v1::FollowUpPlan& plan, const std::string& plan_path,
    const PlanDates& dates, FieldViolations& violations) {
  const std::string path = Path(plan_path, "data_obligations");
  if (plan.data_obligations().empty()) {
    violations.Add(path,
                   "at least one data obligation (dataansvar) is "
                   "required");
  } else if (plan.data_obligations_size() > kMaxDataObligations) {
    violations.Add(path, absl::StrCat("at most ", kMaxDataObligations,
                                      " data obligations"));
  }
  std::set<std::string> measure_names;
  for (const v1::OutcomeMeasure& measure : plan.outcome_measures()) {
    measure_names.insert(measure.name());
  }
  std::vector<store::DataObligationRecord> records;
  for (int j = 0; j < plan.data_obligations_size(); ++j) {
    records.push_back(ValidateDataObligation(plan.data_obligations(j),
                                             Indexed(path, j), measure_names,
                                             dates, violations));
  }
  return records;
}

// Returns the deadline when it is valid.
std::optional<absl::CivilDay> ValidateReassessment(
    const v1::FollowUpPlan& plan, const std::string& plan_path,
    const std::optional<absl::CivilDay>& decision_date,
    store::ReassessmentRecord& record, FieldViolations& violations) {
  const std::string path = Path(plan_path, "reassessment");
  if (!plan.has_reassessment()) {
    violations.Add(path,
                   "is required: the reassessment (revurdering) "
                   "deadline");
    return std::nullopt;
  }
  const std::string deadline_path = Path(path, "deadline");
  std::optional<absl::CivilDay> deadline =
      CheckDate(plan.reassessment().deadline(), deadline_path,
                Presence::kRequired, violations);
  if (!deadline.has_value()) return std::nullopt;
  if (decision_date.has_value() && *deadline <= *decision_date) {
    violations.Add(deadline_path, "must be after the decision date");
    // Due dates are not compared with a deadline that is itself wrong.
    return std::nullopt;
  }
  record.deadline = *deadline;
  return deadline;
}

store::ExitPlanRecord ValidateExitPlan(const v1::FollowUpPlan& plan,
                                       const std::string& plan_path,
                                       FieldViolations& violations) {
  const std::string path = Path(plan_path, "exit_plan");
  store::ExitPlanRecord record;
  if (!plan.has_exit_plan()) {
    violations.Add(path,
                   "is required: what happens if the reassessment is "
                   "negative (exit-plan)");
    return record;
  }
  const v1::ExitPlan& exit_plan = plan.exit_plan();
  CheckRange(exit_plan.no_new_patients_after_days(), 0,
             kMaxNoNewPatientsAfterDays,
             Path(path, "no_new_patients_after_days"), violations);
  CheckEnumInto(exit_plan.ongoing_treatment(), Path(path, "ongoing_treatment"),
                record.ongoing_treatment, violations);
  CheckEnumInto(exit_plan.payer(), Path(path, "payer"), record.payer,
                violations);
  CheckText(exit_plan.notes(), Path(path, "notes"), Presence::kOptional,
            violations);
  record.no_new_patients_after_days = exit_plan.no_new_patients_after_days();
  record.notes = exit_plan.notes();
  return record;
}

store::FollowUpPlanRecord ValidateFollowUpPlan(
    const v1::FollowUpPlan& plan, const std::string& path,
    const std::optional<absl::CivilDay>& decision_date,
    FieldViolations& violations) {
  store::FollowUpPlanRecord record;
  record.outcome_measures = ValidateOutcomeMeasures(plan, path, violations);
  PlanDates dates;
  dates.decision_date = decision_date;
  dates.deadline = ValidateReassessment(plan, path, decision_date,
                                        record.reassessment, violations);
  record.data_obligations =
      ValidateDataObligations(plan, path, dates, violations);
  record.exit_plan = ValidateExitPlan(plan, path, violations);
  return record;
}

std::optional<absl::CivilDay> ValidateDecisionDate(
    const v1::Decision& decision, const DecisionOptions& options,
    FieldViolations& violations) {
  const std::string path = Path(options.path, "decision_date");
  if (decision.decision_date().empty() && options.default_date.has_value()) {
    return options.default_date;
  }
  std::optional<absl::CivilDay> date = CheckDate(
      decision.decision_date(), path, Presence::kRequired, violations);
  if (date.has_value() && *date > options.today) {
    violations.Add(path,
                   absl::StrCat("must not be after today (",
                                rules::FormatDate(options.today),
                                "): a decision is recorded after it is made"));
    return std::nullopt;
  }
  return date;
}

// Group exemptions come from the medical directors, everything else from
// Beslutningsforum.
void CheckBody(const v1::Decision& decision, const std::string& path,
               store::DecisionRecord& record, FieldViolations& violations) {
  const bool body_ok = CheckEnumInto(decision.body(), Path(path, "body"),
                                     record.body, violations);
  const bool type_ok = CheckEnumInto(decision.introduction_type(),
                                     Path(path, "introduction_type"),
                                     record.introduction_type, violations);
  if (!body_ok || !type_ok) return;
  const bool group_exemption =
      decision.introduction_type() == v1::Decision::GROUP_EXEMPTION;
  const bool directors = decision.body() == v1::Decision::MEDICAL_DIRECTORS;
  if (group_exemption && !directors) {
    violations.Add(Path(path, "body"),
                   "a GROUP_EXEMPTION (gruppeunntak) is granted by "
                   "MEDICAL_DIRECTORS (fagdirektørene)");
  } else if (!group_exemption && directors) {
    violations.Add(Path(path, "body"),
                   "MEDICAL_DIRECTORS only grant GROUP_EXEMPTION; other "
                   "decisions are made by BESLUTNINGSFORUM");
  }
}

void ValidatePlanPresence(const v1::Decision& decision,
                          const DecisionOptions& options,
                          const std::optional<absl::CivilDay>& date,
                          store::DecisionRecord& record,
                          FieldViolations& violations) {
  const std::string path = Path(options.path, "follow_up");
  const bool temporary =
      decision.introduction_type() == v1::Decision::INTRODUCED_TEMPORARILY;
  if (temporary && !decision.has_follow_up()) {
    violations.Add(path,
                   "is required for INTRODUCED_TEMPORARILY (midlertidig "
                   "innføring): outcome measures, data obligations, "
                   "reassessment and exit plan");
  } else if (temporary) {
    record.follow_up =
        ValidateFollowUpPlan(decision.follow_up(), path, date, violations);
  } else if (decision.has_follow_up()) {
    violations.Add(path, "is only allowed for INTRODUCED_TEMPORARILY");
  }
}

}  // namespace

store::DecisionRecord ValidateDecision(const v1::Decision& decision,
                                       const DecisionOptions& options,
                                       FieldViolations& violations) {
  store::DecisionRecord record;
  if (!options.filled_in_by_server) {
    CheckMethodId(decision.method_id(), Path(options.path, "method_id"),
                  violations);
    if (decision.supersedes_decision_id() < 0) {
      violations.Add(Path(options.path, "supersedes_decision_id"),
                     "must be a decision id, or 0 for none");
    }
  }
  std::optional<absl::CivilDay> date =
      ValidateDecisionDate(decision, options, violations);
  CheckBody(decision, options.path, record, violations);
  CheckText(decision.conditions(), Path(options.path, "conditions"),
            Presence::kOptional, violations);
  ValidatePlanPresence(decision, options, date, record, violations);
  record.method_id = decision.method_id();
  if (date.has_value()) record.decision_date = *date;
  record.conditions = decision.conditions();
  record.supersedes_decision_id = decision.supersedes_decision_id();
  return record;
}

}  // namespace mea::services::tracking
