// Small helpers for the tracking demo data (services/demo/tracking.cc):
// builders for the proto messages and a client that calls the public API,
// so the demo goes through the same validation as any other caller.
#ifndef MEA_SERVICES_DEMO_TRACKING_CLIENT_H_
#define MEA_SERVICES_DEMO_TRACKING_CLIENT_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mea/v1/tracking.grpc.pb.h"

namespace mea::services::demo {

class TrackingDemoClient {
 public:
  explicit TrackingDemoClient(const std::shared_ptr<grpc::Channel>& channel);

  absl::Status CreateMethod(const v1::Method& method);
  absl::StatusOr<v1::Decision> CreateDecision(const v1::Decision& decision);
  absl::Status Deliver(int64_t obligation_id, absl::CivilDay date,
                       const std::string& reference);
  absl::Status Waive(int64_t obligation_id, const std::string& reason);
  absl::Status StartReassessment(int64_t decision_id);
  absl::Status CompleteReassessment(
      const v1::CompleteReassessmentRequest& request);

 private:
  std::unique_ptr<v1::TrackingService::Stub> stub_;
};

v1::Method MakeMethod(const std::string& id, const std::string& title,
                      const std::string& substance, const std::string& brand,
                      const std::string& indication,
                      const std::string& supplier, const std::string& area);

// The body follows from the type: the medical directors for a group
// exemption, Beslutningsforum otherwise.
v1::Decision MakeDecision(const std::string& method_id, absl::CivilDay date,
                          v1::Decision::IntroductionType type,
                          const std::string& conditions);

v1::OutcomeMeasure MakeMeasure(const std::string& name,
                               const std::string& description,
                               v1::OutcomeMeasure::Kind kind,
                               const std::string& unit,
                               const std::string& expected_value,
                               v1::OutcomeMeasure::Direction direction,
                               int32_t evaluation_weeks, v1::DataSource source);

v1::DataObligation MakeObligation(const std::string& description,
                                  const std::vector<std::string>& measures,
                                  v1::DataSource source,
                                  const std::string& organisation,
                                  v1::DataObligation::ResponsibleRole role,
                                  absl::CivilDay due_date);

v1::ExitPlan MakeExitPlan(int32_t no_new_patients_after_days,
                          v1::ExitPlan::OngoingTreatment ongoing,
                          v1::ExitPlan::Payer payer, const std::string& notes);

}  // namespace mea::services::demo

#endif  // MEA_SERVICES_DEMO_TRACKING_CLIENT_H_
