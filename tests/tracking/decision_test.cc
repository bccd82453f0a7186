// Decisions (beslutninger) through the real server: follow-up plans written
// atomically with temporary introductions, validation with exact field
// paths, and the decision history with the method's derived status.
#include <gtest/gtest.h>

#include "gmock/gmock.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class DecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateMethodOrFail(*stub_, ValidMethod("ID2021_045"));
    CreateMethodOrFail(*stub_, ValidMethod("ID2022_057"));
  }

  // Rows in every table a decision writes to.
  int64_t StoredRows() {
    int64_t rows = 0;
    for (const char* table :
         {"decisions", "outcome_measures", "data_obligations",
          "data_obligation_measures", "reassessments", "exit_plans"}) {
      rows += CountRows(server_, table);
    }
    return rows;
  }

  v1::Method Method(const std::string& id) {
    v1::GetMethodRequest request;
    request.set_id(id);
    return CALL(*stub_, GetMethod, request, v1::Method).response;
  }

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();
};

TEST_F(DecisionTest, TemporaryIntroductionStoresItsWholePlan) {
  v1::Decision created = CreateDecisionOrFail(
      *stub_, TemporaryDecision("ID2021_045", kToday - 30));
  ASSERT_GT(created.id(), 0);
  const v1::FollowUpPlan& plan = created.follow_up();
  ASSERT_EQ(plan.outcome_measures_size(), 2);
  EXPECT_EQ(plan.outcome_measures(0).name(), "orr");
  EXPECT_EQ(plan.outcome_measures(0).expected_value(), "0.40");
  ASSERT_EQ(plan.data_obligations_size(), 2);
  EXPECT_EQ(plan.data_obligations(0).state(), v1::DataObligation::PENDING);
  EXPECT_EQ(plan.data_obligations(0).method_id(), "ID2021_045");
  EXPECT_EQ(plan.data_obligations(0).decision_id(), created.id());
  EXPECT_THAT(plan.data_obligations(1).outcome_measures(), ElementsAre("pfs"));
  EXPECT_EQ(plan.reassessment().state(), v1::Reassessment::SCHEDULED);
  EXPECT_EQ(plan.reassessment().deadline(), Day(kToday - 30 + 365));
  EXPECT_EQ(plan.exit_plan().payer(), v1::ExitPlan::PAYER_SUPPLIER);
  EXPECT_EQ(Method("ID2021_045").status(), v1::Method::INTRODUCED_TEMPORARILY);

  v1::GetDecisionRequest get;
  get.set_id(created.id());
  auto read = CALL(*stub_, GetDecision, get, v1::Decision);
  ASSERT_TRUE(read.status.ok());
  EXPECT_EQ(read.response.SerializeAsString(), created.SerializeAsString());
}

TEST_F(DecisionTest, TemporaryIntroductionWithoutPlanWritesNothing) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.clear_follow_up();
  auto refused = CreateDecision(*stub_, decision);
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldPaths(refused.status), ElementsAre("decision.follow_up"));
  EXPECT_EQ(StoredRows(), 0);
  EXPECT_EQ(Method("ID2021_045").status(), v1::Method::AWAITING_DECISION);
}

TEST_F(DecisionTest, PlanOnAnotherTypeIsRefused) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.set_introduction_type(v1::Decision::INTRODUCED);
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, decision).status),
              ElementsAre("decision.follow_up"));
  EXPECT_EQ(StoredRows(), 0);
}

TEST_F(DecisionTest, OneBadObligationInAValidPlanWritesNoDecision) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.mutable_follow_up()->mutable_data_obligations(1)->set_due_date(
      "2026-02-30");
  auto refused = CreateDecision(*stub_, decision);
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldPaths(refused.status),
              ElementsAre("decision.follow_up.data_obligations[1].due_date"));
  EXPECT_THAT(ViolationAt(refused.status,
                          "decision.follow_up.data_obligations[1].due_date"),
              HasSubstr("not a calendar date"));
  EXPECT_EQ(StoredRows(), 0);
}

TEST_F(DecisionTest, EveryPlanProblemIsReportedWithItsPath) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  plan->mutable_outcome_measures(0)->set_expected_value("0,40");
  plan->mutable_outcome_measures(1)->set_name("orr");
  plan->mutable_outcome_measures(1)->set_kind(
      v1::OutcomeMeasure::KIND_UNSPECIFIED);
  plan->mutable_data_obligations(0)->set_outcome_measures(0, "os");
  plan->mutable_data_obligations(0)->set_responsible_organisation("");
  plan->mutable_data_obligations(1)->set_due_date(Day(kToday + 400));
  plan->mutable_reassessment()->set_deadline(Day(kToday - 30));
  plan->mutable_exit_plan()->set_payer(v1::ExitPlan::PAYER_UNSPECIFIED);
  auto refused = CreateDecision(*stub_, decision);
  const std::string p = "decision.follow_up.";
  EXPECT_THAT(
      FieldPaths(refused.status),
      UnorderedElementsAre(p + "outcome_measures[0].expected_value",
                           p + "outcome_measures[1].name",
                           p + "outcome_measures[1].kind",
                           p + "data_obligations[0].outcome_measures[0]",
                           p + "data_obligations[0].responsible_organisation",
                           // "pfs" was renamed away by the duplicate above.
                           p + "data_obligations[1].outcome_measures[0]",
                           p + "reassessment.deadline", p + "exit_plan.payer"));
  EXPECT_THAT(ViolationAt(refused.status, p + "outcome_measures[1].name"),
              HasSubstr("duplicate"));
  EXPECT_THAT(ViolationAt(refused.status, p + "reassessment.deadline"),
              HasSubstr("after the decision date"));
  EXPECT_EQ(StoredRows(), 0);
}

TEST_F(DecisionTest, DueDateAfterTheReassessmentDeadlineIsRefused) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.mutable_follow_up()->mutable_data_obligations(1)->set_due_date(
      Day(kToday - 30 + 366));
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, decision).status),
              ElementsAre("decision.follow_up.data_obligations[1].due_date"));
}

TEST_F(DecisionTest, EmptyPlanNamesEachMissingPart) {
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.mutable_follow_up()->Clear();
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, decision).status),
              UnorderedElementsAre("decision.follow_up.outcome_measures",
                                   "decision.follow_up.data_obligations",
                                   "decision.follow_up.reassessment",
                                   "decision.follow_up.exit_plan"));
}

TEST_F(DecisionTest, DecisionFieldsAreValidated) {
  v1::Decision decision = IntroducedDecision("ID2021_45", kToday + 1);
  decision.set_body(v1::Decision::BODY_UNSPECIFIED);
  decision.set_supersedes_decision_id(-3);
  auto refused = CreateDecision(*stub_, decision);
  EXPECT_THAT(
      FieldPaths(refused.status),
      UnorderedElementsAre("decision.method_id", "decision.decision_date",
                           "decision.body", "decision.supersedes_decision_id"));
  EXPECT_THAT(ViolationAt(refused.status, "decision.decision_date"),
              HasSubstr("must not be after today"));
  decision = IntroducedDecision("ID2021_045", kToday);
  decision.set_introduction_type(
      static_cast<v1::Decision::IntroductionType>(42));
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, decision).status),
              ElementsAre("decision.introduction_type"));
}

TEST_F(DecisionTest, GroupExemptionGoesWithTheMedicalDirectors) {
  v1::Decision decision = IntroducedDecision("ID2021_045", kToday);
  decision.set_introduction_type(v1::Decision::GROUP_EXEMPTION);
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, decision).status),
              ElementsAre("decision.body"));
  decision.set_body(v1::Decision::MEDICAL_DIRECTORS);
  EXPECT_TRUE(CreateDecision(*stub_, decision).status.ok());
  EXPECT_EQ(Method("ID2021_045").status(), v1::Method::GROUP_EXEMPTION);
  v1::Decision introduced = IntroducedDecision("ID2022_057", kToday);
  introduced.set_body(v1::Decision::MEDICAL_DIRECTORS);
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, introduced).status),
              ElementsAre("decision.body"));
}

TEST_F(DecisionTest, UnknownMethodIsNotFound) {
  auto refused =
      CreateDecision(*stub_, IntroducedDecision("ID2030_001", kToday));
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DecisionTest, SupersedingBuildsAHistoryAndMovesTheStatus) {
  v1::Decision first = CreateDecisionOrFail(
      *stub_, IntroducedDecision("ID2022_057", kToday - 90));
  v1::Decision phase_out = IntroducedDecision("ID2022_057", kToday - 10);
  phase_out.set_introduction_type(v1::Decision::PHASED_OUT);
  phase_out.set_supersedes_decision_id(first.id());
  v1::Decision second = CreateDecisionOrFail(*stub_, phase_out);
  EXPECT_EQ(second.supersedes_decision_id(), first.id());
  EXPECT_EQ(Method("ID2022_057").status(), v1::Method::PHASED_OUT);

  v1::ListDecisionsRequest list;
  list.set_method_id("ID2022_057");
  auto history = CALL(*stub_, ListDecisions, list, v1::ListDecisionsResponse);
  ASSERT_EQ(history.response.decisions_size(), 2);
  EXPECT_EQ(history.response.decisions(0).id(), second.id());
  EXPECT_EQ(history.response.decisions(1).superseded_by_decision_id(),
            second.id());
  EXPECT_EQ(history.response.decisions(0).superseded_by_decision_id(), 0);
}

TEST_F(DecisionTest, StatusFollowsTheLatestCurrentDecision) {
  v1::Decision not_introduced = IntroducedDecision("ID2022_057", kToday - 200);
  not_introduced.set_introduction_type(v1::Decision::NOT_INTRODUCED);
  CreateDecisionOrFail(*stub_, not_introduced);
  EXPECT_EQ(Method("ID2022_057").status(), v1::Method::NOT_INTRODUCED);
  CreateDecisionOrFail(*stub_, IntroducedDecision("ID2022_057", kToday - 20));
  EXPECT_EQ(Method("ID2022_057").status(), v1::Method::INTRODUCED);
}

TEST_F(DecisionTest, HistoryRulesAreEnforced) {
  v1::Decision first = CreateDecisionOrFail(
      *stub_, IntroducedDecision("ID2022_057", kToday - 90));
  v1::Decision replacement = IntroducedDecision("ID2022_057", kToday - 10);
  replacement.set_supersedes_decision_id(first.id());
  CreateDecisionOrFail(*stub_, replacement);
  const int64_t rows = StoredRows();

  // Already superseded.
  auto twice = CreateDecision(*stub_, replacement);
  EXPECT_EQ(twice.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // Another method's decision.
  v1::Decision foreign = IntroducedDecision("ID2021_045", kToday);
  foreign.set_supersedes_decision_id(first.id());
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, foreign).status),
              ElementsAre("decision.supersedes_decision_id"));
  // Missing decision.
  replacement.set_supersedes_decision_id(999);
  EXPECT_EQ(CreateDecision(*stub_, replacement).status.error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(StoredRows(), rows);
}

TEST_F(DecisionTest, SupersedingDecisionMayNotPredateTheOldOne) {
  v1::Decision first = CreateDecisionOrFail(
      *stub_, IntroducedDecision("ID2022_057", kToday - 10));
  v1::Decision earlier = IntroducedDecision("ID2022_057", kToday - 11);
  earlier.set_supersedes_decision_id(first.id());
  EXPECT_THAT(FieldPaths(CreateDecision(*stub_, earlier).status),
              ElementsAre("decision.decision_date"));
}

TEST_F(DecisionTest, TemporaryIntroductionEndsOnlyThroughItsReassessment) {
  v1::Decision temporary = CreateDecisionOrFail(
      *stub_, TemporaryDecision("ID2021_045", kToday - 30));
  v1::Decision introduced = IntroducedDecision("ID2021_045", kToday);
  introduced.set_supersedes_decision_id(temporary.id());
  auto refused = CreateDecision(*stub_, introduced);
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.status.error_message(),
              HasSubstr("CompleteReassessment"));
}

TEST_F(DecisionTest, ListDecisionsFiltersAndPages) {
  CreateDecisionOrFail(*stub_, TemporaryDecision("ID2021_045", kToday - 30));
  for (int i = 0; i < 4; ++i) {
    v1::Decision decision = IntroducedDecision("ID2022_057", kToday - 40 + i);
    decision.set_introduction_type(v1::Decision::NOT_INTRODUCED);
    CreateDecisionOrFail(*stub_, decision);
  }
  v1::ListDecisionsRequest request;
  request.set_introduction_type(v1::Decision::NOT_INTRODUCED);
  request.set_page_size(3);
  auto first = CALL(*stub_, ListDecisions, request, v1::ListDecisionsResponse);
  ASSERT_TRUE(first.status.ok());
  ASSERT_EQ(first.response.decisions_size(), 3);
  EXPECT_EQ(first.response.decisions(0).decision_date(), Day(kToday - 37));
  request.set_page_token(first.response.next_page_token());
  auto second = CALL(*stub_, ListDecisions, request, v1::ListDecisionsResponse);
  ASSERT_EQ(second.response.decisions_size(), 1);
  EXPECT_EQ(second.response.decisions(0).decision_date(), Day(kToday - 40));
  EXPECT_THAT(second.response.next_page_token(), IsEmpty());

  v1::ListDecisionsRequest bad;
  bad.set_method_id("ID45");
  bad.set_page_size(-1);
  EXPECT_THAT(
      FieldPaths(
          CALL(*stub_, ListDecisions, bad, v1::ListDecisionsResponse).status),
      UnorderedElementsAre("method_id", "page_size"));
}

}  // namespace
}  // namespace mea::testing
