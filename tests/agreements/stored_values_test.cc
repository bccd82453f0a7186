// A stored value that the schema should have made impossible, written
// behind the server's back (ExecSql, the CHECK constraints switched off),
// is an INTERNAL error naming the table, the column and the value: never a
// silent default such as an unspecified state or a different trigger kind.
#include <optional>
#include <string>

#include "services/agreements/mapping.h"
#include "tests/agreements/agreement_fixtures.h"
#include "tests/support/database_inspection.h"

namespace mea::testing {
namespace {

using ::testing::HasSubstr;

// Runs `sql` on the server's file with the CHECK constraints off.
constexpr char kUnchecked[] = "PRAGMA ignore_check_constraints = ON; ";

class StoredValuesTest : public AgreementTest {
 protected:
  void SetUp() override {
    example_ = ReadExample("payment-by-result");
    LoadExample(example_);
  }

  void Tamper(const std::string& sql) {
    ASSERT_EQ(ExecSql(server_.database_path(), kUnchecked + sql), "");
  }

  const std::string& id() const { return example_.agreement().id(); }

  v1::EvaluationInput example_;
};

TEST_F(StoredValuesTest, UnknownAgreementStateIsAnInternalError) {
  Tamper("UPDATE agreements SET state = 'SIGNED'");
  v1::Agreement agreement;
  grpc::Status got = Get(id(), &agreement);
  EXPECT_EQ(got.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(got.error_message(),
              HasSubstr("unknown value \"SIGNED\" in agreements.state"));

  v1::ListAgreementsResponse listed;
  grpc::ClientContext call;
  grpc::Status list =
      agreements_->ListAgreements(&call, v1::ListAgreementsRequest(), &listed);
  EXPECT_EQ(list.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(list.error_message(), HasSubstr("agreements.state"));
}

TEST_F(StoredValuesTest, UnknownAssessmentOutcomeStopsTheSettlement) {
  Tamper("UPDATE result_assessments SET outcome = 'CURED' WHERE rowid = 1");
  v1::StoredSettlement stored;
  grpc::Status settled =
      Settle(id(), example_.period().start(), example_.period().end(),
             example_.as_of(), &stored);
  EXPECT_EQ(settled.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(
      settled.error_message(),
      HasSubstr("unknown value \"CURED\" in result_assessments.outcome"));
  EXPECT_EQ(
      QueryValue(server_.database_path(), "SELECT COUNT(*) FROM settlements"),
      "0");
}

TEST_F(StoredValuesTest, UnknownTriggerKindIsAnInternalError) {
  v1::StoredSettlement stored;
  ASSERT_TRUE(Settle(id(), example_.period().start(), example_.period().end(),
                     example_.as_of(), &stored)
                  .ok());
  ASSERT_EQ(stored.settlement().triggers_size(), 1);
  // Settlements are immutable: the tamperer drops the guard first.
  Tamper(
      "DROP TRIGGER settlement_triggers_no_update; "
      "UPDATE settlement_triggers SET kind = 'MISSED'");
  v1::GetSettlementRequest request;
  request.set_agreement_id(id());
  request.set_number(1);
  grpc::ClientContext call;
  grpc::Status got = agreements_->GetSettlement(&call, request, &stored);
  EXPECT_EQ(got.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(
      got.error_message(),
      HasSubstr("unknown value \"MISSED\" in settlement_triggers.kind"));
}

// Every state of the API has a stored state and back, so that no state
// can reach storage unmapped (services/agreements/mapping.h).
TEST(AgreementStateMappingTest, EveryProtoStateMapsBothWays) {
  const google::protobuf::EnumDescriptor& states =
      *v1::Agreement::State_descriptor();
  for (int i = 0; i < states.value_count(); ++i) {
    SCOPED_TRACE(states.value(i)->name());
    const auto state =
        static_cast<v1::Agreement::State>(states.value(i)->number());
    const std::optional<storage::agreements::AgreementState> stored =
        services::agreements::StateFromProto(state);
    if (state == v1::Agreement::STATE_UNSPECIFIED) {
      EXPECT_FALSE(stored.has_value());
      continue;
    }
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(services::agreements::StateToProto(*stored), state);
  }
}

}  // namespace
}  // namespace mea::testing
