// The edge between the API and storage for the tracking area.
//
// Records from storage become the proto messages of the API, with what is
// derived from the server's today added: the overdue flags and the days
// until a due item is due. Nothing derived is ever stored.
//
// Enums are mapped both ways, one table per enum in mapping.cc: the API's
// value to storage's (nullopt for the UNSPECIFIED zero and for numbers the
// API does not define) and back. Every API value but zero has a storage
// value and the other way round; tests/tracking/enum_mapping_test.cc walks
// the proto descriptors to keep it so.
#ifndef MEA_SERVICES_TRACKING_MAPPING_H_
#define MEA_SERVICES_TRACKING_MAPPING_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "common/field_violations.h"
#include "mea/v1/tracking.pb.h"
#include "services/rpc/fields.h"
#include "storage/tracking/records.h"

namespace mea::services::tracking {

// Records -------------------------------------------------------------------

v1::Method ToProto(const storage::tracking::MethodRecord& method);

// Overdue: PENDING and due before `today`.
v1::DataObligation ToProto(
    const storage::tracking::DataObligationRecord& obligation,
    absl::CivilDay today);

// Overdue: not COMPLETED and the deadline is before `today`.
v1::Reassessment ToProto(
    const storage::tracking::ReassessmentRecord& reassessment,
    absl::CivilDay today);

v1::Decision ToProto(const storage::tracking::DecisionRecord& decision,
                     absl::CivilDay today);

// Overdue: due before `today` (due items are open by definition).
v1::DueItem ToProto(const storage::tracking::DueItemRecord& item,
                    absl::CivilDay today);

// Enums ---------------------------------------------------------------------

std::optional<storage::tracking::MethodStatus> FromProto(
    v1::Method::Status value);
std::optional<storage::tracking::IntroductionType> FromProto(
    v1::Decision::IntroductionType value);
std::optional<storage::tracking::DecisionBody> FromProto(
    v1::Decision::Body value);
std::optional<storage::tracking::DataSource> FromProto(v1::DataSource value);
std::optional<storage::tracking::MeasureKind> FromProto(
    v1::OutcomeMeasure::Kind value);
std::optional<storage::tracking::MeasureDirection> FromProto(
    v1::OutcomeMeasure::Direction value);
std::optional<storage::tracking::ResponsibleRole> FromProto(
    v1::DataObligation::ResponsibleRole value);
std::optional<storage::tracking::ObligationState> FromProto(
    v1::DataObligation::State value);
std::optional<storage::tracking::ReassessmentState> FromProto(
    v1::Reassessment::State value);
std::optional<storage::tracking::ReassessmentOutcome> FromProto(
    v1::Reassessment::Outcome value);
std::optional<storage::tracking::OngoingTreatment> FromProto(
    v1::ExitPlan::OngoingTreatment value);
std::optional<storage::tracking::ExitPayer> FromProto(
    v1::ExitPlan::Payer value);
std::optional<storage::tracking::DueItemKind> FromProto(
    v1::DueItem::Kind value);

v1::Method::Status ToProto(storage::tracking::MethodStatus value);
v1::Decision::IntroductionType ToProto(
    storage::tracking::IntroductionType value);
v1::Decision::Body ToProto(storage::tracking::DecisionBody value);
v1::DataSource ToProto(storage::tracking::DataSource value);
v1::OutcomeMeasure::Kind ToProto(storage::tracking::MeasureKind value);
v1::OutcomeMeasure::Direction ToProto(
    storage::tracking::MeasureDirection value);
v1::DataObligation::ResponsibleRole ToProto(
    storage::tracking::ResponsibleRole value);
v1::DataObligation::State ToProto(storage::tracking::ObligationState value);
v1::Reassessment::State ToProto(storage::tracking::ReassessmentState value);
v1::Reassessment::Outcome ToProto(storage::tracking::ReassessmentOutcome value);
v1::ExitPlan::OngoingTreatment ToProto(
    storage::tracking::OngoingTreatment value);
v1::ExitPlan::Payer ToProto(storage::tracking::ExitPayer value);
v1::DueItem::Kind ToProto(storage::tracking::DueItemKind value);

// A request's enum field, checked as CheckEnum (services/rpc/fields.h)
// checks it (required, a value the API defines) and, when valid, mapped
// into `out` (a storage enum, or a std::optional of one). Returns whether
// it was valid; `out` is left alone otherwise.
template <typename Proto, typename Out>
bool CheckEnumInto(Proto value, const std::string& path, Out& out,
                   FieldViolations& violations) {
  if (!CheckEnum(value, path, violations)) return false;
  auto mapped = FromProto(value);
  if (!mapped.has_value()) {
    // Only when a value was added to the API without a mapping (the
    // mapping test fails first).
    violations.Add(path, "is not supported by this server");
    return false;
  }
  out = *mapped;
  return true;
}

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_MAPPING_H_
