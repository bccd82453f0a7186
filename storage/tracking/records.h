// Typed values of the tracking area as storage reads and writes them: the
// service validates a request into these records (dates as absl::CivilDay,
// decimals as rules::Decimal, enums as the enum classes below) and maps
// them back to proto messages, adding what is derived from today (overdue).
//
// The enums are storage's own, not the API's: storage/ never sees a
// protobuf type, and services/tracking/mapping.h maps each API enum to one
// of these at the edge. They have no "unspecified" value, because storage
// never holds one: where absence means something (a filter that matches
// every value, the outcome of a reassessment still open) the field is a
// std::optional. Each is stored as a fixed text (enum_texts.h).
#ifndef MEA_STORAGE_TRACKING_RECORDS_H_
#define MEA_STORAGE_TRACKING_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "rules/decimal.h"

namespace mea::storage::tracking {

// A method's status, derived from its current decision.
enum class MethodStatus {
  kAwaitingDecision,
  kIntroduced,
  kIntroducedTemporarily,
  kNotIntroduced,
  kGroupExemption,
  kPhasedOut,
};

enum class IntroductionType {
  kIntroduced,
  // Midlertidig innføring: the only type with a follow-up plan.
  kIntroducedTemporarily,
  kNotIntroduced,
  // Gruppeunntak, granted by the medical directors.
  kGroupExemption,
  kPhasedOut,
};

// Who decided.
enum class DecisionBody { kBeslutningsforum, kMedicalDirectors };

// Where an outcome measure's or a data obligation's data come from.
enum class DataSource {
  kCompanyStudy,
  kCancerRegistry,
  kNpr,
  kQualityRegistry,
  kProm,
  kObservationalStudy,
};

enum class MeasureKind { kProportion, kMedianTime, kMeanScore, kCount };

// Whether the observed value must be at least or at most the expected one.
enum class MeasureDirection { kAtLeast, kAtMost };

enum class ResponsibleRole { kSupplier, kRegistry, kHospital, kAgency };

enum class ObligationState { kPending, kDelivered, kWaived };

enum class ReassessmentState { kScheduled, kUnderAssessment, kCompleted };

enum class ReassessmentOutcome {
  kPermanentIntroduction,
  kRenegotiatePrice,
  kPhaseOut,
  kPhaseOutExceptSubgroup,
  // Moves the deadline and leaves the reassessment open: recorded as a
  // ReassessmentExtensionRecord, never as a completed outcome (the schema
  // refuses it there).
  kExtension,
};

enum class OngoingTreatment {
  kContinueUntilProgressionSupplierPays,
  kContinueAtPublicCost,
  kStopWithTapering,
};

enum class ExitPayer { kSupplier, kPublic, kShared };

enum class DueItemKind {
  kReassessment,
  kDataObligation,
  kAgreementExpiry,
  kOutcomeTrigger,
};

struct MethodRecord {
  std::string id;
  std::string title;
  std::string active_substance;
  std::string brand_name;
  std::string indication;
  std::string supplier;
  std::string therapeutic_area;
  // Derived on read from the current decision.
  MethodStatus status = MethodStatus::kAwaitingDecision;
  std::string create_time;
  std::string update_time;
};

struct OutcomeMeasureRecord {
  int64_t id = 0;
  std::string name;
  std::string description;
  MeasureKind kind = MeasureKind::kProportion;
  std::string unit;
  rules::Decimal expected_value;
  MeasureDirection direction = MeasureDirection::kAtLeast;
  int32_t evaluation_weeks = 0;
  DataSource data_source = DataSource::kCompanyStudy;
};

struct DataObligationRecord {
  int64_t id = 0;
  int64_t decision_id = 0;
  std::string method_id;
  std::string description;
  // Names of outcome measures of the same plan.
  std::vector<std::string> outcome_measures;
  DataSource source = DataSource::kCompanyStudy;
  std::string responsible_organisation;
  ResponsibleRole responsible_role = ResponsibleRole::kSupplier;
  absl::CivilDay due_date;
  ObligationState state = ObligationState::kPending;
  std::optional<absl::CivilDay> delivered_date;
  std::string delivery_reference;
  // Set exactly when WAIVED.
  std::optional<std::string> waiver_reason;
};

struct ReassessmentExtensionRecord {
  absl::CivilDay previous_deadline;
  absl::CivilDay new_deadline;
  std::string reason;
  absl::CivilDay decided_date;
};

struct ReassessmentRecord {
  int64_t decision_id = 0;
  absl::CivilDay deadline;
  ReassessmentState state = ReassessmentState::kScheduled;
  // The final outcome; set exactly when COMPLETED.
  std::optional<ReassessmentOutcome> outcome;
  std::string subgroup;
  std::string reason;
  std::optional<absl::CivilDay> completed_date;
  // 0 until COMPLETED.
  int64_t resulting_decision_id = 0;
  // Oldest first.
  std::vector<ReassessmentExtensionRecord> extensions;
};

struct ExitPlanRecord {
  int32_t no_new_patients_after_days = 0;
  OngoingTreatment ongoing_treatment =
      OngoingTreatment::kContinueUntilProgressionSupplierPays;
  ExitPayer payer = ExitPayer::kSupplier;
  std::string notes;
};

struct FollowUpPlanRecord {
  std::vector<OutcomeMeasureRecord> outcome_measures;
  std::vector<DataObligationRecord> data_obligations;
  ReassessmentRecord reassessment;
  ExitPlanRecord exit_plan;
};

struct DecisionRecord {
  int64_t id = 0;
  std::string method_id;
  absl::CivilDay decision_date;
  DecisionBody body = DecisionBody::kBeslutningsforum;
  IntroductionType introduction_type = IntroductionType::kIntroduced;
  std::string conditions;
  // 0 = none.
  int64_t supersedes_decision_id = 0;
  // Derived on read; 0 = current.
  int64_t superseded_by_decision_id = 0;
  // Present exactly for INTRODUCED_TEMPORARILY.
  std::optional<FollowUpPlanRecord> follow_up;
  std::string create_time;
};

// One row of the due_items view, joined with its method.
struct DueItemRecord {
  DueItemKind kind = DueItemKind::kReassessment;
  absl::CivilDay due_date;
  std::string method_id;
  std::string method_title;
  std::string therapeutic_area;
  std::string responsible_organisation;
  std::string description;
  int64_t decision_id = 0;
  int64_t data_obligation_id = 0;
  std::string agreement_id;
  int64_t settlement_number = 0;
};

}  // namespace mea::storage::tracking

#endif  // MEA_STORAGE_TRACKING_RECORDS_H_
