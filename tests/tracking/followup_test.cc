// Follow-up of a temporary introduction through the real server: data
// obligations (deliver, waive, state errors) and the reassessment state
// machine with every outcome, including extensions.
#include <gtest/gtest.h>

#include "gmock/gmock.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class FollowUpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateMethodOrFail(*stub_, ValidMethod("ID2021_045"));
    temporary_ = CreateDecisionOrFail(
        *stub_, TemporaryDecision("ID2021_045", kToday - 100));
  }

  int64_t ObligationId(int index) const {
    return temporary_.follow_up().data_obligations(index).id();
  }

  Answer<v1::DataObligation> Deliver(int64_t id, const std::string& date,
                                     const std::string& reference) {
    v1::DeliverDataObligationRequest request;
    request.set_id(id);
    request.set_delivered_date(date);
    request.set_delivery_reference(reference);
    return CALL(*stub_, DeliverDataObligation, request, v1::DataObligation);
  }

  Answer<v1::DataObligation> Waive(int64_t id, const std::string& reason) {
    v1::WaiveDataObligationRequest request;
    request.set_id(id);
    request.set_reason(reason);
    return CALL(*stub_, WaiveDataObligation, request, v1::DataObligation);
  }

  Answer<v1::Reassessment> Start(int64_t decision_id) {
    v1::StartReassessmentRequest request;
    request.set_decision_id(decision_id);
    return CALL(*stub_, StartReassessment, request, v1::Reassessment);
  }

  Answer<v1::CompleteReassessmentResponse> Complete(
      const v1::CompleteReassessmentRequest& request) {
    return CALL(*stub_, CompleteReassessment, request,
                v1::CompleteReassessmentResponse);
  }

  v1::CompleteReassessmentRequest Outcome(
      v1::Reassessment::Outcome outcome,
      v1::Decision::IntroductionType resulting_type) {
    v1::CompleteReassessmentRequest request;
    request.set_decision_id(temporary_.id());
    request.set_outcome(outcome);
    request.set_completed_date(Day(kToday));
    request.mutable_resulting_decision()->set_body(
        v1::Decision::BESLUTNINGSFORUM);
    request.mutable_resulting_decision()->set_introduction_type(resulting_type);
    return request;
  }

  v1::Method Method() {
    v1::GetMethodRequest request;
    request.set_id("ID2021_045");
    return CALL(*stub_, GetMethod, request, v1::Method).response;
  }

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();
  v1::Decision temporary_;
};

TEST_F(FollowUpTest, DeliveredObligationKeepsDateAndReference) {
  auto delivered = Deliver(ObligationId(0), Day(kToday - 1), "KRG-2026-17");
  ASSERT_TRUE(delivered.status.ok()) << delivered.status.error_message();
  EXPECT_EQ(delivered.response.state(), v1::DataObligation::DELIVERED);
  EXPECT_EQ(delivered.response.delivered_date(), Day(kToday - 1));
  EXPECT_EQ(delivered.response.delivery_reference(), "KRG-2026-17");
  EXPECT_FALSE(delivered.response.overdue());
}

TEST_F(FollowUpTest, DeliveryDateDefaultsToTodayAndMayNotBeInTheFuture) {
  auto future = Deliver(ObligationId(0), Day(kToday + 1), "ref");
  EXPECT_THAT(FieldPaths(future.status), ElementsAre("delivered_date"));
  auto missing = Deliver(ObligationId(0), "", "");
  EXPECT_THAT(FieldPaths(missing.status), ElementsAre("delivery_reference"));
  auto today = Deliver(ObligationId(0), "", "ref");
  ASSERT_TRUE(today.status.ok());
  EXPECT_EQ(today.response.delivered_date(), Day(kToday));
}

// A reference is a key: at most 128 characters (services/rpc/fields.h),
// counted as characters, not bytes.
TEST_F(FollowUpTest, DeliveryReferenceIsAKeyOfAtMost128Characters) {
  auto too_long = Deliver(ObligationId(0), "", std::string(129, 'R'));
  EXPECT_THAT(FieldPaths(too_long.status), ElementsAre("delivery_reference"));
  std::string longest;
  for (int i = 0; i < 128; ++i) longest += "ø";
  auto delivered = Deliver(ObligationId(0), "", longest);
  ASSERT_TRUE(delivered.status.ok()) << delivered.status.error_message();
  EXPECT_EQ(delivered.response.delivery_reference(), longest);
}

TEST_F(FollowUpTest, WaiverNeedsAReason) {
  EXPECT_THAT(FieldPaths(Waive(ObligationId(1), "").status),
              ElementsAre("reason"));
  auto waived = Waive(ObligationId(1), "Dekkes av registerdata");
  ASSERT_TRUE(waived.status.ok());
  EXPECT_EQ(waived.response.state(), v1::DataObligation::WAIVED);
  EXPECT_EQ(waived.response.waiver_reason(), "Dekkes av registerdata");
}

TEST_F(FollowUpTest, OnlyPendingObligationsChange) {
  ASSERT_TRUE(Deliver(ObligationId(0), "", "ref").status.ok());
  EXPECT_EQ(Deliver(ObligationId(0), "", "ref2").status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Waive(ObligationId(0), "x").status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Waive(ObligationId(1), "x").status.ok());
  EXPECT_EQ(Deliver(ObligationId(1), "", "ref").status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Deliver(999, "", "ref").status.error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(FieldPaths(Deliver(0, "", "ref").status), ElementsAre("id"));
}

TEST_F(FollowUpTest, ReassessmentRunsScheduledUnderAssessmentCompleted) {
  auto started = Start(temporary_.id());
  ASSERT_TRUE(started.status.ok()) << started.status.error_message();
  EXPECT_EQ(started.response.state(), v1::Reassessment::UNDER_ASSESSMENT);
  EXPECT_EQ(Start(temporary_.id()).status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  auto done = Complete(Outcome(v1::Reassessment::PERMANENT_INTRODUCTION,
                               v1::Decision::INTRODUCED));
  ASSERT_TRUE(done.status.ok()) << done.status.error_message();
  const v1::Reassessment& reassessment = done.response.reassessment();
  EXPECT_EQ(reassessment.state(), v1::Reassessment::COMPLETED);
  EXPECT_EQ(reassessment.outcome(), v1::Reassessment::PERMANENT_INTRODUCTION);
  EXPECT_EQ(reassessment.completed_date(), Day(kToday));
  const v1::Decision& resulting = done.response.resulting_decision();
  EXPECT_EQ(reassessment.resulting_decision_id(), resulting.id());
  EXPECT_EQ(resulting.supersedes_decision_id(), temporary_.id());
  EXPECT_EQ(resulting.method_id(), "ID2021_045");
  EXPECT_EQ(resulting.decision_date(), Day(kToday));
  EXPECT_EQ(Method().status(), v1::Method::INTRODUCED);

  auto again = Complete(Outcome(v1::Reassessment::PERMANENT_INTRODUCTION,
                                v1::Decision::INTRODUCED));
  EXPECT_EQ(again.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Start(temporary_.id()).status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(CountRows(server_, "decisions"), 2);
}

TEST_F(FollowUpTest, CompletingAScheduledReassessmentIsRefused) {
  auto refused =
      Complete(Outcome(v1::Reassessment::PHASE_OUT, v1::Decision::PHASED_OUT));
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.status.error_message(), HasSubstr("StartReassessment"));
  EXPECT_EQ(CountRows(server_, "decisions"), 1);
}

TEST_F(FollowUpTest, OutcomeDecidesTheResultingType) {
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  EXPECT_THAT(
      FieldPaths(Complete(Outcome(v1::Reassessment::PERMANENT_INTRODUCTION,
                                  v1::Decision::PHASED_OUT))
                     .status),
      ElementsAre("resulting_decision.introduction_type"));
  EXPECT_THAT(FieldPaths(Complete(Outcome(v1::Reassessment::PHASE_OUT,
                                          v1::Decision::INTRODUCED))
                             .status),
              ElementsAre("resulting_decision.introduction_type"));
  v1::CompleteReassessmentRequest missing =
      Outcome(v1::Reassessment::PHASE_OUT, v1::Decision::PHASED_OUT);
  missing.clear_resulting_decision();
  missing.set_new_deadline(Day(kToday + 10));
  EXPECT_THAT(FieldPaths(Complete(missing).status),
              UnorderedElementsAre("resulting_decision", "new_deadline"));
  auto phased_out = Complete(
      Outcome(v1::Reassessment::PHASE_OUT, v1::Decision::NOT_INTRODUCED));
  ASSERT_TRUE(phased_out.status.ok()) << phased_out.status.error_message();
  EXPECT_EQ(Method().status(), v1::Method::NOT_INTRODUCED);
}

TEST_F(FollowUpTest, SubgroupOutcomeWritesTheSubgroupIntoTheConditions) {
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  v1::CompleteReassessmentRequest request = Outcome(
      v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP, v1::Decision::INTRODUCED);
  EXPECT_THAT(FieldPaths(Complete(request).status), ElementsAre("subgroup"));
  request.set_subgroup("Pasienter med ECOG 0–1");
  request.mutable_resulting_decision()->set_conditions("Innføres for alle.");
  EXPECT_THAT(FieldPaths(Complete(request).status),
              ElementsAre("resulting_decision.conditions"));
  request.mutable_resulting_decision()->clear_conditions();
  auto done = Complete(request);
  ASSERT_TRUE(done.status.ok()) << done.status.error_message();
  EXPECT_THAT(done.response.resulting_decision().conditions(),
              HasSubstr("Pasienter med ECOG 0–1"));
  EXPECT_EQ(done.response.reassessment().subgroup(), "Pasienter med ECOG 0–1");
}

TEST_F(FollowUpTest, RenegotiationMayStartANewTemporaryIntroduction) {
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  v1::CompleteReassessmentRequest request =
      Outcome(v1::Reassessment::RENEGOTIATE_PRICE,
              v1::Decision::INTRODUCED_TEMPORARILY);
  auto no_plan = Complete(request);
  EXPECT_THAT(FieldPaths(no_plan.status),
              ElementsAre("resulting_decision.follow_up"));
  *request.mutable_resulting_decision()->mutable_follow_up() =
      TemporaryDecision("ID2021_045", kToday).follow_up();
  request.mutable_resulting_decision()
      ->mutable_follow_up()
      ->mutable_data_obligations(0)
      ->set_due_date("2026-13-01");
  EXPECT_THAT(
      FieldPaths(Complete(request).status),
      ElementsAre("resulting_decision.follow_up.data_obligations[0].due_date"));
  request.mutable_resulting_decision()
      ->mutable_follow_up()
      ->mutable_data_obligations(0)
      ->set_due_date(Day(kToday + 50));
  auto done = Complete(request);
  ASSERT_TRUE(done.status.ok()) << done.status.error_message();
  const v1::Decision& renewed = done.response.resulting_decision();
  EXPECT_EQ(renewed.follow_up().reassessment().state(),
            v1::Reassessment::SCHEDULED);
  EXPECT_EQ(renewed.follow_up().data_obligations_size(), 2);
  EXPECT_EQ(Method().status(), v1::Method::INTRODUCED_TEMPORARILY);
}

TEST_F(FollowUpTest, ExtensionMovesTheDeadlineAndReturnsToScheduled) {
  const std::string deadline = temporary_.follow_up().reassessment().deadline();
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  v1::CompleteReassessmentRequest request;
  request.set_decision_id(temporary_.id());
  request.set_outcome(v1::Reassessment::EXTENSION);
  request.set_new_deadline(deadline);
  auto refused = Complete(request);
  EXPECT_THAT(FieldPaths(refused.status), ElementsAre("reason"));
  request.set_reason("Venter på endelig datakutt");
  refused = Complete(request);
  EXPECT_THAT(FieldPaths(refused.status), ElementsAre("new_deadline"));
  EXPECT_THAT(ViolationAt(refused.status, "new_deadline"),
              HasSubstr("after the current deadline"));

  request.set_new_deadline(Day(kToday + 500));
  auto extended = Complete(request);
  ASSERT_TRUE(extended.status.ok()) << extended.status.error_message();
  const v1::Reassessment& r = extended.response.reassessment();
  EXPECT_EQ(r.state(), v1::Reassessment::SCHEDULED);
  EXPECT_EQ(r.deadline(), Day(kToday + 500));
  ASSERT_EQ(r.extensions_size(), 1);
  EXPECT_EQ(r.extensions(0).previous_deadline(), deadline);
  EXPECT_EQ(r.extensions(0).new_deadline(), Day(kToday + 500));
  EXPECT_EQ(r.extensions(0).reason(), "Venter på endelig datakutt");
  EXPECT_EQ(r.extensions(0).decided_date(), Day(kToday));
  EXPECT_FALSE(extended.response.has_resulting_decision());
  EXPECT_EQ(CountRows(server_, "decisions"), 1);

  // An extension is allowed from SCHEDULED too, and again later.
  request.set_new_deadline(Day(kToday + 600));
  auto second = Complete(request);
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  EXPECT_EQ(second.response.reassessment().extensions_size(), 2);
}

TEST_F(FollowUpTest, NoExtensionAfterCompletion) {
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  ASSERT_TRUE(Complete(Outcome(v1::Reassessment::PERMANENT_INTRODUCTION,
                               v1::Decision::INTRODUCED))
                  .status.ok());
  v1::CompleteReassessmentRequest request;
  request.set_decision_id(temporary_.id());
  request.set_outcome(v1::Reassessment::EXTENSION);
  request.set_new_deadline(Day(kToday + 900));
  request.set_reason("for sent");
  EXPECT_EQ(Complete(request).status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(FollowUpTest, ReassessmentOfAnotherKindOfDecisionIsRefused) {
  CreateMethodOrFail(*stub_, ValidMethod("ID2022_057"));
  v1::Decision introduced =
      CreateDecisionOrFail(*stub_, IntroducedDecision("ID2022_057", kToday));
  EXPECT_EQ(Start(introduced.id()).status.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Start(12345).status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(FollowUpTest, CompletionDateIsChecked) {
  ASSERT_TRUE(Start(temporary_.id()).status.ok());
  v1::CompleteReassessmentRequest request = Outcome(
      v1::Reassessment::PERMANENT_INTRODUCTION, v1::Decision::INTRODUCED);
  request.set_completed_date(Day(kToday + 1));
  EXPECT_THAT(FieldPaths(Complete(request).status),
              ElementsAre("completed_date"));
  request.set_completed_date(Day(kToday - 101));
  EXPECT_THAT(FieldPaths(Complete(request).status),
              ElementsAre("completed_date"));
}

}  // namespace
}  // namespace mea::testing
