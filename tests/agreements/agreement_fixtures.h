// Shared setup of the agreement tests: methods and decisions created
// through the real TrackingService, agreements and results through the
// real AgreementService, the worked examples of ../shared/examples, and the
// violations carried by a refused call.
#ifndef MEA_TESTS_AGREEMENTS_AGREEMENT_FIXTURES_H_
#define MEA_TESTS_AGREEMENTS_AGREEMENT_FIXTURES_H_

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "tests/support/test_server.h"

namespace mea::testing {

// The three worked examples.
inline const char* const kExamples[] = {
    "price-volume-with-cap", "payment-by-result", "impress-expansion-cohort"};

// A fresh server (today 2026-03-02) with stubs, and helpers that fail the
// test when a setup call fails.
class AgreementTest : public ::testing::Test {
 protected:
  AgreementTest()
      : tracking_(server_.Tracking()), agreements_(server_.Agreements()) {}

  // Registers method `id` (a Nye metoder case id).
  void CreateMethod(const std::string& id);
  // Records an INTRODUCED decision on the method; returns its id.
  int64_t CreateDecision(const std::string& method_id);

  // A valid DRAFT agreement with a flat discount and a price-volume clause.
  static v1::Agreement SampleAgreement(const std::string& id,
                                       const std::string& method_id);
  // The agreement resource for the terms of a worked example.
  static v1::Agreement AgreementOf(const v1::AgreementTerms& terms,
                                   v1::Agreement::State state);

  grpc::Status Create(const v1::Agreement& agreement,
                      v1::Agreement* created = nullptr);
  grpc::Status Get(const std::string& id, v1::Agreement* agreement);
  grpc::Status Update(const v1::Agreement& agreement,
                      const std::vector<std::string>& mask,
                      v1::Agreement* updated = nullptr);
  grpc::Status Upload(const std::vector<v1::ResultsBatch>& batches,
                      v1::UploadResultsResponse* response = nullptr);
  grpc::Status Settle(const std::string& agreement_id, const std::string& start,
                      const std::string& end, const std::string& as_of,
                      v1::StoredSettlement* stored);
  grpc::Status SimulateStored(const std::string& agreement_id,
                              const std::string& start, const std::string& end,
                              const std::string& as_of,
                              v1::SimulateSettlementResponse* response);

  // Creates the method, an ACTIVE agreement with the example's terms and
  // uploads its results (patients first, then the rest) as two batches.
  void LoadExample(const v1::EvaluationInput& example);

  // A batch of `results` for the agreement.
  static v1::ResultsBatch BatchOf(const std::string& agreement_id,
                                  const std::string& batch_id,
                                  const v1::Results& results);

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
};

// EXAMPLES_DIR/NAME.json and NAME.settlement.json.
std::string ExamplePath(const std::string& name);
v1::EvaluationInput ReadExample(const std::string& name);
v1::Settlement ReadExpectedSettlement(const std::string& name);
v1::Settlement ParseSettlementJson(const std::string& json);

// The field paths of the BadRequest carried by `status`.
std::vector<std::string> ViolationFields(const grpc::Status& status);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

// The settlement without explanations (the example files have none).
v1::Settlement WithoutExplanations(v1::Settlement settlement);

}  // namespace mea::testing

#endif  // MEA_TESTS_AGREEMENTS_AGREEMENT_FIXTURES_H_
