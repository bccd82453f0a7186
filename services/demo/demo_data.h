// Realistic demo data for a fresh database, created through the public API
// (an in-process channel), with every date relative to `today` so that the
// demo never goes stale: some items overdue, some due soon, some later.
#ifndef MEA_SERVICES_DEMO_DEMO_DATA_H_
#define MEA_SERVICES_DEMO_DEMO_DATA_H_

#include <grpcpp/channel.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace mea::services::demo {

// Methods, decisions and follow-up plans (services/demo/tracking.cc).
absl::Status LoadTrackingDemo(const std::shared_ptr<grpc::Channel>& channel,
                              absl::CivilDay today);
// Agreements, results and settlements for the demo methods
// (services/demo/agreements.cc). Runs after LoadTrackingDemo.
absl::Status LoadAgreementDemo(const std::shared_ptr<grpc::Channel>& channel,
                               absl::CivilDay today);

}  // namespace mea::services::demo

#endif  // MEA_SERVICES_DEMO_DEMO_DATA_H_
