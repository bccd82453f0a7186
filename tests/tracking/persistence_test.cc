// What the server acknowledged survives a restart on the same database
// file, and the demo dataset loads through the public API.
#include <gtest/gtest.h>

#include "gmock/gmock.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::Contains;

TEST(PersistenceTest, AcknowledgedWritesSurviveARestart) {
  TestServer server;
  auto stub = server.Tracking();
  CreateMethodOrFail(*stub, ValidMethod("ID2021_045"));
  v1::Decision created =
      CreateDecisionOrFail(*stub, TemporaryDecision("ID2021_045", kToday - 90));
  v1::DeliverDataObligationRequest deliver;
  deliver.set_id(created.follow_up().data_obligations(0).id());
  deliver.set_delivery_reference("KRG-7");
  ASSERT_TRUE(CALL(*stub, DeliverDataObligation, deliver, v1::DataObligation)
                  .status.ok());
  v1::GetDecisionRequest get;
  get.set_id(created.id());
  const std::string before =
      CALL(*stub, GetDecision, get, v1::Decision).response.SerializeAsString();

  server.Restart();
  stub = server.Tracking();
  auto after = CALL(*stub, GetDecision, get, v1::Decision);
  ASSERT_TRUE(after.status.ok()) << after.status.error_message();
  EXPECT_EQ(after.response.SerializeAsString(), before);
  EXPECT_EQ(after.response.follow_up().data_obligations(0).state(),
            v1::DataObligation::DELIVERED);
  v1::GetMethodRequest method;
  method.set_id("ID2021_045");
  EXPECT_EQ(CALL(*stub, GetMethod, method, v1::Method).response.status(),
            v1::Method::INTRODUCED_TEMPORARILY);
}

class DemoTest : public ::testing::Test {
 protected:
  TestServer server_{kToday, /*load_demo=*/true};
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();

  v1::Method::Status StatusOf(const std::string& id) {
    v1::GetMethodRequest request;
    request.set_id(id);
    auto answer = CALL(*stub_, GetMethod, request, v1::Method);
    EXPECT_TRUE(answer.status.ok())
        << id << ": " << answer.status.error_message();
    return answer.response.status();
  }
};

TEST_F(DemoTest, CasesTheAgreementDemoNeedsExist) {
  EXPECT_EQ(StatusOf("ID2021_045"), v1::Method::INTRODUCED_TEMPORARILY);
  EXPECT_EQ(StatusOf("ID2023_112"), v1::Method::GROUP_EXEMPTION);
  EXPECT_EQ(StatusOf("ID2024_008"), v1::Method::INTRODUCED_TEMPORARILY);
  EXPECT_EQ(StatusOf("ID2022_057"), v1::Method::INTRODUCED);
}

TEST_F(DemoTest, EveryStatusAndEveryFollowUpStateOccurs) {
  v1::ListMethodsRequest list;
  list.set_page_size(100);
  auto methods = CALL(*stub_, ListMethods, list, v1::ListMethodsResponse);
  ASSERT_TRUE(methods.status.ok());
  EXPECT_GE(methods.response.methods_size(), 8);
  std::vector<v1::Method::Status> statuses;
  for (const auto& method : methods.response.methods()) {
    statuses.push_back(method.status());
  }
  for (auto status :
       {v1::Method::AWAITING_DECISION, v1::Method::INTRODUCED,
        v1::Method::INTRODUCED_TEMPORARILY, v1::Method::NOT_INTRODUCED,
        v1::Method::GROUP_EXEMPTION, v1::Method::PHASED_OUT}) {
    EXPECT_THAT(statuses, Contains(status));
  }

  v1::ListDecisionsRequest decisions;
  decisions.set_page_size(100);
  auto all = CALL(*stub_, ListDecisions, decisions, v1::ListDecisionsResponse);
  std::vector<v1::DataObligation::State> obligation_states;
  std::vector<v1::Reassessment::State> reassessment_states;
  bool superseded_temporary = false;
  for (const auto& decision : all.response.decisions()) {
    if (!decision.has_follow_up()) continue;
    superseded_temporary |= decision.superseded_by_decision_id() != 0;
    reassessment_states.push_back(decision.follow_up().reassessment().state());
    for (const auto& obligation : decision.follow_up().data_obligations()) {
      obligation_states.push_back(obligation.state());
    }
  }
  EXPECT_TRUE(superseded_temporary);
  EXPECT_THAT(obligation_states, Contains(v1::DataObligation::DELIVERED));
  EXPECT_THAT(obligation_states, Contains(v1::DataObligation::WAIVED));
  EXPECT_THAT(reassessment_states,
              Contains(v1::Reassessment::UNDER_ASSESSMENT));
  EXPECT_THAT(reassessment_states, Contains(v1::Reassessment::COMPLETED));
}

TEST_F(DemoTest, SomethingIsOverdueAndSomethingIsDueSoon) {
  auto due = CALL(*stub_, ListDueItems, v1::ListDueItemsRequest(),
                  v1::ListDueItemsResponse);
  ASSERT_TRUE(due.status.ok());
  int overdue_reassessments = 0;
  int due_within_weeks = 0;
  for (const auto& item : due.response.items()) {
    if (item.overdue() && item.kind() == v1::DueItem::REASSESSMENT) {
      ++overdue_reassessments;
    }
    if (!item.overdue() && item.days_until_due() <= 60) ++due_within_weeks;
  }
  EXPECT_GE(due.response.overdue_count(), 3);
  EXPECT_EQ(overdue_reassessments, 1);
  EXPECT_GE(due_within_weeks, 3);
}

}  // namespace
}  // namespace mea::testing
