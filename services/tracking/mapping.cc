#include "services/tracking/mapping.h"

#include "rules/civil_date.h"

namespace mea::services::tracking_mapping {
namespace {

using rules::FormatDate;

v1::OutcomeMeasure MeasureToProto(
    const storage::OutcomeMeasureRecord& measure) {
  v1::OutcomeMeasure proto;
  proto.set_id(measure.id);
  proto.set_name(measure.name);
  proto.set_description(measure.description);
  proto.set_kind(measure.kind);
  proto.set_unit(measure.unit);
  proto.set_expected_value(measure.expected_value.text());
  proto.set_direction(measure.direction);
  proto.set_evaluation_weeks(measure.evaluation_weeks);
  proto.set_data_source(measure.data_source);
  return proto;
}

v1::ExitPlan ExitPlanToProto(const storage::ExitPlanRecord& exit_plan) {
  v1::ExitPlan proto;
  proto.set_no_new_patients_after_days(exit_plan.no_new_patients_after_days);
  proto.set_ongoing_treatment(exit_plan.ongoing_treatment);
  proto.set_payer(exit_plan.payer);
  proto.set_notes(exit_plan.notes);
  return proto;
}

v1::FollowUpPlan PlanToProto(const storage::FollowUpPlanRecord& plan,
                             absl::CivilDay today) {
  v1::FollowUpPlan proto;
  for (const storage::OutcomeMeasureRecord& measure : plan.outcome_measures) {
    *proto.add_outcome_measures() = MeasureToProto(measure);
  }
  for (const storage::DataObligationRecord& obligation :
       plan.data_obligations) {
    *proto.add_data_obligations() = ToProto(obligation, today);
  }
  *proto.mutable_reassessment() = ToProto(plan.reassessment, today);
  *proto.mutable_exit_plan() = ExitPlanToProto(plan.exit_plan);
  return proto;
}

}  // namespace

v1::Method ToProto(const storage::MethodRecord& method) {
  v1::Method proto;
  proto.set_id(method.id);
  proto.set_title(method.title);
  proto.set_active_substance(method.active_substance);
  proto.set_brand_name(method.brand_name);
  proto.set_indication(method.indication);
  proto.set_supplier(method.supplier);
  proto.set_therapeutic_area(method.therapeutic_area);
  proto.set_status(method.status);
  proto.set_create_time(method.create_time);
  proto.set_update_time(method.update_time);
  return proto;
}

v1::DataObligation ToProto(const storage::DataObligationRecord& obligation,
                           absl::CivilDay today) {
  v1::DataObligation proto;
  proto.set_id(obligation.id);
  proto.set_decision_id(obligation.decision_id);
  proto.set_method_id(obligation.method_id);
  proto.set_description(obligation.description);
  for (const std::string& name : obligation.outcome_measures) {
    proto.add_outcome_measures(name);
  }
  proto.set_source(obligation.source);
  proto.set_responsible_organisation(obligation.responsible_organisation);
  proto.set_responsible_role(obligation.responsible_role);
  proto.set_due_date(FormatDate(obligation.due_date));
  proto.set_state(obligation.state);
  if (obligation.delivered_date.has_value()) {
    proto.set_delivered_date(FormatDate(*obligation.delivered_date));
  }
  proto.set_delivery_reference(obligation.delivery_reference);
  proto.set_waiver_reason(obligation.waiver_reason.value_or(""));
  proto.set_overdue(obligation.state == v1::DataObligation::PENDING &&
                    obligation.due_date < today);
  return proto;
}

v1::Reassessment ToProto(const storage::ReassessmentRecord& reassessment,
                         absl::CivilDay today) {
  v1::Reassessment proto;
  proto.set_decision_id(reassessment.decision_id);
  proto.set_deadline(FormatDate(reassessment.deadline));
  proto.set_state(reassessment.state);
  proto.set_outcome(reassessment.outcome);
  proto.set_subgroup(reassessment.subgroup);
  proto.set_reason(reassessment.reason);
  if (reassessment.completed_date.has_value()) {
    proto.set_completed_date(FormatDate(*reassessment.completed_date));
  }
  proto.set_resulting_decision_id(reassessment.resulting_decision_id);
  proto.set_overdue(reassessment.state != v1::Reassessment::COMPLETED &&
                    reassessment.deadline < today);
  for (const storage::ReassessmentExtensionRecord& extension :
       reassessment.extensions) {
    v1::ReassessmentExtension* added = proto.add_extensions();
    added->set_previous_deadline(FormatDate(extension.previous_deadline));
    added->set_new_deadline(FormatDate(extension.new_deadline));
    added->set_reason(extension.reason);
    added->set_decided_date(FormatDate(extension.decided_date));
  }
  return proto;
}

v1::Decision ToProto(const storage::DecisionRecord& decision,
                     absl::CivilDay today) {
  v1::Decision proto;
  proto.set_id(decision.id);
  proto.set_method_id(decision.method_id);
  proto.set_decision_date(FormatDate(decision.decision_date));
  proto.set_body(decision.body);
  proto.set_introduction_type(decision.introduction_type);
  proto.set_conditions(decision.conditions);
  proto.set_supersedes_decision_id(decision.supersedes_decision_id);
  proto.set_superseded_by_decision_id(decision.superseded_by_decision_id);
  if (decision.follow_up.has_value()) {
    *proto.mutable_follow_up() = PlanToProto(*decision.follow_up, today);
  }
  proto.set_create_time(decision.create_time);
  return proto;
}

v1::DueItem ToProto(const storage::DueItemRecord& item, absl::CivilDay today) {
  v1::DueItem proto;
  proto.set_kind(item.kind);
  proto.set_due_date(FormatDate(item.due_date));
  proto.set_overdue(item.due_date < today);
  proto.set_days_until_due(static_cast<int32_t>(item.due_date - today));
  proto.set_method_id(item.method_id);
  proto.set_method_title(item.method_title);
  proto.set_therapeutic_area(item.therapeutic_area);
  proto.set_responsible_organisation(item.responsible_organisation);
  proto.set_description(item.description);
  proto.set_decision_id(item.decision_id);
  proto.set_data_obligation_id(item.data_obligation_id);
  proto.set_agreement_id(item.agreement_id);
  proto.set_settlement_number(item.settlement_number);
  return proto;
}

}  // namespace mea::services::tracking_mapping
