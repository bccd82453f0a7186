// Maps tracking records from storage to the proto messages of the API,
// adding what is derived from the server's today: the overdue flags and the
// days until a due item is due. Nothing derived is ever stored.
#ifndef MEA_SERVICES_TRACKING_MAPPING_H_
#define MEA_SERVICES_TRACKING_MAPPING_H_

#include "absl/time/civil_time.h"
#include "mea/v1/tracking.pb.h"
#include "storage/tracking/records.h"

namespace mea::services::tracking_mapping {

v1::Method ToProto(const storage::MethodRecord& method);

// Overdue: PENDING and due before `today`.
v1::DataObligation ToProto(const storage::DataObligationRecord& obligation,
                           absl::CivilDay today);

// Overdue: not COMPLETED and the deadline is before `today`.
v1::Reassessment ToProto(const storage::ReassessmentRecord& reassessment,
                         absl::CivilDay today);

v1::Decision ToProto(const storage::DecisionRecord& decision,
                     absl::CivilDay today);

// Overdue: due before `today` (due items are open by definition).
v1::DueItem ToProto(const storage::DueItemRecord& item, absl::CivilDay today);

}  // namespace mea::services::tracking_mapping

#endif  // MEA_SERVICES_TRACKING_MAPPING_H_
