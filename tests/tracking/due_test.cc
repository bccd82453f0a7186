// What is due (ListDueItems) and the dossier (GetDossier) through the real
// server: the window, overdue first, filters, paging, and overdue computed
// from the server's today (the same database served with two todays).
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/server/server.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Method A (oncology): temporary since today-300, both obligations overdue
// (due -200 Kreftregisteret, -100 Bayer AS), reassessment due +65.
// Method B (neurology): temporary since today-50, obligations due +50
// (Kreftregisteret) and +150 (Bayer AS), reassessment due +315.
class DueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateMethodOrFail(*stub_, ValidMethod("ID2021_001", "Onkologi"));
    CreateMethodOrFail(*stub_, ValidMethod("ID2021_002", "Nevrologi"));
    a_ = CreateDecisionOrFail(*stub_,
                              TemporaryDecision("ID2021_001", kToday - 300));
    b_ = CreateDecisionOrFail(*stub_,
                              TemporaryDecision("ID2021_002", kToday - 50));
  }

  static Answer<v1::ListDueItemsResponse> Due(
      v1::TrackingService::Stub& stub, const v1::ListDueItemsRequest& request) {
    return CALL(stub, ListDueItems, request, v1::ListDueItemsResponse);
  }

  Answer<v1::ListDueItemsResponse> Due(const v1::ListDueItemsRequest& request) {
    return Due(*stub_, request);
  }

  // "kind:method:due" of each item, in order.
  static std::vector<std::string> Keys(const v1::ListDueItemsResponse& due) {
    std::vector<std::string> keys;
    for (const v1::DueItem& item : due.items()) {
      keys.push_back(absl::StrCat(v1::DueItem::Kind_Name(item.kind()), ":",
                                  item.method_id(), ":", item.due_date()));
    }
    return keys;
  }

  static std::string Key(const char* kind, const char* method,
                         absl::CivilDay due) {
    return absl::StrCat(kind, ":", method, ":", Day(due));
  }

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();
  v1::Decision a_;
  v1::Decision b_;
};

TEST_F(DueTest, DefaultWindowIsNinetyDaysWithOverdueFirst) {
  auto due = Due(v1::ListDueItemsRequest());
  ASSERT_TRUE(due.status.ok()) << due.status.error_message();
  EXPECT_THAT(Keys(due.response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_001", kToday - 200),
                          Key("DATA_OBLIGATION", "ID2021_001", kToday - 100),
                          Key("DATA_OBLIGATION", "ID2021_002", kToday + 50),
                          Key("REASSESSMENT", "ID2021_001", kToday + 65)));
  EXPECT_EQ(due.response.total_count(), 4);
  EXPECT_EQ(due.response.overdue_count(), 2);
  EXPECT_EQ(due.response.today(), Day(kToday));
  const v1::DueItem& first = due.response.items(0);
  EXPECT_TRUE(first.overdue());
  EXPECT_EQ(first.days_until_due(), -200);
  EXPECT_EQ(first.responsible_organisation(), "Kreftregisteret");
  EXPECT_EQ(first.method_title(), "Testmetode ID2021_001");
  EXPECT_EQ(first.therapeutic_area(), "Onkologi");
  EXPECT_EQ(first.decision_id(), a_.id());
  EXPECT_EQ(first.data_obligation_id(),
            a_.follow_up().data_obligations(0).id());
  const v1::DueItem& reassessment = due.response.items(3);
  EXPECT_FALSE(reassessment.overdue());
  EXPECT_EQ(reassessment.days_until_due(), 65);
  EXPECT_EQ(reassessment.decision_id(), a_.id());
  EXPECT_EQ(reassessment.data_obligation_id(), 0);
  EXPECT_EQ(reassessment.responsible_organisation(),
            "Sekretariatet for Nye metoder");
}

TEST_F(DueTest, EndDateWidensOrNarrowsTheWindowButKeepsOverdue) {
  v1::ListDueItemsRequest request;
  request.set_end_date(Day(kToday + 1000));
  EXPECT_EQ(Due(request).response.items_size(), 6);
  request.set_end_date(Day(kToday - 365));
  auto overdue_only = Due(request);
  EXPECT_EQ(overdue_only.response.items_size(), 2);
  EXPECT_EQ(overdue_only.response.overdue_count(), 2);
}

TEST_F(DueTest, OverdueIsComputedFromTheServersToday) {
  // The same database file served by a second server that lives 60 days on.
  FixedClock later(kToday + 60);
  services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = server_.database_path();
  options.clock = &later;
  auto second = services::MeaServer::Start(options);
  ASSERT_TRUE(second.ok()) << second.status();
  auto later_stub = v1::TrackingService::NewStub(grpc::CreateChannel(
      (*second)->address(), grpc::InsecureChannelCredentials()));

  auto now = Due(v1::ListDueItemsRequest());
  auto then = Due(*later_stub, v1::ListDueItemsRequest());
  ASSERT_TRUE(then.status.ok()) << then.status.error_message();
  EXPECT_EQ(now.response.overdue_count(), 2);
  EXPECT_EQ(then.response.overdue_count(), 3);
  EXPECT_EQ(then.response.today(), Day(kToday + 60));
  EXPECT_THAT(Keys(then.response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_001", kToday - 200),
                          Key("DATA_OBLIGATION", "ID2021_001", kToday - 100),
                          Key("DATA_OBLIGATION", "ID2021_002", kToday + 50),
                          Key("REASSESSMENT", "ID2021_001", kToday + 65),
                          Key("DATA_OBLIGATION", "ID2021_002", kToday + 150)));
  EXPECT_TRUE(then.response.items(2).overdue());
  EXPECT_EQ(then.response.items(2).days_until_due(), -10);

  // The decision itself shows the same flags.
  v1::GetDecisionRequest get;
  get.set_id(b_.id());
  EXPECT_FALSE(CALL(*stub_, GetDecision, get, v1::Decision)
                   .response.follow_up()
                   .data_obligations(0)
                   .overdue());
  EXPECT_TRUE(CALL(*later_stub, GetDecision, get, v1::Decision)
                  .response.follow_up()
                  .data_obligations(0)
                  .overdue());
  (*second)->Shutdown(absl::ZeroDuration());
}

TEST_F(DueTest, Filters) {
  v1::ListDueItemsRequest by_organisation;
  by_organisation.set_responsible_organisation("kreftregisteret");
  EXPECT_THAT(Keys(Due(by_organisation).response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_001", kToday - 200),
                          Key("DATA_OBLIGATION", "ID2021_002", kToday + 50)));
  v1::ListDueItemsRequest by_method;
  by_method.set_method_id("ID2021_002");
  EXPECT_THAT(Keys(Due(by_method).response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_002", kToday + 50)));
  v1::ListDueItemsRequest by_kind;
  by_kind.add_kinds(v1::DueItem::REASSESSMENT);
  by_kind.set_end_date(Day(kToday + 1000));
  EXPECT_THAT(Keys(Due(by_kind).response),
              ElementsAre(Key("REASSESSMENT", "ID2021_001", kToday + 65),
                          Key("REASSESSMENT", "ID2021_002", kToday + 315)));
  v1::ListDueItemsRequest by_area;
  by_area.set_therapeutic_area("Nevrologi");
  auto neurology = Due(by_area);
  EXPECT_THAT(Keys(neurology.response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_002", kToday + 50)));
  EXPECT_EQ(neurology.response.total_count(), 1);
  EXPECT_EQ(neurology.response.overdue_count(), 0);
}

TEST_F(DueTest, PagesCoverTheListOnceWithCountsOverAllPages) {
  v1::ListDueItemsRequest all;
  all.set_end_date(Day(kToday + 1000));
  std::vector<std::string> expected = Keys(Due(all).response);
  ASSERT_EQ(expected.size(), 6u);

  v1::ListDueItemsRequest request = all;
  request.set_page_size(4);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    auto page = Due(request);
    ASSERT_TRUE(page.status.ok()) << page.status.error_message();
    EXPECT_EQ(page.response.total_count(), 6);
    EXPECT_EQ(page.response.overdue_count(), 2);
    for (const std::string& key : Keys(page.response)) seen.push_back(key);
    request.set_page_token(page.response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen, expected);
}

TEST_F(DueTest, InvalidQueryNamesItsFields) {
  v1::ListDueItemsRequest request;
  request.set_end_date("2026-02-30");
  request.set_method_id("ID26_1");
  request.add_kinds(v1::DueItem::KIND_UNSPECIFIED);
  request.add_kinds(v1::DueItem::REASSESSMENT);
  request.add_kinds(static_cast<v1::DueItem::Kind>(9));
  request.set_page_token("not-a-token");
  auto refused = Due(request);
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldPaths(refused.status),
              UnorderedElementsAre("end_date", "method_id", "kinds[0]",
                                   "kinds[2]", "page_token"));
}

TEST_F(DueTest, ClosedItemsLeaveTheList) {
  v1::DeliverDataObligationRequest deliver;
  deliver.set_id(a_.follow_up().data_obligations(0).id());
  deliver.set_delivery_reference("KRG-1");
  ASSERT_TRUE(CALL(*stub_, DeliverDataObligation, deliver, v1::DataObligation)
                  .status.ok());
  v1::WaiveDataObligationRequest waive;
  waive.set_id(a_.follow_up().data_obligations(1).id());
  waive.set_reason("Ikke lenger relevant");
  ASSERT_TRUE(
      CALL(*stub_, WaiveDataObligation, waive, v1::DataObligation).status.ok());
  auto due = Due(v1::ListDueItemsRequest());
  EXPECT_THAT(Keys(due.response),
              ElementsAre(Key("DATA_OBLIGATION", "ID2021_002", kToday + 50),
                          Key("REASSESSMENT", "ID2021_001", kToday + 65)));
  EXPECT_EQ(due.response.overdue_count(), 0);
}

TEST_F(DueTest, ExtensionMovesTheReassessmentItem) {
  v1::CompleteReassessmentRequest extend;
  extend.set_decision_id(a_.id());
  extend.set_outcome(v1::Reassessment::EXTENSION);
  extend.set_new_deadline(Day(kToday + 200));
  extend.set_reason("Venter på registerdata");
  ASSERT_TRUE(CALL(*stub_, CompleteReassessment, extend,
                   v1::CompleteReassessmentResponse)
                  .status.ok());
  v1::ListDueItemsRequest request;
  request.add_kinds(v1::DueItem::REASSESSMENT);
  request.set_end_date(Day(kToday + 250));
  EXPECT_THAT(Keys(Due(request).response),
              ElementsAre(Key("REASSESSMENT", "ID2021_001", kToday + 200)));
}

TEST_F(DueTest, DossierHoldsTheWholeCase) {
  v1::StartReassessmentRequest start;
  start.set_decision_id(a_.id());
  ASSERT_TRUE(
      CALL(*stub_, StartReassessment, start, v1::Reassessment).status.ok());
  v1::CompleteReassessmentRequest complete;
  complete.set_decision_id(a_.id());
  complete.set_outcome(v1::Reassessment::PHASE_OUT);
  complete.mutable_resulting_decision()->set_body(
      v1::Decision::BESLUTNINGSFORUM);
  complete.mutable_resulting_decision()->set_introduction_type(
      v1::Decision::PHASED_OUT);
  auto completed = CALL(*stub_, CompleteReassessment, complete,
                        v1::CompleteReassessmentResponse);
  ASSERT_TRUE(completed.status.ok()) << completed.status.error_message();

  v1::GetDossierRequest request;
  request.set_method_id("ID2021_001");
  auto dossier = CALL(*stub_, GetDossier, request, v1::Dossier);
  ASSERT_TRUE(dossier.status.ok()) << dossier.status.error_message();
  const v1::Dossier& d = dossier.response;
  EXPECT_EQ(d.method().status(), v1::Method::PHASED_OUT);
  ASSERT_EQ(d.decisions_size(), 2);
  EXPECT_EQ(d.decisions(0).introduction_type(), v1::Decision::PHASED_OUT);
  EXPECT_EQ(d.decisions(1).id(), a_.id());
  EXPECT_EQ(d.decisions(1).superseded_by_decision_id(), d.decisions(0).id());
  EXPECT_EQ(d.decisions(1).follow_up().reassessment().outcome(),
            v1::Reassessment::PHASE_OUT);
  EXPECT_TRUE(d.decisions(1).follow_up().data_obligations(0).overdue());
  // The reassessment is closed; the two obligations are still owed.
  ASSERT_EQ(d.due_items_size(), 2);
  EXPECT_TRUE(d.due_items(0).overdue());
  EXPECT_EQ(d.overdue_count(), 2);
  EXPECT_EQ(d.today(), Day(kToday));
  EXPECT_THAT(d.agreements(), IsEmpty());

  v1::GetDossierRequest other;
  other.set_method_id("ID2021_002");
  auto b = CALL(*stub_, GetDossier, other, v1::Dossier);
  // Every open item of the case, not only the next 90 days.
  EXPECT_EQ(b.response.due_items_size(), 3);
  EXPECT_EQ(b.response.overdue_count(), 0);
}

TEST_F(DueTest, DossierOfUnknownOrMalformedMethod) {
  v1::GetDossierRequest request;
  request.set_method_id("ID2030_999");
  EXPECT_EQ(CALL(*stub_, GetDossier, request, v1::Dossier).status.error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_method_id("2030_999");
  EXPECT_THAT(FieldPaths(CALL(*stub_, GetDossier, request, v1::Dossier).status),
              ElementsAre("method_id"));
}

}  // namespace
}  // namespace mea::testing
