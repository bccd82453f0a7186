// Valid requests to start from, for the reliability tests and the load
// generator: each hostile case breaks one thing in one of these, and the
// crash test and the load generator write them by the thousand.
#ifndef MEA_TESTS_RELIABILITY_SAMPLE_REQUESTS_H_
#define MEA_TESTS_RELIABILITY_SAMPLE_REQUESTS_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"

namespace mea::testing::samples {

// A method with every descriptive field set.
v1::Method Method(const std::string& id);

// An INTRODUCED decision by Beslutningsforum.
v1::Decision IntroducedDecision(const std::string& method_id,
                                const std::string& date = "2025-06-16");

// A temporary introduction (midlertidig innføring) with a full follow-up
// plan: outcome measures "orr" and "pfs", two data obligations (due
// 2025-12-01 and 2026-06-01), reassessment by 2027-06-16, an exit plan.
v1::Decision TemporaryDecision(const std::string& method_id,
                               const std::string& date = "2025-06-16");

// An ACTIVE agreement valid 2025-01-01 to 2026-12-31 with a flat discount,
// a price-volume clause and an expenditure cap.
v1::Agreement Agreement(const std::string& id, const std::string& method_id);

// A batch of `rows` aggregate dispensings (no patient) dated in 2025, with
// units derived from `seed`, so that different batches differ.
v1::ResultsBatch DispensingBatch(const std::string& agreement_id,
                                 const std::string& batch_id, int rows,
                                 int seed = 0);

// A batch of one patient with an assessment and a dispensing.
v1::ResultsBatch PatientBatch(const std::string& agreement_id,
                              const std::string& batch_id,
                              const std::string& patient_id);

// The 2025 settlement request of `agreement_id` as of 2026-02-01.
v1::SettleAgreementRequest Settle2025(const std::string& agreement_id);

// Streams `batches` in one UploadResults call (deadline `seconds`) and
// returns the final status; the receipts land in `response`.
grpc::Status Upload(v1::AgreementService::Stub& stub,
                    const std::vector<v1::ResultsBatch>& batches,
                    v1::UploadResultsResponse* response, int seconds = 30);

}  // namespace mea::testing::samples

#endif  // MEA_TESTS_RELIABILITY_SAMPLE_REQUESTS_H_
