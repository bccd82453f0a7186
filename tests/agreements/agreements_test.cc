// Agreements through the real server: create, read, list, update, the
// lifecycle, validation paths, and the public summary.
#include <algorithm>
#include <string>

#include "tests/agreements/agreement_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class AgreementsTest : public AgreementTest {
 protected:
  void SetUp() override {
    CreateMethod("ID2021_045");
    CreateMethod("ID2022_057");
  }
};

TEST_F(AgreementsTest, CreatedAgreementReadsBackWithDefaultsAndSummary) {
  v1::Agreement sample = SampleAgreement("SI-2025-0042", "ID2021_045");
  sample.set_unit_price("45210.5");
  v1::Agreement created;
  ASSERT_TRUE(Create(sample, &created).ok());

  v1::Agreement read;
  ASSERT_TRUE(Get("SI-2025-0042", &read).ok());
  EXPECT_EQ(read.state(), v1::Agreement::DRAFT);
  EXPECT_EQ(read.unit_price(), "45210.50");
  EXPECT_EQ(read.supplier(), "Leverandør AS");
  EXPECT_EQ(read.valid_to(), "2026-12-31");
  EXPECT_EQ(read.clauses_size(), 3);
  EXPECT_EQ(read.clauses(0).flat_discount().percent(), "7.25");
  EXPECT_EQ(read.create_time(), "2026-03-02T11:00:00Z");
  EXPECT_EQ(read.summary().agreement_id(), "SI-2025-0042");
  EXPECT_THAT(read.summary().clause_types(),
              ElementsAre("flat_discount", "price_volume", "expenditure_cap"));
  EXPECT_THAT(read.summary().description(), HasSubstr("2 tiers"));
  EXPECT_EQ(created.SerializeAsString(), read.SerializeAsString());
}

TEST_F(AgreementsTest, PublicSummaryShowsNoFigures) {
  v1::Agreement created;
  ASSERT_TRUE(
      Create(SampleAgreement("SI-2025-0042", "ID2021_045"), &created).ok());
  const std::string summary = created.summary().DebugString();
  for (const char* figure : {"45210", "7.25", "12.5", "500", "98765432"}) {
    EXPECT_THAT(summary, Not(HasSubstr(figure))) << figure;
  }
  EXPECT_THAT(created.summary().description(),
              HasSubstr("price-volume (pris-volum) on all units"));
}

TEST_F(AgreementsTest, InvalidFieldsAreAllNamedAndNothingIsStored) {
  v1::Agreement bad = SampleAgreement("SI 2025/42", "ID2021_045");
  bad.set_supplier("");
  bad.set_valid_from("2026-02-30");
  bad.set_valid_to("2025-01-01");
  bad.set_unit_price("12,50");
  grpc::Status status = Create(bad);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = ViolationFields(status);
  EXPECT_THAT(fields, Contains("agreement.id"));
  EXPECT_THAT(fields, Contains("agreement.supplier"));
  EXPECT_THAT(fields, Contains("agreement.valid_from"));
  EXPECT_THAT(fields, Contains("agreement.unit_price"));
  v1::ListAgreementsResponse listed;
  grpc::ClientContext call;
  ASSERT_TRUE(
      agreements_->ListAgreements(&call, v1::ListAgreementsRequest(), &listed)
          .ok());
  EXPECT_EQ(listed.agreements_size(), 0);
}

TEST_F(AgreementsTest, ClausesAreCheckedByTheEvaluationRules) {
  v1::Agreement bad = SampleAgreement("SI-2025-0043", "ID2021_045");
  bad.set_valid_to("2024-12-31");
  auto* tiers = bad.mutable_clauses(1)->mutable_price_volume()->mutable_tiers();
  tiers->Mutable(1)->set_above_units(0);
  *bad.add_clauses() = bad.clauses(2);
  grpc::Status status = Create(bad);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = ViolationFields(status);
  EXPECT_THAT(fields, Contains("agreement.valid_to"));
  EXPECT_THAT(
      fields,
      Contains("agreement.clauses[1].price_volume.tiers[1].above_units"));
  EXPECT_THAT(fields, Contains("agreement.clauses[3].expenditure_cap"));
}

TEST_F(AgreementsTest, MalformedIdsAreInvalidNotMissing) {
  v1::Agreement agreement;
  grpc::Status status = Get("SI' OR '1'='1", &agreement);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status), ElementsAre("id"));
  v1::StoredSettlement stored;
  EXPECT_THAT(ViolationFields(Settle("x'); DROP TABLE methods; --",
                                     "2025-01-01", "2025-12-31", "", &stored)),
              ElementsAre("agreement_id"));
  v1::ListAgreementsRequest request;
  request.set_method_id("ID2021_45X");
  v1::ListAgreementsResponse response;
  grpc::ClientContext call;
  EXPECT_THAT(
      ViolationFields(agreements_->ListAgreements(&call, request, &response)),
      ElementsAre("method_id"));
}

TEST_F(AgreementsTest, ReferencesAndDuplicatesAreRefused) {
  EXPECT_EQ(Create(SampleAgreement("SI-1", "ID2099_001")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const int64_t other = CreateDecision("ID2022_057");
  v1::Agreement wrong_decision = SampleAgreement("SI-2", "ID2021_045");
  wrong_decision.set_decision_id(other);
  grpc::Status status = Create(wrong_decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationFields(status), ElementsAre("agreement.decision_id"));
  v1::Agreement unknown_decision = SampleAgreement("SI-3", "ID2021_045");
  unknown_decision.set_decision_id(9999);
  EXPECT_EQ(Create(unknown_decision).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::Agreement right = SampleAgreement("SI-4", "ID2022_057");
  right.set_decision_id(other);
  ASSERT_TRUE(Create(right).ok());
  EXPECT_EQ(Create(right).error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(AgreementsTest, ListFiltersAndPages) {
  ASSERT_TRUE(Create(SampleAgreement("SI-A", "ID2021_045")).ok());
  v1::Agreement active = SampleAgreement("SI-B", "ID2021_045");
  active.set_state(v1::Agreement::ACTIVE);
  ASSERT_TRUE(Create(active).ok());
  v1::Agreement other = SampleAgreement("SI-C", "ID2022_057");
  other.set_supplier("MSD (Norge) AS");
  ASSERT_TRUE(Create(other).ok());

  auto list = [&](v1::ListAgreementsRequest request) {
    v1::ListAgreementsResponse response;
    grpc::ClientContext call;
    EXPECT_TRUE(agreements_->ListAgreements(&call, request, &response).ok());
    std::vector<std::string> ids;
    for (const auto& agreement : response.agreements()) {
      ids.push_back(agreement.id());
    }
    return std::make_pair(ids, response.next_page_token());
  };
  v1::ListAgreementsRequest by_method;
  by_method.set_method_id("ID2021_045");
  EXPECT_THAT(list(by_method).first, ElementsAre("SI-A", "SI-B"));
  v1::ListAgreementsRequest by_state;
  by_state.set_state(v1::Agreement::ACTIVE);
  EXPECT_THAT(list(by_state).first, ElementsAre("SI-B"));
  v1::ListAgreementsRequest by_supplier;
  by_supplier.set_supplier("MSD (Norge) AS");
  EXPECT_THAT(list(by_supplier).first, ElementsAre("SI-C"));

  v1::ListAgreementsRequest paged;
  paged.set_page_size(2);
  auto [first, token] = list(paged);
  EXPECT_THAT(first, ElementsAre("SI-A", "SI-B"));
  ASSERT_FALSE(token.empty());
  paged.set_page_token(token);
  auto [second, end] = list(paged);
  EXPECT_THAT(second, ElementsAre("SI-C"));
  EXPECT_TRUE(end.empty());
  paged.set_method_id("ID2021_045");
  v1::ListAgreementsResponse response;
  grpc::ClientContext call;
  EXPECT_THAT(
      ViolationFields(agreements_->ListAgreements(&call, paged, &response)),
      ElementsAre("page_token"));
}

TEST_F(AgreementsTest, UpdateChangesOnlyMaskedFields) {
  ASSERT_TRUE(Create(SampleAgreement("SI-5", "ID2021_045")).ok());
  v1::Agreement change;
  change.set_id("SI-5");
  change.set_supplier("Ny Leverandør AS");
  change.set_unit_price("1.00");
  v1::Agreement updated;
  ASSERT_TRUE(Update(change, {"supplier"}, &updated).ok());
  EXPECT_EQ(updated.supplier(), "Ny Leverandør AS");
  EXPECT_EQ(updated.unit_price(), "45210.50");
  EXPECT_EQ(updated.clauses_size(), 3);

  grpc::Status unknown = Update(change, {"supplier", "method_id"});
  EXPECT_THAT(ViolationFields(unknown), ElementsAre("update_mask.paths[1]"));

  v1::Agreement bad_terms = SampleAgreement("SI-5", "ID2021_045");
  bad_terms.mutable_clauses(0)->mutable_flat_discount()->set_percent("101");
  EXPECT_THAT(ViolationFields(Update(bad_terms, {"clauses"})),
              ElementsAre("agreement.clauses[0].flat_discount.percent"));
  v1::Agreement read;
  ASSERT_TRUE(Get("SI-5", &read).ok());
  EXPECT_EQ(read.clauses(0).flat_discount().percent(), "7.25");
}

TEST_F(AgreementsTest, LifecycleAllowsOnlyForwardTransitions) {
  ASSERT_TRUE(Create(SampleAgreement("SI-6", "ID2021_045")).ok());
  v1::Agreement state;
  state.set_id("SI-6");
  state.set_state(v1::Agreement::EXPIRED);
  EXPECT_EQ(Update(state, {"state"}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  state.set_state(v1::Agreement::ACTIVE);
  ASSERT_TRUE(Update(state, {"state"}).ok());
  state.set_state(v1::Agreement::DRAFT);
  EXPECT_EQ(Update(state, {"state"}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  state.set_state(v1::Agreement::TERMINATED);
  ASSERT_TRUE(Update(state, {"state"}).ok());
  state.set_title("Endret tittel");
  EXPECT_EQ(Update(state, {"title"}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::Agreement created_ended = SampleAgreement("SI-7", "ID2021_045");
  created_ended.set_state(v1::Agreement::EXPIRED);
  EXPECT_THAT(ViolationFields(Create(created_ended)),
              ElementsAre("agreement.state"));
}

}  // namespace
}  // namespace mea::testing
