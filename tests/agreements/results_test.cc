// Results ingestion through the real UploadResults stream: batches applied
// atomically and exactly once, resends, refused batches, corrections, and
// a batch of 100 000 rows.
#include <chrono>
#include <string>

#include "tests/agreements/agreement_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kAgreement[] = "SI-2025-0019";

v1::Dispensing* AddDispensing(v1::ResultsBatch& batch, const std::string& date,
                              int64_t units, const std::string& patient = "") {
  v1::Dispensing* dispensing = batch.add_dispensings();
  dispensing->set_date(date);
  dispensing->set_units(units);
  dispensing->set_patient(patient);
  return dispensing;
}

v1::PatientRecord* AddPatient(v1::ResultsBatch& batch, const std::string& id,
                              const std::string& start) {
  v1::PatientRecord* patient = batch.add_patients();
  patient->set_id(id);
  patient->set_start_date(start);
  return patient;
}

v1::ResultsBatch NewBatch(const std::string& batch_id) {
  v1::ResultsBatch batch;
  batch.set_agreement_id(kAgreement);
  batch.set_batch_id(batch_id);
  return batch;
}

// An ACTIVE agreement paying by result at 12 weeks, with an outcome
// guarantee on "dcr", so that corrections show in the simulated figures.
class ResultsTest : public AgreementTest {
 protected:
  void SetUp() override {
    CreateMethod("ID2024_008");
    v1::Agreement agreement = SampleAgreement(kAgreement, "ID2024_008");
    agreement.clear_clauses();
    agreement.add_clauses()->mutable_payment_by_result()->set_assessment_weeks(
        12);
    v1::OutcomeGuarantee* guarantee =
        agreement.add_clauses()->mutable_outcome_guarantee();
    guarantee->set_measure("dcr");
    guarantee->set_threshold("0.60");
    agreement.set_unit_price("100.00");
    agreement.set_state(v1::Agreement::ACTIVE);
    ASSERT_TRUE(Create(agreement).ok());
  }

  // The agreement's own terms on everything stored, as of 2026-03-01.
  v1::Settlement Simulated() {
    v1::SimulateSettlementResponse response;
    grpc::Status status = SimulateStored(kAgreement, "2025-01-01", "2025-12-31",
                                         "2026-03-01", &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.settlement();
  }
};

TEST_F(ResultsTest, BatchesGetSequencesAndAResendChangesNothing) {
  v1::ResultsBatch patients = NewBatch("inspire-2025-1");
  AddPatient(patients, "A", "2025-02-03");
  AddPatient(patients, "B", "2025-03-10")
      ->add_assessments()
      ->set_date("2025-06-02");
  patients.mutable_patients(1)->mutable_assessments(0)->set_outcome("STABLE");
  v1::ResultsBatch doses = NewBatch("inspire-2025-2");
  AddDispensing(doses, "2025-02-03", 2, "A");
  AddDispensing(doses, "2025-03-10", 3, "B");
  AddDispensing(doses, "2025-04-01", 5);
  v1::UploadResultsResponse response;
  ASSERT_TRUE(Upload({patients, doses}, &response).ok());
  ASSERT_THAT(response.receipts(), SizeIs(2));
  const v1::BatchReceipt first = response.receipts(0);
  EXPECT_EQ(first.sequence(), 1);
  EXPECT_EQ(first.patients(), 2);
  EXPECT_EQ(first.assessments(), 1);
  EXPECT_FALSE(first.duplicate());
  EXPECT_THAT(first.content_digest(), SizeIs(67));  // "v2:" and the hex
  EXPECT_EQ(response.receipts(1).sequence(), 2);
  EXPECT_EQ(response.receipts(1).dispensings(), 3);
  EXPECT_EQ(Simulated().units(), 10);

  v1::UploadResultsResponse again;
  ASSERT_TRUE(Upload({doses, patients}, &again).ok());
  ASSERT_THAT(again.receipts(), SizeIs(2));
  EXPECT_TRUE(again.receipts(1).duplicate());
  EXPECT_EQ(again.receipts(1).sequence(), first.sequence());
  EXPECT_EQ(again.receipts(1).content_digest(), first.content_digest());
  EXPECT_EQ(again.receipts(1).received_time(), first.received_time());
  EXPECT_EQ(Simulated().units(), 10);
}

TEST_F(ResultsTest, SameBatchIdWithOtherContentIsRefused) {
  v1::ResultsBatch batch = NewBatch("npr-q1");
  AddDispensing(batch, "2025-01-15", 4);
  ASSERT_TRUE(Upload({batch}).ok());
  batch.mutable_dispensings(0)->set_units(40);
  grpc::Status status = Upload({batch});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(), HasSubstr("npr-q1"));
  EXPECT_EQ(Simulated().units(), 4);
}

TEST_F(ResultsTest, InvalidRowsAreListedAndTheBatchIsNotWritten) {
  v1::ResultsBatch good = NewBatch("good-1");
  AddPatient(good, "A", "2025-02-03");
  v1::ResultsBatch bad = NewBatch("bad-1");
  AddDispensing(bad, "2025-02-03", 2, "A");
  AddDispensing(bad, "2025-02-10", 0, "A");
  AddDispensing(bad, "2025-02-17", 1);
  AddDispensing(bad, "2025-02-30", 1);
  v1::GroupOutcome* outcome = bad.add_group_outcomes();
  outcome->set_measure("dcr");
  outcome->set_value("0,55");
  outcome->set_n(12);
  outcome->set_data_cut("2025-06-30");
  v1::PatientAssessment* assessment = bad.add_assessments();
  assessment->set_patient("A");
  assessment->set_date("2025-03-01");
  assessment->set_outcome("CURED");

  grpc::Status status = Upload({good, bad});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("\"bad-1\""));
  EXPECT_THAT(
      ViolationFields(status),
      ElementsAre("batch.dispensings[1].units", "batch.dispensings[3].date",
                  "batch.assessments[0].outcome",
                  "batch.group_outcomes[0].value"));
  EXPECT_EQ(Simulated().units(), 0);

  // The batch before it stays applied: its resend is a duplicate.
  v1::UploadResultsResponse response;
  ASSERT_TRUE(Upload({good}, &response).ok());
  EXPECT_TRUE(response.receipts(0).duplicate());
}

TEST_F(ResultsTest, TextThatIsNotUtf8IsNamedAndRefused) {
  v1::ResultsBatch good = NewBatch("good-1");
  AddPatient(good, "A", "2025-02-03");
  v1::ResultsBatch bad = NewBatch("bad-utf8");
  AddPatient(bad, "B\xC3\x28", "2025-02-03");
  AddDispensing(bad, "2025-02-04", 1, "B\xC3\x28");
  v1::UploadResultsResponse response;
  grpc::Status status = Upload({good, bad}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(
      ViolationFields(status),
      ElementsAre("batch.dispensings[0].patient", "batch.patients[0].id"));
  EXPECT_THAT(status.error_message(), HasSubstr("message 2 of the stream"));
  ASSERT_TRUE(Upload({good}, &response).ok());
  EXPECT_TRUE(response.receipts(0).duplicate());
  EXPECT_EQ(Simulated().units(), 0);
}

TEST_F(ResultsTest, RowsMustFitWhatIsStored) {
  v1::ResultsBatch patients = NewBatch("patients");
  AddPatient(patients, "A", "2025-02-03");
  ASSERT_TRUE(Upload({patients}).ok());
  v1::ResultsBatch rows = NewBatch("rows");
  AddDispensing(rows, "2025-02-03", 1, "A");
  AddDispensing(rows, "2025-02-04", 1, "Z");
  AddDispensing(rows, "2025-01-31", 1, "A");
  v1::PatientAssessment* assessment = rows.add_assessments();
  assessment->set_patient("Y");
  assessment->set_date("2025-03-01");
  assessment->set_outcome("STABLE");
  grpc::Status status = Upload({rows});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(
      ViolationFields(status),
      ElementsAre("batch.dispensings[1].patient", "batch.dispensings[2].date",
                  "batch.assessments[0].patient"));
  EXPECT_EQ(Simulated().units(), 0);
}

TEST_F(ResultsTest, CorrectionsNeedAReasonAndReplaceTheRecord) {
  v1::ResultsBatch first = NewBatch("first");
  AddPatient(first, "A", "2025-01-06");
  AddDispensing(first, "2025-01-06", 3, "A");
  v1::GroupOutcome* outcome = first.add_group_outcomes();
  outcome->set_measure("dcr");
  outcome->set_value("0.50");
  outcome->set_n(10);
  outcome->set_data_cut("2025-12-31");
  ASSERT_TRUE(Upload({first}).ok());
  v1::Settlement before = Simulated();
  EXPECT_EQ(before.patient_outcomes().missing(), 1);
  EXPECT_EQ(before.triggers(0).observed(), "0.50");

  v1::ResultsBatch correction = NewBatch("correction");
  AddPatient(correction, "A", "2025-01-06")->set_stop_date("2025-02-01");
  *correction.add_group_outcomes() = *outcome;
  correction.mutable_group_outcomes(0)->set_value("0.65");
  grpc::Status refused = Upload({correction});
  EXPECT_THAT(
      ViolationFields(refused),
      ElementsAre("batch.patients[0].id", "batch.group_outcomes[0].data_cut"));

  correction.set_correction_reason("Registeret rettet stoppdato og DCR");
  ASSERT_TRUE(Upload({correction}).ok());
  v1::Settlement after = Simulated();
  EXPECT_EQ(after.patient_outcomes().failure(), 1);
  EXPECT_EQ(after.patient_outcomes().missing(), 0);
  EXPECT_THAT(after.triggers(), SizeIs(0));

  v1::ResultsBatch late_start = NewBatch("late-start");
  late_start.set_correction_reason("feil startdato");
  AddPatient(late_start, "A", "2025-01-07");
  EXPECT_THAT(ViolationFields(Upload({late_start})),
              ElementsAre("batch.patients[0].start_date"));
}

TEST_F(ResultsTest, AtMostOneHundredInvalidRowsAreListed) {
  v1::ResultsBatch bad = NewBatch("broken-file");
  for (int i = 0; i < 150; ++i) AddDispensing(bad, "2025-13-01", 1);
  grpc::Status status = Upload({bad});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = ViolationFields(status);
  ASSERT_THAT(fields, SizeIs(100));
  EXPECT_EQ(fields.back(), "batch.dispensings[99].date");
}

TEST_F(ResultsTest, OneHundredThousandRowsInOneBatch) {
  v1::ResultsBatch batch = NewBatch("registry-2025");
  for (int i = 0; i < 100000; ++i) {
    AddDispensing(batch, i % 2 == 0 ? "2025-03-31" : "2025-09-30", 1 + i % 3);
  }
  const auto start = std::chrono::steady_clock::now();
  v1::UploadResultsResponse response;
  grpc::Status status = Upload({batch}, &response);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.receipts(0).dispensings(), 100000);
  EXPECT_LT(elapsed, std::chrono::seconds(20));
  EXPECT_EQ(Simulated().units(), 199999);

  batch.set_batch_id("registry-2025-too-big");
  AddDispensing(batch, "2025-12-31", 1);
  grpc::Status refused = Upload({batch});
  EXPECT_THAT(ViolationFields(refused), ElementsAre("batch.dispensings"));
  EXPECT_EQ(Simulated().units(), 199999);
}

}  // namespace
}  // namespace mea::testing
