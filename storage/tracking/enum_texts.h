// The text each tracking enum is stored as. These are the API's value
// names (mea.v1, proto/mea/v1/tracking.proto) as the first schema stored
// them, and they are part of the database format: the schema's CHECK
// constraints, the due-item views and every existing row use them, so a
// text here never changes (a renamed API value keeps its old text).
// tests/tracking/enum_mapping_test.cc checks that each API value maps to
// a record value stored under the API value's name.
//
// Bind a value with StoredText below, read one with storage/core/rows.h's
// EnumColumn (an unknown text is INTERNAL, naming the column and the text).
#ifndef MEA_STORAGE_TRACKING_ENUM_TEXTS_H_
#define MEA_STORAGE_TRACKING_ENUM_TEXTS_H_

#include <cstddef>
#include <string>

#include "storage/core/rows.h"
#include "storage/tracking/records.h"

namespace mea::storage::tracking {

// rows.h's TextOf as the std::string Statement::Bind takes: TextOf gives an
// absl::string_view, which Debian's Abseil does not convert to a
// std::string_view.
template <typename Enum, size_t N>
std::string StoredText(const EnumText<Enum> (&texts)[N], Enum value) {
  return std::string(TextOf<Enum>(texts, value));
}

// method_statuses.status: a decision's introduction type, or
// AWAITING_DECISION without one.
inline constexpr EnumText<MethodStatus> kMethodStatusTexts[] = {
    {MethodStatus::kAwaitingDecision, "AWAITING_DECISION"},
    {MethodStatus::kIntroduced, "INTRODUCED"},
    {MethodStatus::kIntroducedTemporarily, "INTRODUCED_TEMPORARILY"},
    {MethodStatus::kNotIntroduced, "NOT_INTRODUCED"},
    {MethodStatus::kGroupExemption, "GROUP_EXEMPTION"},
    {MethodStatus::kPhasedOut, "PHASED_OUT"},
};

inline constexpr EnumText<IntroductionType> kIntroductionTypeTexts[] = {
    {IntroductionType::kIntroduced, "INTRODUCED"},
    {IntroductionType::kIntroducedTemporarily, "INTRODUCED_TEMPORARILY"},
    {IntroductionType::kNotIntroduced, "NOT_INTRODUCED"},
    {IntroductionType::kGroupExemption, "GROUP_EXEMPTION"},
    {IntroductionType::kPhasedOut, "PHASED_OUT"},
};

inline constexpr EnumText<DecisionBody> kDecisionBodyTexts[] = {
    {DecisionBody::kBeslutningsforum, "BESLUTNINGSFORUM"},
    {DecisionBody::kMedicalDirectors, "MEDICAL_DIRECTORS"},
};

inline constexpr EnumText<DataSource> kDataSourceTexts[] = {
    {DataSource::kCompanyStudy, "DATA_SOURCE_COMPANY_STUDY"},
    {DataSource::kCancerRegistry, "DATA_SOURCE_CANCER_REGISTRY"},
    {DataSource::kNpr, "DATA_SOURCE_NPR"},
    {DataSource::kQualityRegistry, "DATA_SOURCE_QUALITY_REGISTRY"},
    {DataSource::kProm, "DATA_SOURCE_PROM"},
    {DataSource::kObservationalStudy, "DATA_SOURCE_OBSERVATIONAL_STUDY"},
};

inline constexpr EnumText<MeasureKind> kMeasureKindTexts[] = {
    {MeasureKind::kProportion, "PROPORTION"},
    {MeasureKind::kMedianTime, "MEDIAN_TIME"},
    {MeasureKind::kMeanScore, "MEAN_SCORE"},
    {MeasureKind::kCount, "COUNT"},
};

inline constexpr EnumText<MeasureDirection> kMeasureDirectionTexts[] = {
    {MeasureDirection::kAtLeast, "AT_LEAST"},
    {MeasureDirection::kAtMost, "AT_MOST"},
};

inline constexpr EnumText<ResponsibleRole> kResponsibleRoleTexts[] = {
    {ResponsibleRole::kSupplier, "SUPPLIER"},
    {ResponsibleRole::kRegistry, "REGISTRY"},
    {ResponsibleRole::kHospital, "HOSPITAL"},
    {ResponsibleRole::kAgency, "AGENCY"},
};

inline constexpr EnumText<ObligationState> kObligationStateTexts[] = {
    {ObligationState::kPending, "PENDING"},
    {ObligationState::kDelivered, "DELIVERED"},
    {ObligationState::kWaived, "WAIVED"},
};

inline constexpr EnumText<ReassessmentState> kReassessmentStateTexts[] = {
    {ReassessmentState::kScheduled, "SCHEDULED"},
    {ReassessmentState::kUnderAssessment, "UNDER_ASSESSMENT"},
    {ReassessmentState::kCompleted, "COMPLETED"},
};

// EXTENSION is never stored as an outcome; it is here so that every value
// has a text.
inline constexpr EnumText<ReassessmentOutcome> kReassessmentOutcomeTexts[] = {
    {ReassessmentOutcome::kPermanentIntroduction, "PERMANENT_INTRODUCTION"},
    {ReassessmentOutcome::kRenegotiatePrice, "RENEGOTIATE_PRICE"},
    {ReassessmentOutcome::kPhaseOut, "PHASE_OUT"},
    {ReassessmentOutcome::kPhaseOutExceptSubgroup, "PHASE_OUT_EXCEPT_SUBGROUP"},
    {ReassessmentOutcome::kExtension, "EXTENSION"},
};

inline constexpr EnumText<OngoingTreatment> kOngoingTreatmentTexts[] = {
    {OngoingTreatment::kContinueUntilProgressionSupplierPays,
     "CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS"},
    {OngoingTreatment::kContinueAtPublicCost, "CONTINUE_AT_PUBLIC_COST"},
    {OngoingTreatment::kStopWithTapering, "STOP_WITH_TAPERING"},
};

inline constexpr EnumText<ExitPayer> kExitPayerTexts[] = {
    {ExitPayer::kSupplier, "PAYER_SUPPLIER"},
    {ExitPayer::kPublic, "PAYER_PUBLIC"},
    {ExitPayer::kShared, "PAYER_SHARED"},
};

// due_items.kind: the first two from the tracking tables, the others from
// the agreements (storage/tracking/due_items_schema.cc).
inline constexpr EnumText<DueItemKind> kDueItemKindTexts[] = {
    {DueItemKind::kReassessment, "REASSESSMENT"},
    {DueItemKind::kDataObligation, "DATA_OBLIGATION"},
    {DueItemKind::kAgreementExpiry, "AGREEMENT_EXPIRY"},
    {DueItemKind::kOutcomeTrigger, "OUTCOME_TRIGGER"},
};

}  // namespace mea::storage::tracking

#endif  // MEA_STORAGE_TRACKING_ENUM_TEXTS_H_
