// Building blocks of the hostile corpus (hostile_cases.h): how a case is
// made from a request message, and the hostile values the cases share.
#ifndef MEA_TESTS_RELIABILITY_HOSTILE_CASE_BUILDERS_H_
#define MEA_TESTS_RELIABILITY_HOSTILE_CASE_BUILDERS_H_

#include <functional>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "tests/reliability/hostile_cases.h"

namespace mea::testing::hostile {

using Code = grpc::StatusCode;
inline constexpr Code kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
inline constexpr Code kNotFound = grpc::StatusCode::NOT_FOUND;
inline constexpr Code kExists = grpc::StatusCode::ALREADY_EXISTS;
inline constexpr Code kPrecondition = grpc::StatusCode::FAILED_PRECONDITION;
inline constexpr Code kOk = grpc::StatusCode::OK;

inline const std::string kTracking = "/mea.v1.TrackingService/";
inline const std::string kAgreements = "/mea.v1.AgreementService/";
inline const std::string kAdmin = "/mea.v1.AdminService/";

// SQL that would do harm if it were ever spliced into a statement.
inline const std::string kSql = "x'); DROP TABLE methods; --";
inline const std::string kSqlOr = "' OR '1'='1";
// Not UTF-8: a lead byte without its continuation, and bytes that never
// occur in UTF-8. A proto3 string may not hold these.
inline const std::string kNotUtf8 = "ID\xC3\x28\xFF\xFE";

// `count` copies of `unit` ("ø" counts as one character, two bytes).
inline std::string Repeat(const std::string& unit, size_t count) {
  std::string text;
  text.reserve(unit.size() * count);
  for (size_t i = 0; i < count; ++i) text += unit;
  return text;
}

inline HostileCase Unary(std::string name, const std::string& rpc,
                         const google::protobuf::Message& request, Code code,
                         std::string path = "") {
  HostileCase c;
  c.name = std::move(name);
  c.rpc = rpc;
  // Serialises even strings that are not UTF-8 (protobuf only logs them),
  // which is exactly what a hostile client sends.
  request.SerializeToString(&c.payload);
  c.code = code;
  c.path = std::move(path);
  return c;
}

// A unary call whose answer is OK and passes `check`.
inline HostileCase Answered(
    std::string name, const std::string& rpc,
    const google::protobuf::Message& request,
    std::function<std::string(const std::string&)> check) {
  HostileCase c = Unary(std::move(name), rpc, request, kOk);
  c.check = std::move(check);
  return c;
}

// One UploadResults stream of `batches`.
inline HostileCase Stream(std::string name,
                          const std::vector<v1::ResultsBatch>& batches,
                          Code code, std::string path = "") {
  HostileCase c;
  c.name = std::move(name);
  c.rpc = kAgreements + "UploadResults";
  c.streaming = true;
  for (const v1::ResultsBatch& batch : batches) {
    *c.stream.emplace_back().mutable_batch() = batch;
  }
  c.code = code;
  c.path = std::move(path);
  return c;
}

// The response, parsed as `Response`, holds no row in `count(response)`.
template <typename Response>
std::function<std::string(const std::string&)> NoRows(
    std::function<int(const Response&)> count) {
  return [count](const std::string& bytes) -> std::string {
    Response response;
    if (!response.ParseFromString(bytes)) return "unparsable response";
    const int rows = count(response);
    return rows == 0 ? ""
                     : "the filter matched " + std::to_string(rows) + " rows";
  };
}

std::vector<HostileCase> TrackingCases(const HostileFixture& fixture);
std::vector<HostileCase> FollowUpCases(const HostileFixture& fixture);
std::vector<HostileCase> AgreementCases(const HostileFixture& fixture);
std::vector<HostileCase> ResultsAndSettlementCases(
    const HostileFixture& fixture);

}  // namespace mea::testing::hostile

#endif  // MEA_TESTS_RELIABILITY_HOSTILE_CASE_BUILDERS_H_
