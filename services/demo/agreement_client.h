// The calls the agreement demo makes through the public API (an in-process
// channel), and small builders for its dated rows. Used by
// services/demo/agreements.cc only.
#ifndef MEA_SERVICES_DEMO_AGREEMENT_CLIENT_H_
#define MEA_SERVICES_DEMO_AGREEMENT_CLIENT_H_

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"

namespace mea::services::demo {

class AgreementDemoClient {
 public:
  explicit AgreementDemoClient(const std::shared_ptr<grpc::Channel>& channel);

  // The method's current decision (the one no other supersedes); 0 when it
  // has none.
  absl::StatusOr<int64_t> CurrentDecision(const std::string& method_id);

  // Creates `agreement`, whose unit price and clauses come from
  // `terms_json` (AgreementTerms-like JSON: unit_price, clauses).
  absl::Status CreateAgreement(v1::Agreement agreement,
                               const std::string& terms_json);

  // Streams the batches through UploadResults.
  absl::Status Upload(const std::vector<v1::ResultsBatch>& batches);

  absl::Status Settle(const std::string& agreement_id, absl::CivilDay start,
                      absl::CivilDay end, absl::CivilDay as_of);

 private:
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
};

// `count` dispensings of `units` for `patient` ("" for aggregate volume),
// every `interval_days` from `first`.
void AddDispensings(v1::ResultsBatch& batch, const std::string& patient,
                    absl::CivilDay first, int count, int interval_days,
                    int64_t units);

}  // namespace mea::services::demo

#endif  // MEA_SERVICES_DEMO_AGREEMENT_CLIENT_H_
