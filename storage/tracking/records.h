// Typed values of the tracking area as storage reads and writes them: the
// service validates a request into these records (dates as absl::CivilDay,
// decimals as rules::Decimal, enums as the proto enum types) and maps them
// back to proto messages, adding what is derived from today (overdue).
#ifndef MEA_STORAGE_TRACKING_RECORDS_H_
#define MEA_STORAGE_TRACKING_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "mea/v1/tracking.pb.h"
#include "rules/decimal.h"

namespace mea::storage {

struct MethodRecord {
  std::string id;
  std::string title;
  std::string active_substance;
  std::string brand_name;
  std::string indication;
  std::string supplier;
  std::string therapeutic_area;
  // Derived on read from the current decision.
  v1::Method::Status status = v1::Method::AWAITING_DECISION;
  std::string create_time;
  std::string update_time;
};

struct OutcomeMeasureRecord {
  int64_t id = 0;
  std::string name;
  std::string description;
  v1::OutcomeMeasure::Kind kind = v1::OutcomeMeasure::KIND_UNSPECIFIED;
  std::string unit;
  rules::Decimal expected_value;
  v1::OutcomeMeasure::Direction direction =
      v1::OutcomeMeasure::DIRECTION_UNSPECIFIED;
  int32_t evaluation_weeks = 0;
  v1::DataSource data_source = v1::DATA_SOURCE_UNSPECIFIED;
};

struct DataObligationRecord {
  int64_t id = 0;
  int64_t decision_id = 0;
  std::string method_id;
  std::string description;
  // Names of outcome measures of the same plan.
  std::vector<std::string> outcome_measures;
  v1::DataSource source = v1::DATA_SOURCE_UNSPECIFIED;
  std::string responsible_organisation;
  v1::DataObligation::ResponsibleRole responsible_role =
      v1::DataObligation::RESPONSIBLE_ROLE_UNSPECIFIED;
  absl::CivilDay due_date;
  v1::DataObligation::State state = v1::DataObligation::PENDING;
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
  v1::Reassessment::State state = v1::Reassessment::SCHEDULED;
  // The final outcome; unspecified until COMPLETED.
  v1::Reassessment::Outcome outcome = v1::Reassessment::OUTCOME_UNSPECIFIED;
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
  v1::ExitPlan::OngoingTreatment ongoing_treatment =
      v1::ExitPlan::ONGOING_TREATMENT_UNSPECIFIED;
  v1::ExitPlan::Payer payer = v1::ExitPlan::PAYER_UNSPECIFIED;
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
  v1::Decision::Body body = v1::Decision::BODY_UNSPECIFIED;
  v1::Decision::IntroductionType introduction_type =
      v1::Decision::INTRODUCTION_TYPE_UNSPECIFIED;
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
  v1::DueItem::Kind kind = v1::DueItem::KIND_UNSPECIFIED;
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

}  // namespace mea::storage

#endif  // MEA_STORAGE_TRACKING_RECORDS_H_
