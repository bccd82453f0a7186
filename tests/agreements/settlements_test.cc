// Settlements through the real server: the worked examples give exactly
// what `meactl evaluate` gives on the same files; records are numbered,
// immutable and unaffected by later results; triggers and expiries reach
// the due list; everything survives a restart.
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "tests/agreements/agreement_fixtures.h"
#include "tests/support/database_inspection.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

class SettlementsTest : public AgreementTest {
 protected:
  v1::StoredSettlement SettleExample(const v1::EvaluationInput& example) {
    v1::StoredSettlement stored;
    grpc::Status status =
        Settle(example.agreement().id(), example.period().start(),
               example.period().end(), example.as_of(), &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  }

  v1::StoredSettlement GetStored(const std::string& agreement_id,
                                 int64_t number) {
    v1::GetSettlementRequest request;
    request.set_agreement_id(agreement_id);
    request.set_number(number);
    v1::StoredSettlement stored;
    grpc::ClientContext call;
    grpc::Status status = agreements_->GetSettlement(&call, request, &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  }

  v1::ListDueItemsResponse DueItems() {
    v1::ListDueItemsRequest request;
    request.set_end_date("2028-12-31");
    request.set_page_size(1000);
    v1::ListDueItemsResponse response;
    grpc::ClientContext call;
    grpc::Status status = tracking_->ListDueItems(&call, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

TEST_F(SettlementsTest, ExamplesSettleExactlyLikeMeactlEvaluate) {
  for (const char* name : kExamples) {
    SCOPED_TRACE(name);
    const v1::EvaluationInput example = ReadExample(name);
    LoadExample(example);
    const v1::StoredSettlement stored = SettleExample(example);
    EXPECT_EQ(stored.number(), 1);
    EXPECT_THAT(stored.input_digest(), SizeIs(64));
    EXPECT_TRUE(MessageDifferencer::Equals(
        WithoutExplanations(stored.settlement()), ReadExpectedSettlement(name)))
        << stored.settlement().DebugString();

    CommandResult evaluated = RunCommand(
        BinaryPath("meactl"), {"--output", "json", "evaluate",
                               ExamplePath(std::string(name) + ".json")});
    ASSERT_EQ(evaluated.exit_code, 0) << evaluated.err;
    EXPECT_TRUE(MessageDifferencer::Equals(stored.settlement(),
                                           ParseSettlementJson(evaluated.out)))
        << evaluated.out;
  }
}

TEST_F(SettlementsTest, RecordsAreNumberedImmutableAndKeepWhatWasInvoiced) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  LoadExample(example);
  const v1::StoredSettlement first = SettleExample(example);
  const v1::StoredSettlement second = SettleExample(example);
  EXPECT_EQ(first.number(), 1);
  EXPECT_EQ(second.number(), 2);
  EXPECT_EQ(first.input_digest(), second.input_digest());
  EXPECT_EQ(first.supplier(), "Leverandør AS");

  v1::ResultsBatch late;
  late.set_agreement_id(example.agreement().id());
  late.set_batch_id("late-q4");
  v1::Dispensing* dispensing = late.add_dispensings();
  dispensing->set_date("2025-12-15");
  dispensing->set_units(40);
  ASSERT_TRUE(Upload({late}).ok());
  const v1::StoredSettlement third = SettleExample(example);
  EXPECT_EQ(third.number(), 3);
  EXPECT_EQ(third.settlement().units(), 1358);
  EXPECT_NE(third.input_digest(), first.input_digest());

  EXPECT_TRUE(MessageDifferencer::Equals(GetStored(example.agreement().id(), 1),
                                         first));
  EXPECT_EQ(GetStored(example.agreement().id(), 1).settlement().units(), 1318);

  const std::string& file = server_.database_path();
  EXPECT_THAT(ExecSql(file, "UPDATE settlements SET net_cost_ore = 0"),
              HasSubstr("immutable"));
  EXPECT_THAT(ExecSql(file, "DELETE FROM settlement_lines"),
              HasSubstr("immutable"));
  EXPECT_THAT(ExecSql(file, "UPDATE settlement_lines SET amount_ore = 0"),
              HasSubstr("immutable"));
  EXPECT_THAT(ExecSql(file, "DELETE FROM settlements"), HasSubstr("immutable"));
  EXPECT_THAT(ExecSql(file, "DELETE FROM result_batches"),
              HasSubstr("immutable"));
  EXPECT_TRUE(MessageDifferencer::Equals(GetStored(example.agreement().id(), 1),
                                         first));

  v1::ListSettlementsRequest request;
  request.set_agreement_id(example.agreement().id());
  request.set_page_size(2);
  v1::ListSettlementsResponse page;
  grpc::ClientContext call;
  ASSERT_TRUE(agreements_->ListSettlements(&call, request, &page).ok());
  ASSERT_THAT(page.settlements(), SizeIs(2));
  EXPECT_EQ(page.settlements(1).number(), 2);
  request.set_page_token(page.next_page_token());
  grpc::ClientContext call2;
  ASSERT_TRUE(agreements_->ListSettlements(&call2, request, &page).ok());
  ASSERT_THAT(page.settlements(), SizeIs(1));
  EXPECT_EQ(page.settlements(0).number(), 3);
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(SettlementsTest, BadRequestsAndUnsettleableResultsAreTold) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  CreateMethod(example.agreement().method_id());
  v1::Agreement costly = AgreementOf(example.agreement(), v1::Agreement::DRAFT);
  costly.set_unit_price("60000000000.00");
  ASSERT_TRUE(Create(costly).ok());
  v1::StoredSettlement stored;
  grpc::Status bad_period = Settle(example.agreement().id(), "2025-12-31",
                                   "2025-01-01", "2025-02-30", &stored);
  EXPECT_THAT(ViolationFields(bad_period),
              ::testing::ElementsAre("period.end", "as_of"));
  EXPECT_EQ(
      Settle("SI-0000", "2025-01-01", "2025-12-31", "", &stored).error_code(),
      grpc::StatusCode::NOT_FOUND);

  // Two units at this price cost more than the format admits: the stored
  // results cannot be evaluated, which is no fault of the request.
  v1::ResultsBatch batch;
  batch.set_agreement_id(example.agreement().id());
  batch.set_batch_id("two-units");
  batch.add_dispensings()->set_date("2025-05-05");
  batch.mutable_dispensings(0)->set_units(2);
  ASSERT_TRUE(Upload({batch}).ok());
  grpc::Status unsettleable =
      Settle(example.agreement().id(), "2025-01-01", "2025-12-31", "", &stored);
  EXPECT_EQ(unsettleable.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(unsettleable.error_message(),
              HasSubstr("stored results of agreement SI-2024-0031"));
}

TEST_F(SettlementsTest, DefaultAsOfIsTheServersToday) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  LoadExample(example);
  v1::StoredSettlement stored;
  ASSERT_TRUE(
      Settle(example.agreement().id(), "2025-01-01", "2025-12-31", "", &stored)
          .ok());
  EXPECT_EQ(stored.settlement().as_of(), "2026-03-02");
  EXPECT_EQ(stored.create_time(), "2026-03-02T11:00:00Z");
}

TEST_F(SettlementsTest, TriggersAndExpiriesAreDueItems) {
  const v1::EvaluationInput example = ReadExample("payment-by-result");
  LoadExample(example);
  SettleExample(example);

  bool trigger_found = false;
  bool expiry_found = false;
  const v1::ListDueItemsResponse due = DueItems();
  for (const v1::DueItem& item : due.items()) {
    if (item.agreement_id() != example.agreement().id()) continue;
    EXPECT_THAT(item.description(), Not(HasSubstr("806400")));
    EXPECT_EQ(item.method_id(), example.agreement().method_id());
    if (item.kind() == v1::DueItem::OUTCOME_TRIGGER) {
      trigger_found = true;
      EXPECT_EQ(item.due_date(), example.as_of());
      EXPECT_EQ(item.settlement_number(), 1);
      EXPECT_TRUE(item.overdue());
      EXPECT_EQ(item.responsible_organisation(),
                "Sekretariatet for Nye metoder");
      EXPECT_THAT(item.description(), HasSubstr("disease_control_rate_12w"));
      EXPECT_THAT(item.description(), HasSubstr("0.55"));
      EXPECT_THAT(item.description(), HasSubstr("0.60"));
    }
    if (item.kind() == v1::DueItem::AGREEMENT_EXPIRY) {
      expiry_found = true;
      EXPECT_EQ(item.due_date(), "2027-12-31");
      EXPECT_EQ(item.responsible_organisation(), "Sykehusinnkjøp HF");
    }
  }
  EXPECT_TRUE(trigger_found);
  EXPECT_TRUE(expiry_found);

  // A terminated agreement is no longer due to expire.
  v1::Agreement terminate;
  terminate.set_id(example.agreement().id());
  terminate.set_state(v1::Agreement::TERMINATED);
  ASSERT_TRUE(Update(terminate, {"state"}).ok());
  const v1::ListDueItemsResponse after = DueItems();
  for (const v1::DueItem& item : after.items()) {
    EXPECT_NE(item.kind(), v1::DueItem::AGREEMENT_EXPIRY);
  }
}

// Results delivered in pieces (patients apart from their assessments, an
// aggregate dispensing, a group outcome corrected later, a patient record
// corrected in place) are read back typed and settled; the figures must be
// exactly those of the same input sent whole for simulation.
TEST_F(SettlementsTest, StoredResultsSettleLikeTheSameInputSentInline) {
  v1::EvaluationInput expected = ReadExample("payment-by-result");
  const std::string& id = expected.agreement().id();
  CreateMethod(expected.agreement().method_id());
  ASSERT_TRUE(
      Create(AgreementOf(expected.agreement(), v1::Agreement::ACTIVE)).ok());
  v1::Results* results = expected.mutable_results();
  v1::Dispensing* aggregate = results->add_dispensings();
  aggregate->set_date("2025-11-03");
  aggregate->set_units(3);

  v1::ResultsBatch patients = BatchOf(id, "patients", v1::Results());
  v1::ResultsBatch assessments = BatchOf(id, "assessments", v1::Results());
  for (const v1::PatientRecord& patient : results->patients()) {
    v1::PatientRecord* record = patients.add_patients();
    *record = patient;
    record->clear_assessments();
    if (patient.id() == "B") record->set_stop_date("2025-04-28");
    for (const v1::Assessment& assessment : patient.assessments()) {
      v1::PatientAssessment* row = assessments.add_assessments();
      row->set_patient(patient.id());
      row->set_date(assessment.date());
      row->set_outcome(assessment.outcome());
    }
  }
  v1::Results rest = *results;
  rest.clear_patients();
  v1::ResultsBatch rows = BatchOf(id, "rows", rest);
  rows.mutable_group_outcomes(0)->set_value("0.75");
  v1::ResultsBatch correction = BatchOf(id, "correction", v1::Results());
  correction.set_correction_reason("stoppdato og DCR rettet");
  for (const v1::PatientRecord& patient : patients.patients()) {
    if (patient.id() != "B") continue;
    *correction.add_patients() = patient;
    correction.mutable_patients(0)->set_stop_date(
        results->patients(1).stop_date());
  }
  *correction.add_group_outcomes() = results->group_outcomes(0);
  ASSERT_TRUE(Upload({patients, assessments, rows, correction}).ok());

  v1::SimulateSettlementRequest inline_input;
  *inline_input.mutable_input() = expected;
  v1::SimulateSettlementResponse simulated;
  grpc::ClientContext call;
  ASSERT_TRUE(
      agreements_->SimulateSettlement(&call, inline_input, &simulated).ok());
  const v1::StoredSettlement settled = SettleExample(expected);
  EXPECT_TRUE(
      MessageDifferencer::Equals(settled.settlement(), simulated.settlement()))
      << settled.settlement().DebugString() << "\n"
      << simulated.settlement().DebugString();
  // The pieces matter: without the aggregate dispensing, the assessments
  // or the corrected outcome the figures would differ.
  EXPECT_FALSE(
      MessageDifferencer::Equals(WithoutExplanations(settled.settlement()),
                                 ReadExpectedSettlement("payment-by-result")));
  EXPECT_EQ(settled.settlement().triggers_size(), 1);
  EXPECT_EQ(settled.settlement().triggers(0).observed(), "0.55");
  v1::SimulateSettlementResponse own_terms;
  ASSERT_TRUE(SimulateStored(id, expected.period().start(),
                             expected.period().end(), expected.as_of(),
                             &own_terms)
                  .ok());
  EXPECT_TRUE(
      MessageDifferencer::Equals(own_terms.settlement(), settled.settlement()));
}

TEST_F(SettlementsTest, EverythingSurvivesARestart) {
  const v1::EvaluationInput example = ReadExample("impress-expansion-cohort");
  LoadExample(example);
  const v1::StoredSettlement settled = SettleExample(example);
  v1::Agreement before;
  ASSERT_TRUE(Get(example.agreement().id(), &before).ok());

  server_.Restart();
  agreements_ = server_.Agreements();
  tracking_ = server_.Tracking();

  v1::Agreement after;
  ASSERT_TRUE(Get(example.agreement().id(), &after).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(before, after));
  EXPECT_TRUE(MessageDifferencer::Equals(GetStored(example.agreement().id(), 1),
                                         settled));
  v1::Results rest = example.results();
  rest.clear_patients();
  v1::UploadResultsResponse response;
  ASSERT_TRUE(
      Upload({BatchOf(example.agreement().id(), "rest-1", rest)}, &response)
          .ok());
  EXPECT_TRUE(response.receipts(0).duplicate());
  EXPECT_EQ(SettleExample(example).number(), 2);
}

}  // namespace
}  // namespace mea::testing
