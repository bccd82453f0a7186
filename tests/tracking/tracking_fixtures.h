// Builders and call helpers shared by the tracking tests: valid requests to
// start from (each test breaks one thing), calls that return status and
// answer together, and row counts read straight from the database file.
#ifndef MEA_TESTS_TRACKING_TRACKING_FIXTURES_H_
#define MEA_TESTS_TRACKING_TRACKING_FIXTURES_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "tests/support/test_server.h"

namespace mea::testing {

// The TestServer's default today.
inline constexpr absl::CivilDay kToday(2026, 3, 2);

std::string Day(absl::CivilDay day);

v1::Method ValidMethod(const std::string& id,
                       const std::string& area = "Onkologi");

// An INTRODUCED decision of `method_id` dated `date`.
v1::Decision IntroducedDecision(const std::string& method_id,
                                absl::CivilDay date);

// A temporary introduction dated `date` with a full follow-up plan: two
// outcome measures ("orr", "pfs"), two data obligations due `date` + 100
// (Kreftregisteret) and `date` + 200 (the supplier), reassessment deadline
// `date` + 365, and an exit plan.
v1::Decision TemporaryDecision(const std::string& method_id,
                               absl::CivilDay date);

template <typename Response>
struct Answer {
  grpc::Status status;
  Response response;
};

// Calls one RPC of `stub` with a fresh client context.
#define CALL(stub, Rpc, request, ResponseType)                              \
  ([&]() {                                                                  \
    ::grpc::ClientContext call_context;                                     \
    ::mea::testing::Answer<ResponseType> answer;                            \
    answer.status = (stub).Rpc(&call_context, (request), &answer.response); \
    return answer;                                                          \
  }())

void CreateMethodOrFail(v1::TrackingService::Stub& stub,
                        const v1::Method& method);
Answer<v1::Decision> CreateDecision(v1::TrackingService::Stub& stub,
                                    const v1::Decision& decision);
// Creates the decision and fails the test when refused.
v1::Decision CreateDecisionOrFail(v1::TrackingService::Stub& stub,
                                  const v1::Decision& decision);

// The field paths of the BadRequest carried by `status`, in order.
std::vector<std::string> FieldPaths(const grpc::Status& status);
// "path: description" of the violation at `path`, or "" when none.
std::string ViolationAt(const grpc::Status& status, const std::string& path);

// SELECT COUNT(*) FROM `table`, read from the server's database file.
int64_t CountRows(TestServer& server, const std::string& table);

}  // namespace mea::testing

#endif  // MEA_TESTS_TRACKING_TRACKING_FIXTURES_H_
