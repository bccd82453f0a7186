// What-if evaluation through the real server: SimulateSettlement (inline
// input, or draft terms on stored results) and CompareDrafts. Nothing is
// stored by either.
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "tests/agreements/agreement_fixtures.h"

namespace mea::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::SizeIs;

class SimulationTest : public AgreementTest {
 protected:
  grpc::Status Simulate(const v1::SimulateSettlementRequest& request,
                        v1::SimulateSettlementResponse* response) {
    grpc::ClientContext call;
    return agreements_->SimulateSettlement(&call, request, response);
  }

  grpc::Status Compare(const v1::CompareDraftsRequest& request,
                       v1::CompareDraftsResponse* response) {
    grpc::ClientContext call;
    return agreements_->CompareDrafts(&call, request, response);
  }

  // The price-volume example with its cap raised to 24000000.00 and the
  // tier at 1200 units raised to 15 %.
  static v1::AgreementTerms RaisedTerms(const v1::EvaluationInput& example) {
    v1::AgreementTerms terms = example.agreement();
    terms.mutable_clauses(0)
        ->mutable_price_volume()
        ->mutable_tiers(2)
        ->set_percent("15");
    terms.mutable_clauses(1)->mutable_expenditure_cap()->set_cap("24000000.00");
    return terms;
  }
};

TEST_F(SimulationTest, InlineInputGivesTheExampleAndStoresNothing) {
  for (const char* name : kExamples) {
    SCOPED_TRACE(name);
    v1::SimulateSettlementRequest request;
    *request.mutable_input() = ReadExample(name);
    v1::SimulateSettlementResponse response;
    grpc::Status status = Simulate(request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(
        MessageDifferencer::Equals(WithoutExplanations(response.settlement()),
                                   ReadExpectedSettlement(name)));
  }
  v1::ListAgreementsResponse listed;
  grpc::ClientContext call;
  ASSERT_TRUE(
      agreements_->ListAgreements(&call, v1::ListAgreementsRequest(), &listed)
          .ok());
  EXPECT_THAT(listed.agreements(), SizeIs(0));
}

TEST_F(SimulationTest, InvalidInlineInputIsReportedUnderInput) {
  v1::SimulateSettlementRequest request;
  *request.mutable_input() = ReadExample("price-volume-with-cap");
  request.mutable_input()
      ->mutable_agreement()
      ->mutable_clauses(0)
      ->mutable_price_volume()
      ->mutable_tiers(2)
      ->set_above_units(800);
  request.mutable_input()->mutable_results()->mutable_dispensings(1)->set_units(
      0);
  v1::SimulateSettlementResponse response;
  grpc::Status status = Simulate(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(
      ViolationFields(status),
      ElementsAre(
          "input.agreement.clauses[0].price_volume.tiers[2].above_units",
          "input.results.dispensings[1].units"));
  EXPECT_THAT(
      ViolationFields(Simulate(v1::SimulateSettlementRequest(), &response)),
      ElementsAre("source"));
}

TEST_F(SimulationTest, DraftTermsOnStoredResults) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  LoadExample(example);
  v1::SimulateSettlementResponse own;
  ASSERT_TRUE(SimulateStored(example.agreement().id(), example.period().start(),
                             example.period().end(), example.as_of(), &own)
                  .ok());
  EXPECT_TRUE(MessageDifferencer::Equals(
      WithoutExplanations(own.settlement()),
      ReadExpectedSettlement("price-volume-with-cap")));

  v1::SimulateSettlementRequest request;
  v1::StoredResultsDraft* draft = request.mutable_stored();
  draft->set_agreement_id(example.agreement().id());
  *draft->mutable_period() = example.period();
  draft->set_as_of(example.as_of());
  *draft->mutable_terms() = RaisedTerms(example);
  draft->mutable_terms()->clear_id();
  v1::SimulateSettlementResponse response;
  ASSERT_TRUE(Simulate(request, &response).ok());
  EXPECT_EQ(response.settlement().agreement_id(), example.agreement().id());
  EXPECT_EQ(response.settlement().gross_cost(), "24977088.50");
  EXPECT_EQ(response.settlement().lines(0).amount(), "3746563.28");
  EXPECT_EQ(response.settlement().net_cost(), "21230525.22");

  draft->mutable_terms()->set_unit_price("-1");
  EXPECT_THAT(ViolationFields(Simulate(request, &response)),
              ElementsAre("stored.terms.unit_price"));
}

TEST_F(SimulationTest, CompareDraftsLineByLine) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  v1::CompareDraftsRequest request;
  *request.mutable_results() = example.results();
  *request.mutable_period() = example.period();
  request.set_as_of(example.as_of());
  *request.mutable_first() = example.agreement();
  *request.mutable_second() = RaisedTerms(example);
  v1::CompareDraftsResponse inline_answer;
  grpc::Status status = Compare(request, &inline_answer);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(inline_answer.lines(), SizeIs(2));
  const v1::LineDifference& volume = inline_answer.lines(0);
  EXPECT_EQ(volume.first_clause(), "price_volume");
  EXPECT_EQ(volume.first_amount(), "3122136.06");
  EXPECT_EQ(volume.second_amount(), "3746563.28");
  EXPECT_EQ(volume.difference(), "624427.22");
  EXPECT_EQ(inline_answer.lines(1).first_amount(), "1854952.44");
  EXPECT_EQ(inline_answer.lines(1).second_amount(), "0.00");
  EXPECT_EQ(inline_answer.lines(1).difference(), "-1854952.44");
  EXPECT_EQ(inline_answer.total_refund_difference(), "-1230525.22");
  EXPECT_EQ(inline_answer.net_cost_difference(), "1230525.22");

  LoadExample(example);
  request.clear_results();
  request.set_agreement_id(example.agreement().id());
  v1::CompareDraftsResponse stored_answer;
  ASSERT_TRUE(Compare(request, &stored_answer).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(inline_answer, stored_answer));
}

TEST_F(SimulationTest, InvalidDraftsAreNamedFirstOrSecond) {
  const v1::EvaluationInput example = ReadExample("price-volume-with-cap");
  v1::CompareDraftsRequest request;
  *request.mutable_results() = example.results();
  *request.mutable_period() = example.period();
  *request.mutable_first() = example.agreement();
  request.mutable_first()->add_clauses()->mutable_patient_unit_cap();
  *request.mutable_second() = example.agreement();
  request.mutable_second()
      ->mutable_clauses(1)
      ->mutable_expenditure_cap()
      ->set_refund_percent("120");
  v1::CompareDraftsResponse response;
  grpc::Status status = Compare(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = ViolationFields(status);
  EXPECT_THAT(fields, Contains("first.clauses[2].patient_unit_cap.max_units"));
  EXPECT_THAT(fields,
              Contains("second.clauses[1].expenditure_cap.refund_percent"));

  request.set_agreement_id("SI-2024-0031");
  EXPECT_THAT(ViolationFields(Compare(request, &response)),
              ElementsAre("results"));
}

}  // namespace
}  // namespace mea::testing
