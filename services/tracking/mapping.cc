#include "services/tracking/mapping.h"

#include <cstddef>

#include "rules/civil_date.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;
using rules::FormatDate;

// One API value and the storage value it maps to.
template <typename Proto, typename Record>
struct EnumPair {
  Proto proto;
  Record record;
};

template <typename Proto, typename Record, size_t N>
std::optional<Record> RecordOf(const EnumPair<Proto, Record> (&pairs)[N],
                               Proto value) {
  for (const EnumPair<Proto, Record>& pair : pairs) {
    if (pair.proto == value) return pair.record;
  }
  return std::nullopt;
}

// The zero (UNSPECIFIED) value when `value` has no pair, which the mapping
// test rules out.
template <typename Proto, typename Record, size_t N>
Proto ProtoOf(const EnumPair<Proto, Record> (&pairs)[N], Record value) {
  for (const EnumPair<Proto, Record>& pair : pairs) {
    if (pair.record == value) return pair.proto;
  }
  return Proto{};
}

constexpr EnumPair<v1::Method::Status, store::MethodStatus> kMethodStatuses[] =
    {
        {v1::Method::AWAITING_DECISION, store::MethodStatus::kAwaitingDecision},
        {v1::Method::INTRODUCED, store::MethodStatus::kIntroduced},
        {v1::Method::INTRODUCED_TEMPORARILY,
         store::MethodStatus::kIntroducedTemporarily},
        {v1::Method::NOT_INTRODUCED, store::MethodStatus::kNotIntroduced},
        {v1::Method::GROUP_EXEMPTION, store::MethodStatus::kGroupExemption},
        {v1::Method::PHASED_OUT, store::MethodStatus::kPhasedOut},
};

constexpr EnumPair<v1::Decision::IntroductionType, store::IntroductionType>
    kIntroductionTypes[] = {
        {v1::Decision::INTRODUCED, store::IntroductionType::kIntroduced},
        {v1::Decision::INTRODUCED_TEMPORARILY,
         store::IntroductionType::kIntroducedTemporarily},
        {v1::Decision::NOT_INTRODUCED, store::IntroductionType::kNotIntroduced},
        {v1::Decision::GROUP_EXEMPTION,
         store::IntroductionType::kGroupExemption},
        {v1::Decision::PHASED_OUT, store::IntroductionType::kPhasedOut},
};

constexpr EnumPair<v1::Decision::Body, store::DecisionBody> kBodies[] = {
    {v1::Decision::BESLUTNINGSFORUM, store::DecisionBody::kBeslutningsforum},
    {v1::Decision::MEDICAL_DIRECTORS, store::DecisionBody::kMedicalDirectors},
};

constexpr EnumPair<v1::DataSource, store::DataSource> kDataSources[] = {
    {v1::DATA_SOURCE_COMPANY_STUDY, store::DataSource::kCompanyStudy},
    {v1::DATA_SOURCE_CANCER_REGISTRY, store::DataSource::kCancerRegistry},
    {v1::DATA_SOURCE_NPR, store::DataSource::kNpr},
    {v1::DATA_SOURCE_QUALITY_REGISTRY, store::DataSource::kQualityRegistry},
    {v1::DATA_SOURCE_PROM, store::DataSource::kProm},
    {v1::DATA_SOURCE_OBSERVATIONAL_STUDY,
     store::DataSource::kObservationalStudy},
};

constexpr EnumPair<v1::OutcomeMeasure::Kind, store::MeasureKind>
    kMeasureKinds[] = {
        {v1::OutcomeMeasure::PROPORTION, store::MeasureKind::kProportion},
        {v1::OutcomeMeasure::MEDIAN_TIME, store::MeasureKind::kMedianTime},
        {v1::OutcomeMeasure::MEAN_SCORE, store::MeasureKind::kMeanScore},
        {v1::OutcomeMeasure::COUNT, store::MeasureKind::kCount},
};

constexpr EnumPair<v1::OutcomeMeasure::Direction, store::MeasureDirection>
    kDirections[] = {
        {v1::OutcomeMeasure::AT_LEAST, store::MeasureDirection::kAtLeast},
        {v1::OutcomeMeasure::AT_MOST, store::MeasureDirection::kAtMost},
};

constexpr EnumPair<v1::DataObligation::ResponsibleRole, store::ResponsibleRole>
    kRoles[] = {
        {v1::DataObligation::SUPPLIER, store::ResponsibleRole::kSupplier},
        {v1::DataObligation::REGISTRY, store::ResponsibleRole::kRegistry},
        {v1::DataObligation::HOSPITAL, store::ResponsibleRole::kHospital},
        {v1::DataObligation::AGENCY, store::ResponsibleRole::kAgency},
};

constexpr EnumPair<v1::DataObligation::State, store::ObligationState>
    kObligationStates[] = {
        {v1::DataObligation::PENDING, store::ObligationState::kPending},
        {v1::DataObligation::DELIVERED, store::ObligationState::kDelivered},
        {v1::DataObligation::WAIVED, store::ObligationState::kWaived},
};

constexpr EnumPair<v1::Reassessment::State, store::ReassessmentState>
    kReassessmentStates[] = {
        {v1::Reassessment::SCHEDULED, store::ReassessmentState::kScheduled},
        {v1::Reassessment::UNDER_ASSESSMENT,
         store::ReassessmentState::kUnderAssessment},
        {v1::Reassessment::COMPLETED, store::ReassessmentState::kCompleted},
};

constexpr EnumPair<v1::Reassessment::Outcome, store::ReassessmentOutcome>
    kOutcomes[] = {
        {v1::Reassessment::PERMANENT_INTRODUCTION,
         store::ReassessmentOutcome::kPermanentIntroduction},
        {v1::Reassessment::RENEGOTIATE_PRICE,
         store::ReassessmentOutcome::kRenegotiatePrice},
        {v1::Reassessment::PHASE_OUT, store::ReassessmentOutcome::kPhaseOut},
        {v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP,
         store::ReassessmentOutcome::kPhaseOutExceptSubgroup},
        {v1::Reassessment::EXTENSION, store::ReassessmentOutcome::kExtension},
};

constexpr EnumPair<v1::ExitPlan::OngoingTreatment, store::OngoingTreatment>
    kOngoingTreatments[] = {
        {v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS,
         store::OngoingTreatment::kContinueUntilProgressionSupplierPays},
        {v1::ExitPlan::CONTINUE_AT_PUBLIC_COST,
         store::OngoingTreatment::kContinueAtPublicCost},
        {v1::ExitPlan::STOP_WITH_TAPERING,
         store::OngoingTreatment::kStopWithTapering},
};

constexpr EnumPair<v1::ExitPlan::Payer, store::ExitPayer> kPayers[] = {
    {v1::ExitPlan::PAYER_SUPPLIER, store::ExitPayer::kSupplier},
    {v1::ExitPlan::PAYER_PUBLIC, store::ExitPayer::kPublic},
    {v1::ExitPlan::PAYER_SHARED, store::ExitPayer::kShared},
};

constexpr EnumPair<v1::DueItem::Kind, store::DueItemKind> kDueItemKinds[] = {
    {v1::DueItem::REASSESSMENT, store::DueItemKind::kReassessment},
    {v1::DueItem::DATA_OBLIGATION, store::DueItemKind::kDataObligation},
    {v1::DueItem::AGREEMENT_EXPIRY, store::DueItemKind::kAgreementExpiry},
    {v1::DueItem::OUTCOME_TRIGGER, store::DueItemKind::kOutcomeTrigger},
};

v1::OutcomeMeasure MeasureToProto(const store::OutcomeMeasureRecord& measure) {
  v1::OutcomeMeasure proto;
  proto.set_id(measure.id);
  proto.set_name(measure.name);
  proto.set_description(measure.description);
  proto.set_kind(ToProto(measure.kind));
  proto.set_unit(measure.unit);
  proto.set_expected_value(measure.expected_value.text());
  proto.set_direction(ToProto(measure.direction));
  proto.set_evaluation_weeks(measure.evaluation_weeks);
  proto.set_data_source(ToProto(measure.data_source));
  return proto;
}

v1::ExitPlan ExitPlanToProto(const store::ExitPlanRecord& exit_plan) {
  v1::ExitPlan proto;
  proto.set_no_new_patients_after_days(exit_plan.no_new_patients_after_days);
  proto.set_ongoing_treatment(ToProto(exit_plan.ongoing_treatment));
  proto.set_payer(ToProto(exit_plan.payer));
  proto.set_notes(exit_plan.notes);
  return proto;
}

v1::FollowUpPlan PlanToProto(const store::FollowUpPlanRecord& plan,
                             absl::CivilDay today) {
  v1::FollowUpPlan proto;
  for (const store::OutcomeMeasureRecord& measure : plan.outcome_measures) {
    *proto.add_outcome_measures() = MeasureToProto(measure);
  }
  for (const store::DataObligationRecord& obligation : plan.data_obligations) {
    *proto.add_data_obligations() = ToProto(obligation, today);
  }
  *proto.mutable_reassessment() = ToProto(plan.reassessment, today);
  *proto.mutable_exit_plan() = ExitPlanToProto(plan.exit_plan);
  return proto;
}

}  // namespace

std::optional<store::MethodStatus> FromProto(v1::Method::Status value) {
  return RecordOf(kMethodStatuses, value);
}
std::optional<store::IntroductionType> FromProto(
    v1::Decision::IntroductionType value) {
  return RecordOf(kIntroductionTypes, value);
}
std::optional<store::DecisionBody> FromProto(v1::Decision::Body value) {
  return RecordOf(kBodies, value);
}
std::optional<store::DataSource> FromProto(v1::DataSource value) {
  return RecordOf(kDataSources, value);
}
std::optional<store::MeasureKind> FromProto(v1::OutcomeMeasure::Kind value) {
  return RecordOf(kMeasureKinds, value);
}
std::optional<store::MeasureDirection> FromProto(
    v1::OutcomeMeasure::Direction value) {
  return RecordOf(kDirections, value);
}
std::optional<store::ResponsibleRole> FromProto(
    v1::DataObligation::ResponsibleRole value) {
  return RecordOf(kRoles, value);
}
std::optional<store::ObligationState> FromProto(
    v1::DataObligation::State value) {
  return RecordOf(kObligationStates, value);
}
std::optional<store::ReassessmentState> FromProto(
    v1::Reassessment::State value) {
  return RecordOf(kReassessmentStates, value);
}
std::optional<store::ReassessmentOutcome> FromProto(
    v1::Reassessment::Outcome value) {
  return RecordOf(kOutcomes, value);
}
std::optional<store::OngoingTreatment> FromProto(
    v1::ExitPlan::OngoingTreatment value) {
  return RecordOf(kOngoingTreatments, value);
}
std::optional<store::ExitPayer> FromProto(v1::ExitPlan::Payer value) {
  return RecordOf(kPayers, value);
}
std::optional<store::DueItemKind> FromProto(v1::DueItem::Kind value) {
  return RecordOf(kDueItemKinds, value);
}

v1::Method::Status ToProto(store::MethodStatus value) {
  return ProtoOf(kMethodStatuses, value);
}
v1::Decision::IntroductionType ToProto(store::IntroductionType value) {
  return ProtoOf(kIntroductionTypes, value);
}
v1::Decision::Body ToProto(store::DecisionBody value) {
  return ProtoOf(kBodies, value);
}
v1::DataSource ToProto(store::DataSource value) {
  return ProtoOf(kDataSources, value);
}
v1::OutcomeMeasure::Kind ToProto(store::MeasureKind value) {
  return ProtoOf(kMeasureKinds, value);
}
v1::OutcomeMeasure::Direction ToProto(store::MeasureDirection value) {
  return ProtoOf(kDirections, value);
}
v1::DataObligation::ResponsibleRole ToProto(store::ResponsibleRole value) {
  return ProtoOf(kRoles, value);
}
v1::DataObligation::State ToProto(store::ObligationState value) {
  return ProtoOf(kObligationStates, value);
}
v1::Reassessment::State ToProto(store::ReassessmentState value) {
  return ProtoOf(kReassessmentStates, value);
}
v1::Reassessment::Outcome ToProto(store::ReassessmentOutcome value) {
  return ProtoOf(kOutcomes, value);
}
v1::ExitPlan::OngoingTreatment ToProto(store::OngoingTreatment value) {
  return ProtoOf(kOngoingTreatments, value);
}
v1::ExitPlan::Payer ToProto(store::ExitPayer value) {
  return ProtoOf(kPayers, value);
}
v1::DueItem::Kind ToProto(store::DueItemKind value) {
  return ProtoOf(kDueItemKinds, value);
}

v1::Method ToProto(const store::MethodRecord& method) {
  v1::Method proto;
  proto.set_id(method.id);
  proto.set_title(method.title);
  proto.set_active_substance(method.active_substance);
  proto.set_brand_name(method.brand_name);
  proto.set_indication(method.indication);
  proto.set_supplier(method.supplier);
  proto.set_therapeutic_area(method.therapeutic_area);
  proto.set_status(ToProto(method.status));
  proto.set_create_time(method.create_time);
  proto.set_update_time(method.update_time);
  return proto;
}

v1::DataObligation ToProto(const store::DataObligationRecord& obligation,
                           absl::CivilDay today) {
  v1::DataObligation proto;
  proto.set_id(obligation.id);
  proto.set_decision_id(obligation.decision_id);
  proto.set_method_id(obligation.method_id);
  proto.set_description(obligation.description);
  for (const std::string& name : obligation.outcome_measures) {
    proto.add_outcome_measures(name);
  }
  proto.set_source(ToProto(obligation.source));
  proto.set_responsible_organisation(obligation.responsible_organisation);
  proto.set_responsible_role(ToProto(obligation.responsible_role));
  proto.set_due_date(FormatDate(obligation.due_date));
  proto.set_state(ToProto(obligation.state));
  if (obligation.delivered_date.has_value()) {
    proto.set_delivered_date(FormatDate(*obligation.delivered_date));
  }
  proto.set_delivery_reference(obligation.delivery_reference);
  proto.set_waiver_reason(obligation.waiver_reason.value_or(""));
  proto.set_overdue(obligation.state == store::ObligationState::kPending &&
                    obligation.due_date < today);
  return proto;
}

v1::Reassessment ToProto(const store::ReassessmentRecord& reassessment,
                         absl::CivilDay today) {
  v1::Reassessment proto;
  proto.set_decision_id(reassessment.decision_id);
  proto.set_deadline(FormatDate(reassessment.deadline));
  proto.set_state(ToProto(reassessment.state));
  if (reassessment.outcome.has_value()) {
    proto.set_outcome(ToProto(*reassessment.outcome));
  };
  proto.set_subgroup(reassessment.subgroup);
  proto.set_reason(reassessment.reason);
  if (reassessment.completed_date.has_value()) {
    proto.set_completed_date(FormatDate(*reassessment.completed_date));
  }
  proto.set_resulting_decision_id(reassessment.resulting_decision_id);
  proto.set_overdue(reassessment.state !=
                        store::ReassessmentState::kCompleted &&
                    reassessment.deadline < today);
  for (const store::ReassessmentExtensionRecord& extension :
       reassessment.extensions) {
    v1::ReassessmentExtension* added = proto.add_extensions();
    added->set_previous_deadline(FormatDate(extension.previous_deadline));
    added->set_new_deadline(FormatDate(extension.new_deadline));
    added->set_reason(extension.reason);
    added->set_decided_date(FormatDate(extension.decided_date));
  }
  return proto;
}

v1::Decision ToProto(const store::DecisionRecord& decision,
                     absl::CivilDay today) {
  v1::Decision proto;
  proto.set_id(decision.id);
  proto.set_method_id(decision.method_id);
  proto.set_decision_date(FormatDate(decision.decision_date));
  proto.set_body(ToProto(decision.body));
  proto.set_introduction_type(ToProto(decision.introduction_type));
  proto.set_conditions(decision.conditions);
  proto.set_supersedes_decision_id(decision.supersedes_decision_id);
  proto.set_superseded_by_decision_id(decision.superseded_by_decision_id);
  if (decision.follow_up.has_value()) {
    *proto.mutable_follow_up() = PlanToProto(*decision.follow_up, today);
  }
  proto.set_create_time(decision.create_time);
  return proto;
}

v1::DueItem ToProto(const store::DueItemRecord& item, absl::CivilDay today) {
  v1::DueItem proto;
  proto.set_kind(ToProto(item.kind));
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

}  // namespace mea::services::tracking
