// The agreement part of the demo, for the cases of the tracking demo:
// - ID2021_045 larotrektinib: payment by result (betaling for resultat) with
//   an outcome guarantee on ORR; ACTIVE and expiring in 45 days; settled
//   once, with ORR below its threshold (an OUTCOME_NOT_MET trigger in the
//   due list); plus a DRAFT price-volume successor to compare against.
// - ID2023_112 IMPRESS-Norway expansion cohort: the supplier pays the first
//   16 weeks per patient (initial discount); settled once.
// - ID2024_008 Hemgenix gene therapy: one dose per patient and an outcome
//   guarantee on the bleeding rate; ACTIVE, not settled yet.
// - ID2022_057 pembrolizumab: price-volume on all units with an
//   expenditure cap, quarterly aggregate volumes; settled once.
// Figures are fictional but realistic in size; every date is relative to
// `today`. All of it goes through the public API.
#include <string>
#include <vector>

#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/demo/agreement_client.h"
#include "services/demo/demo_data.h"

namespace mea::services::demo {
namespace {

v1::Agreement MakeAgreement(const std::string& id, const std::string& method,
                            int64_t decision, const std::string& supplier,
                            const std::string& title, absl::CivilDay from,
                            absl::CivilDay to, v1::Agreement::State state) {
  v1::Agreement agreement;
  agreement.set_id(id);
  agreement.set_method_id(method);
  agreement.set_decision_id(decision);
  agreement.set_supplier(supplier);
  agreement.set_title(title);
  agreement.set_valid_from(rules::FormatDate(from));
  agreement.set_valid_to(rules::FormatDate(to));
  agreement.set_state(state);
  return agreement;
}

v1::ResultsBatch NewBatch(const std::string& agreement_id,
                          const std::string& batch_id) {
  v1::ResultsBatch batch;
  batch.set_agreement_id(agreement_id);
  batch.set_batch_id(batch_id);
  return batch;
}

v1::PatientRecord* AddPatient(v1::ResultsBatch& batch, const std::string& id,
                              absl::CivilDay start) {
  v1::PatientRecord* patient = batch.add_patients();
  patient->set_id(id);
  patient->set_start_date(rules::FormatDate(start));
  return patient;
}

void Assess(v1::PatientRecord* patient, absl::CivilDay day,
            const std::string& outcome) {
  v1::Assessment* assessment = patient->add_assessments();
  assessment->set_date(rules::FormatDate(day));
  assessment->set_outcome(outcome);
}

void AddGroupOutcome(v1::ResultsBatch& batch, const std::string& measure,
                     const std::string& value, int64_t n,
                     absl::CivilDay data_cut) {
  v1::GroupOutcome* outcome = batch.add_group_outcomes();
  outcome->set_measure(measure);
  outcome->set_value(value);
  outcome->set_n(n);
  outcome->set_data_cut(rules::FormatDate(data_cut));
}

constexpr char kLarotrectinibTerms[] = R"json({
  "unit_price": "98450.00",
  "clauses": [
    {"flat_discount": {"percent": "6"}},
    {"payment_by_result": {"assessment_weeks": 24, "refund_percent": "100",
                           "missing_outcome": "REFUND"}},
    {"outcome_guarantee": {"measure": "orr", "threshold": "0.50",
                           "min_patients": 8,
                           "price_reduction_percent": "12.5"}}
  ]})json";

constexpr char kLarotrectinibDraftTerms[] = R"json({
  "unit_price": "94800.00",
  "clauses": [
    {"price_volume": {"basis": "INCREMENTAL", "tiers": [
      {"above_units": 0, "percent": "4"},
      {"above_units": 60, "percent": "11"}]}},
    {"outcome_guarantee": {"measure": "orr", "threshold": "0.50",
                           "min_patients": 8,
                           "price_reduction_percent": "15"}}
  ]})json";

// Eight patients evaluated at 24 weeks: responders, progression, a stop,
// a death, one without any assessment, and one still pending.
std::vector<v1::ResultsBatch> LarotrectinibResults(const std::string& id,
                                                   absl::CivilDay t) {
  v1::ResultsBatch patients = NewBatch(id, "demo-inspire-patients");
  v1::ResultsBatch doses = NewBatch(id, "demo-inspire-dispensings");
  struct Case {
    const char* id;
    int start;
    int packs;
  };
  const Case cases[] = {{"L01", 560, 12}, {"L02", 520, 5}, {"L03", 480, 10},
                        {"L04", 450, 4},  {"L05", 430, 8}, {"L06", 300, 9},
                        {"L07", 240, 3},  {"L08", 150, 5}};
  for (const Case& c : cases) {
    v1::PatientRecord* patient = AddPatient(patients, c.id, t - c.start);
    AddDispensings(doses, c.id, t - c.start, c.packs, 28, 1);
    const absl::CivilDay start = t - c.start;
    if (std::string(c.id) == "L01") Assess(patient, start + 168, "RESPONSE");
    if (std::string(c.id) == "L02") Assess(patient, start + 112, "PROGRESSION");
    if (std::string(c.id) == "L03") Assess(patient, start + 170, "STABLE");
    if (std::string(c.id) == "L04")
      patient->set_stop_date(rules::FormatDate(start + 100));
    if (std::string(c.id) == "L06") Assess(patient, start + 160, "RESPONSE");
    if (std::string(c.id) == "L07")
      patient->set_death_date(rules::FormatDate(start + 90));
  }
  AddGroupOutcome(doses, "orr", "0.45", 6, t - 240);
  AddGroupOutcome(doses, "orr", "0.38", 13, t - 60);
  return {patients, doses};
}

absl::Status LoadLarotrectinib(AgreementDemoClient& client, absl::CivilDay t) {
  MEA_ASSIGN_OR_RETURN(const int64_t decision,
                       client.CurrentDecision("ID2021_045"));
  MEA_RETURN_IF_ERROR(client.CreateAgreement(
      MakeAgreement("SI-2023-0107", "ID2021_045", decision, "Bayer AS",
                    "Larotrektinib: betaling for resultat og resultatgaranti",
                    t - 690, t + 45, v1::Agreement::ACTIVE),
      kLarotrectinibTerms));
  MEA_RETURN_IF_ERROR(client.CreateAgreement(
      MakeAgreement("SI-2026-0003", "ID2021_045", decision, "Bayer AS",
                    "Larotrektinib: utkast til ny avtale (pris-volum)", t + 46,
                    t + 776, v1::Agreement::DRAFT),
      kLarotrectinibDraftTerms));
  MEA_RETURN_IF_ERROR(client.Upload(LarotrectinibResults("SI-2023-0107", t)));
  return client.Settle("SI-2023-0107", t - 400, t - 35, t - 30);
}

constexpr char kImpressTerms[] = R"json({
  "unit_price": "41250.00",
  "clauses": [{"initial_discount": {"weeks": 16, "percent": "100"}}]})json";

// Stage 1 of an expansion cohort: eight patients, five with clinical
// benefit who continue, three who stop at the 16-week evaluation.
std::vector<v1::ResultsBatch> ImpressResults(const std::string& id,
                                             absl::CivilDay t) {
  v1::ResultsBatch batch = NewBatch(id, "demo-impress-cohort-1");
  for (int i = 0; i < 8; ++i) {
    const std::string patient_id = "IMP-" + std::to_string(101 + i);
    const absl::CivilDay start = t - 470 + 40 * i;
    v1::PatientRecord* patient = AddPatient(batch, patient_id, start);
    const bool benefit = i % 3 != 1;
    if (!benefit) patient->set_stop_date(rules::FormatDate(start + 112));
    Assess(patient, start + 112, benefit ? "STABLE" : "PROGRESSION");
    const int last = benefit ? (t - 10 - start) / 28 + 1 : 4;
    AddDispensings(batch, patient_id, start, last, 28, 1);
  }
  return {batch};
}

absl::Status LoadImpress(AgreementDemoClient& client, absl::CivilDay t) {
  MEA_ASSIGN_OR_RETURN(const int64_t decision,
                       client.CurrentDecision("ID2023_112"));
  MEA_RETURN_IF_ERROR(client.CreateAgreement(
      MakeAgreement("SI-2024-0015", "ID2023_112", decision, "Novartis Norge AS",
                    "IMPRESS-Norway: leverandøren dekker de første 16 ukene",
                    t - 480, t + 700, v1::Agreement::ACTIVE),
      kImpressTerms));
  MEA_RETURN_IF_ERROR(client.Upload(ImpressResults("SI-2024-0015", t)));
  return client.Settle("SI-2024-0015", t - 480, t - 101, t - 100);
}

constexpr char kHemgenixTerms[] = R"json({
  "unit_price": "32500000.00",
  "clauses": [
    {"patient_unit_cap": {"max_units": 1}},
    {"outcome_guarantee": {"measure": "abr", "threshold": "1.5",
                           "direction": "AT_MOST", "min_patients": 3,
                           "price_reduction_percent": "20"}}
  ]})json";

absl::Status LoadHemgenix(AgreementDemoClient& client, absl::CivilDay t) {
  MEA_ASSIGN_OR_RETURN(const int64_t decision,
                       client.CurrentDecision("ID2024_008"));
  MEA_RETURN_IF_ERROR(client.CreateAgreement(
      MakeAgreement("SI-2024-0088", "ID2024_008", decision, "CSL Behring AB",
                    "Hemgenix: én dose per pasient, resultatgaranti på ABR",
                    t - 190, t + 1600, v1::Agreement::ACTIVE),
      kHemgenixTerms));
  v1::ResultsBatch batch = NewBatch("SI-2024-0088", "demo-hemofili-2026-1");
  const int starts[] = {170, 120, 75};
  for (int i = 0; i < 3; ++i) {
    const std::string id = "HB-" + std::to_string(i + 1);
    AddPatient(batch, id, t - starts[i]);
    AddDispensings(batch, id, t - starts[i], 1, 1, 1);
  }
  AddGroupOutcome(batch, "abr", "1.1", 3, t - 14);
  return client.Upload({batch});
}

constexpr char kPembrolizumabTerms[] = R"json({
  "unit_price": "31870.40",
  "clauses": [
    {"price_volume": {"basis": "ALL_UNITS", "tiers": [
      {"above_units": 0, "percent": "0"},
      {"above_units": 700, "percent": "6.5"},
      {"above_units": 1000, "percent": "10"}]}},
    {"expenditure_cap": {"cap": "30000000.00"}}
  ]})json";

absl::Status LoadPembrolizumab(AgreementDemoClient& client, absl::CivilDay t) {
  MEA_ASSIGN_OR_RETURN(const int64_t decision,
                       client.CurrentDecision("ID2022_057"));
  MEA_RETURN_IF_ERROR(client.CreateAgreement(
      MakeAgreement("SI-2023-0042", "ID2022_057", decision, "MSD (Norge) AS",
                    "Pembrolizumab adjuvant: pris-volum med utgiftstak",
                    t - 780, t + 330, v1::Agreement::ACTIVE),
      kPembrolizumabTerms));
  // Quarterly volumes from the hospital pharmacies (aggregate, no patient).
  v1::ResultsBatch batch = NewBatch("SI-2023-0042", "demo-lis-volumes");
  const int64_t quarters[] = {214, 238, 251, 267, 275, 289, 301};
  for (int q = 0; q < 7; ++q) {
    AddDispensings(batch, "", t - 730 + 91 * q + 90, 1, 1, quarters[q]);
  }
  MEA_RETURN_IF_ERROR(client.Upload({batch}));
  return client.Settle("SI-2023-0042", t - 730, t - 366, t - 330);
}

}  // namespace

absl::Status LoadAgreementDemo(const std::shared_ptr<grpc::Channel>& channel,
                               absl::CivilDay today) {
  AgreementDemoClient client(channel);
  for (auto load :
       {LoadLarotrectinib, LoadImpress, LoadHemgenix, LoadPembrolizumab}) {
    MEA_RETURN_IF_ERROR(load(client, today));
  }
  return absl::OkStatus();
}

}  // namespace mea::services::demo
