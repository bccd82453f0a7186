// The corpus of hostile and malformed requests of hostile_input_test.cc:
// every RPC of TrackingService, AgreementService and AdminService, each
// case with the status code it must get and, for INVALID_ARGUMENT, a field
// path the google.rpc.BadRequest must name. None of them may write.
#ifndef MEA_TESTS_RELIABILITY_HOSTILE_CASES_H_
#define MEA_TESTS_RELIABILITY_HOSTILE_CASES_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mea/v1/agreements.pb.h"

namespace mea::testing {

// What the corpus refers to, created before it runs.
struct HostileFixture {
  std::string method_id;        // with a temporary decision
  std::string other_method_id;  // with an INTRODUCED decision
  int64_t temporary_decision_id = 0;
  int64_t introduced_decision_id = 0;
  int64_t obligation_id = 0;  // PENDING
  int64_t delivered_obligation_id = 0;
  std::string agreement_id;        // ACTIVE, with results and settlement 1
  std::string methods_page_token;  // page 2 of ListMethods, no filter
  std::string database_path;
  std::string backup_dir;  // mead --backup_dir, holds "existing.db"
};

struct HostileCase {
  std::string name;
  // Full method name, e.g. "/mea.v1.TrackingService/CreateMethod".
  std::string rpc;
  // The serialized request of a unary call (possibly not a valid message).
  std::string payload;
  // The requests of a client stream (UploadResults) instead.
  bool streaming = false;
  std::vector<v1::UploadResultsRequest> stream;
  grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
  // For INVALID_ARGUMENT: a field violation with exactly this path.
  std::string path;
  // For OK: checks the serialized response; "" when it is right.
  std::function<std::string(const std::string&)> check;
};

std::vector<HostileCase> HostileCorpus(const HostileFixture& fixture);

}  // namespace mea::testing

#endif  // MEA_TESTS_RELIABILITY_HOSTILE_CASES_H_
