#include "tests/agreements/agreement_fixtures.h"

#include <fstream>
#include <sstream>

#include "google/protobuf/util/json_util.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"

namespace mea::testing {

void AgreementTest::CreateMethod(const std::string& id) {
  v1::CreateMethodRequest request;
  v1::Method* method = request.mutable_method();
  method->set_id(id);
  method->set_title("Testmetode " + id);
  method->set_active_substance("testinib");
  method->set_supplier("Leverandør AS");
  method->set_therapeutic_area("Onkologi");
  v1::Method created;
  grpc::ClientContext call;
  grpc::Status status = tracking_->CreateMethod(&call, request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

int64_t AgreementTest::CreateDecision(const std::string& method_id) {
  v1::CreateDecisionRequest request;
  v1::Decision* decision = request.mutable_decision();
  decision->set_method_id(method_id);
  decision->set_decision_date("2025-06-16");
  decision->set_body(v1::Decision::BESLUTNINGSFORUM);
  decision->set_introduction_type(v1::Decision::INTRODUCED);
  decision->set_conditions("Innføres.");
  v1::Decision created;
  grpc::ClientContext call;
  grpc::Status status = tracking_->CreateDecision(&call, request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return created.id();
}

v1::Agreement AgreementTest::SampleAgreement(const std::string& id,
                                             const std::string& method_id) {
  v1::Agreement agreement;
  const char* json = R"json({
    "supplier": "Leverandør AS",
    "valid_from": "2025-01-01",
    "valid_to": "2026-12-31",
    "title": "Prøveavtale",
    "unit_price": "45210.50",
    "clauses": [
      {"flat_discount": {"percent": "7.25"}},
      {"price_volume": {"basis": "ALL_UNITS", "tiers": [
        {"above_units": 0, "percent": "0"},
        {"above_units": 500, "percent": "12.5"}]}},
      {"expenditure_cap": {"cap": "98765432.10"}}
    ]})json";
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(json, &agreement).ok());
  agreement.set_id(id);
  agreement.set_method_id(method_id);
  return agreement;
}

v1::Agreement AgreementTest::AgreementOf(const v1::AgreementTerms& terms,
                                         v1::Agreement::State state) {
  v1::Agreement agreement;
  agreement.set_id(terms.id());
  agreement.set_method_id(terms.method_id());
  agreement.set_unit_price(terms.unit_price());
  *agreement.mutable_clauses() = terms.clauses();
  agreement.set_supplier("Leverandør AS");
  agreement.set_valid_from("2024-01-01");
  agreement.set_valid_to("2027-12-31");
  agreement.set_state(state);
  return agreement;
}

grpc::Status AgreementTest::Create(const v1::Agreement& agreement,
                                   v1::Agreement* created) {
  v1::CreateAgreementRequest request;
  *request.mutable_agreement() = agreement;
  v1::Agreement response;
  grpc::ClientContext call;
  grpc::Status status = agreements_->CreateAgreement(&call, request, &response);
  if (created != nullptr) *created = response;
  return status;
}

grpc::Status AgreementTest::Get(const std::string& id,
                                v1::Agreement* agreement) {
  v1::GetAgreementRequest request;
  request.set_id(id);
  grpc::ClientContext call;
  return agreements_->GetAgreement(&call, request, agreement);
}

grpc::Status AgreementTest::Update(const v1::Agreement& agreement,
                                   const std::vector<std::string>& mask,
                                   v1::Agreement* updated) {
  v1::UpdateAgreementRequest request;
  *request.mutable_agreement() = agreement;
  for (const std::string& path : mask) {
    request.mutable_update_mask()->add_paths(path);
  }
  v1::Agreement response;
  grpc::ClientContext call;
  grpc::Status status = agreements_->UpdateAgreement(&call, request, &response);
  if (updated != nullptr) *updated = response;
  return status;
}

grpc::Status AgreementTest::Upload(const std::vector<v1::ResultsBatch>& batches,
                                   v1::UploadResultsResponse* response) {
  v1::UploadResultsResponse answer;
  grpc::ClientContext call;
  auto writer = agreements_->UploadResults(&call, &answer);
  for (const v1::ResultsBatch& batch : batches) {
    v1::UploadResultsRequest request;
    *request.mutable_batch() = batch;
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (response != nullptr) *response = answer;
  return status;
}

grpc::Status AgreementTest::Settle(const std::string& agreement_id,
                                   const std::string& start,
                                   const std::string& end,
                                   const std::string& as_of,
                                   v1::StoredSettlement* stored) {
  v1::SettleAgreementRequest request;
  request.set_agreement_id(agreement_id);
  request.mutable_period()->set_start(start);
  request.mutable_period()->set_end(end);
  request.set_as_of(as_of);
  grpc::ClientContext call;
  return agreements_->SettleAgreement(&call, request, stored);
}

grpc::Status AgreementTest::SimulateStored(
    const std::string& agreement_id, const std::string& start,
    const std::string& end, const std::string& as_of,
    v1::SimulateSettlementResponse* response) {
  v1::SimulateSettlementRequest request;
  v1::StoredResultsDraft* draft = request.mutable_stored();
  draft->set_agreement_id(agreement_id);
  draft->mutable_period()->set_start(start);
  draft->mutable_period()->set_end(end);
  draft->set_as_of(as_of);
  grpc::ClientContext call;
  return agreements_->SimulateSettlement(&call, request, response);
}

v1::ResultsBatch AgreementTest::BatchOf(const std::string& agreement_id,
                                        const std::string& batch_id,
                                        const v1::Results& results) {
  v1::ResultsBatch batch;
  batch.set_agreement_id(agreement_id);
  batch.set_batch_id(batch_id);
  *batch.mutable_dispensings() = results.dispensings();
  *batch.mutable_patients() = results.patients();
  *batch.mutable_group_outcomes() = results.group_outcomes();
  return batch;
}

void AgreementTest::LoadExample(const v1::EvaluationInput& example) {
  CreateMethod(example.agreement().method_id());
  const std::string& id = example.agreement().id();
  ASSERT_TRUE(
      Create(AgreementOf(example.agreement(), v1::Agreement::ACTIVE)).ok());
  v1::Results patients;
  *patients.mutable_patients() = example.results().patients();
  v1::Results rest = example.results();
  rest.clear_patients();
  std::vector<v1::ResultsBatch> batches;
  if (patients.patients_size() > 0) {
    batches.push_back(BatchOf(id, "patients-1", patients));
  }
  batches.push_back(BatchOf(id, "rest-1", rest));
  grpc::Status status = Upload(batches);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

std::string ExamplePath(const std::string& name) {
  return std::string(MEA_EXAMPLES_DIR) + "/" + name;
}

v1::EvaluationInput ReadExample(const std::string& name) {
  v1::EvaluationInput input;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      ReadFile(ExamplePath(name + ".json")), &input);
  EXPECT_TRUE(parsed.ok()) << parsed.ToString();
  return input;
}

v1::Settlement ParseSettlementJson(const std::string& json) {
  v1::Settlement settlement;
  auto parsed = google::protobuf::util::JsonStringToMessage(json, &settlement);
  EXPECT_TRUE(parsed.ok()) << parsed.ToString() << "\n" << json;
  return settlement;
}

v1::Settlement ReadExpectedSettlement(const std::string& name) {
  return ParseSettlementJson(ReadFile(ExamplePath(name + ".settlement.json")));
}

std::vector<std::string> ViolationFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation :
       ViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(violation.field);
  }
  return fields;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

v1::Settlement WithoutExplanations(v1::Settlement settlement) {
  for (v1::SettlementLine& line : *settlement.mutable_lines()) {
    line.clear_explanation();
  }
  return settlement;
}

}  // namespace mea::testing
