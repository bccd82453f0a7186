#include "tests/reliability/sample_requests.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mea::testing::samples {
namespace {

v1::OutcomeMeasure Measure(const std::string& name,
                           const std::string& expected) {
  v1::OutcomeMeasure measure;
  measure.set_name(name);
  measure.set_description("Målt i Kreftregisteret (measured in the registry)");
  measure.set_kind(v1::OutcomeMeasure::PROPORTION);
  measure.set_unit("proportion");
  measure.set_expected_value(expected);
  measure.set_direction(v1::OutcomeMeasure::AT_LEAST);
  measure.set_evaluation_weeks(24);
  measure.set_data_source(v1::DATA_SOURCE_CANCER_REGISTRY);
  return measure;
}

v1::DataObligation Obligation(const std::string& organisation,
                              const std::string& measure,
                              v1::DataObligation::ResponsibleRole role,
                              const std::string& due) {
  v1::DataObligation obligation;
  obligation.set_description(
      absl::StrCat("Data om ", measure, " fra ", organisation));
  obligation.add_outcome_measures(measure);
  obligation.set_source(v1::DATA_SOURCE_CANCER_REGISTRY);
  obligation.set_responsible_organisation(organisation);
  obligation.set_responsible_role(role);
  obligation.set_due_date(due);
  return obligation;
}

}  // namespace

v1::Method Method(const std::string& id) {
  v1::Method method;
  method.set_id(id);
  method.set_title(absl::StrCat("Larotrektinib ved NTRK-fusjon (", id, ")"));
  method.set_active_substance("larotrektinib");
  method.set_brand_name("Vitrakvi");
  method.set_indication("Solide svulster med NTRK-genfusjon");
  method.set_supplier("Bayer AS");
  method.set_therapeutic_area("Onkologi");
  return method;
}

v1::Decision IntroducedDecision(const std::string& method_id,
                                const std::string& date) {
  v1::Decision decision;
  decision.set_method_id(method_id);
  decision.set_decision_date(date);
  decision.set_body(v1::Decision::BESLUTNINGSFORUM);
  decision.set_introduction_type(v1::Decision::INTRODUCED);
  decision.set_conditions("Innføres (introduced).");
  return decision;
}

v1::Decision TemporaryDecision(const std::string& method_id,
                               const std::string& date) {
  v1::Decision decision = IntroducedDecision(method_id, date);
  decision.set_introduction_type(v1::Decision::INTRODUCED_TEMPORARILY);
  decision.set_conditions("Midlertidig innføring (temporary introduction).");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = Measure("orr", "0.40");
  *plan->add_outcome_measures() = Measure("pfs", "0.25");
  *plan->add_data_obligations() = Obligation(
      "Kreftregisteret", "orr", v1::DataObligation::REGISTRY, "2025-12-01");
  *plan->add_data_obligations() =
      Obligation("Bayer AS", "pfs", v1::DataObligation::SUPPLIER, "2026-06-01");
  plan->mutable_reassessment()->set_deadline("2027-06-16");
  v1::ExitPlan* exit_plan = plan->mutable_exit_plan();
  exit_plan->set_no_new_patients_after_days(30);
  exit_plan->set_ongoing_treatment(
      v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS);
  exit_plan->set_payer(v1::ExitPlan::PAYER_SUPPLIER);
  exit_plan->set_notes("Ingen nye pasienter (no new patients) etter 30 dager.");
  return decision;
}

v1::Agreement Agreement(const std::string& id, const std::string& method_id) {
  v1::Agreement agreement;
  agreement.set_id(id);
  agreement.set_method_id(method_id);
  agreement.set_supplier("Bayer AS");
  agreement.set_state(v1::Agreement::ACTIVE);
  agreement.set_valid_from("2025-01-01");
  agreement.set_valid_to("2026-12-31");
  agreement.set_title("Pris-volum-avtale (price-volume agreement)");
  agreement.set_unit_price("45210.50");
  agreement.add_clauses()->mutable_flat_discount()->set_percent("7.25");
  v1::PriceVolume* volume = agreement.add_clauses()->mutable_price_volume();
  volume->set_basis("ALL_UNITS");
  v1::PriceVolumeTier* tier = volume->add_tiers();
  tier->set_above_units(0);
  tier->set_percent("0");
  tier = volume->add_tiers();
  tier->set_above_units(500);
  tier->set_percent("12.5");
  agreement.add_clauses()->mutable_expenditure_cap()->set_cap("98765432.10");
  return agreement;
}

v1::ResultsBatch DispensingBatch(const std::string& agreement_id,
                                 const std::string& batch_id, int rows,
                                 int seed) {
  v1::ResultsBatch batch;
  batch.set_agreement_id(agreement_id);
  batch.set_batch_id(batch_id);
  for (int i = 0; i < rows; ++i) {
    v1::Dispensing* dispensing = batch.add_dispensings();
    dispensing->set_date(absl::StrFormat("2025-%02d-%02d", 1 + (i + seed) % 12,
                                         1 + (i * 7 + seed) % 28));
    dispensing->set_units(1 + (i + seed) % 5);
  }
  return batch;
}

v1::ResultsBatch PatientBatch(const std::string& agreement_id,
                              const std::string& batch_id,
                              const std::string& patient_id) {
  v1::ResultsBatch batch;
  batch.set_agreement_id(agreement_id);
  batch.set_batch_id(batch_id);
  v1::PatientRecord* patient = batch.add_patients();
  patient->set_id(patient_id);
  patient->set_start_date("2025-02-03");
  v1::Assessment* assessment = patient->add_assessments();
  assessment->set_date("2025-05-01");
  assessment->set_outcome("STABLE");
  v1::Dispensing* dispensing = batch.add_dispensings();
  dispensing->set_date("2025-02-03");
  dispensing->set_units(2);
  dispensing->set_patient(patient_id);
  return batch;
}

v1::SettleAgreementRequest Settle2025(const std::string& agreement_id) {
  v1::SettleAgreementRequest request;
  request.set_agreement_id(agreement_id);
  request.mutable_period()->set_start("2025-01-01");
  request.mutable_period()->set_end("2025-12-31");
  request.set_as_of("2026-02-01");
  return request;
}

grpc::Status Upload(v1::AgreementService::Stub& stub,
                    const std::vector<v1::ResultsBatch>& batches,
                    v1::UploadResultsResponse* response, int seconds) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(seconds));
  auto stream = stub.UploadResults(&context, response);
  for (const v1::ResultsBatch& batch : batches) {
    v1::UploadResultsRequest request;
    *request.mutable_batch() = batch;
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  return stream->Finish();
}

}  // namespace mea::testing::samples
