// The tracking enums at the edge between the API and storage: every API
// value (but the UNSPECIFIED zero) maps to exactly one storage value and
// back, and is stored under the API value's own name, the text existing
// databases hold (storage/tracking/enum_texts.h). Walking the proto
// descriptors makes a value added to tracking.proto without a mapping or a
// stored text fail here. And a stored text that is no value at all (a file
// edited behind the server's back) is an INTERNAL error naming the column
// and the text, through the real server.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "services/tracking/mapping.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"
#include "tests/support/database_inspection.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

namespace store = storage::tracking;
using services::tracking::FromProto;
using services::tracking::ToProto;
using ::testing::AllOf;
using ::testing::HasSubstr;

// A number no tracking enum defines.
constexpr int kUndefinedNumber = 999;

template <typename Proto, typename Record, size_t N>
void ExpectEveryValueMapsAndIsStoredByName(
    const storage::EnumText<Record> (&texts)[N]) {
  const google::protobuf::EnumDescriptor* type =
      google::protobuf::GetEnumDescriptor<Proto>();
  SCOPED_TRACE(type->full_name());
  std::set<Record> mapped;
  for (int i = 0; i < type->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = type->value(i);
    const Proto proto = static_cast<Proto>(value->number());
    const std::optional<Record> record = FromProto(proto);
    if (value->number() == 0) {
      EXPECT_FALSE(record.has_value()) << value->name() << " maps to a value";
      continue;
    }
    ASSERT_TRUE(record.has_value()) << value->name() << " has no mapping";
    EXPECT_EQ(ToProto(*record), proto) << value->name() << " maps back wrong";
    EXPECT_EQ(storage::TextOf<Record>(texts, *record), value->name())
        << "the stored text of " << value->name();
    EXPECT_TRUE(mapped.insert(*record).second)
        << value->name() << " maps to the value of another";
  }
  EXPECT_EQ(mapped.size(), N) << "a stored value no API value maps to";
  EXPECT_FALSE(FromProto(static_cast<Proto>(kUndefinedNumber)).has_value());
}

TEST(EnumMappingTest, EveryApiValueMapsBothWaysAndIsStoredByItsName) {
  ExpectEveryValueMapsAndIsStoredByName<v1::Method::Status>(
      store::kMethodStatusTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::Decision::IntroductionType>(
      store::kIntroductionTypeTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::Decision::Body>(
      store::kDecisionBodyTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::DataSource>(
      store::kDataSourceTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::OutcomeMeasure::Kind>(
      store::kMeasureKindTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::OutcomeMeasure::Direction>(
      store::kMeasureDirectionTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::DataObligation::ResponsibleRole>(
      store::kResponsibleRoleTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::DataObligation::State>(
      store::kObligationStateTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::Reassessment::State>(
      store::kReassessmentStateTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::Reassessment::Outcome>(
      store::kReassessmentOutcomeTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::ExitPlan::OngoingTreatment>(
      store::kOngoingTreatmentTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::ExitPlan::Payer>(
      store::kExitPayerTexts);
  ExpectEveryValueMapsAndIsStoredByName<v1::DueItem::Kind>(
      store::kDueItemKindTexts);
}

// What a decision written through the API holds on disk: the names, as
// databases made before storage had enums of its own.
TEST(StoredEnumTest, ValuesWrittenThroughTheApiAreStoredByName) {
  TestServer server;
  auto stub = server.Tracking();
  CreateMethodOrFail(*stub, ValidMethod("ID2021_045"));
  const v1::Decision decision =
      CreateDecisionOrFail(*stub, TemporaryDecision("ID2021_045", kToday));
  const std::string id = std::to_string(decision.id());
  const std::string& path = server.database_path();
  EXPECT_EQ(QueryValue(path,
                       "SELECT body || ' ' || introduction_type FROM "
                       "decisions WHERE id = " +
                           id),
            "BESLUTNINGSFORUM INTRODUCED_TEMPORARILY");
  EXPECT_EQ(QueryValue(path,
                       "SELECT kind || ' ' || direction || ' ' || data_source "
                       "FROM outcome_measures WHERE decision_id = " +
                           id + " ORDER BY id LIMIT 1"),
            "PROPORTION AT_LEAST DATA_SOURCE_CANCER_REGISTRY");
  EXPECT_EQ(QueryValue(path,
                       "SELECT source || ' ' || responsible_role || ' ' || "
                       "state FROM data_obligations WHERE decision_id = " +
                           id + " ORDER BY id LIMIT 1"),
            "DATA_SOURCE_CANCER_REGISTRY REGISTRY PENDING");
  EXPECT_EQ(QueryValue(path,
                       "SELECT ongoing_treatment || ' ' || payer FROM "
                       "exit_plans WHERE decision_id = " +
                           id),
            "CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS PAYER_SUPPLIER");
  EXPECT_EQ(QueryValue(path,
                       "SELECT state FROM reassessments WHERE "
                       "decision_id = " +
                           id),
            "SCHEDULED");
}

TEST(StoredEnumTest, AnUnknownStoredTextIsAnInternalErrorNamingTheColumn) {
  TestServer server;
  auto stub = server.Tracking();
  CreateMethodOrFail(*stub, ValidMethod("ID2021_045"));
  const v1::Decision decision =
      CreateDecisionOrFail(*stub, TemporaryDecision("ID2021_045", kToday));
  // Somebody edits the file, past the schema's CHECK constraints.
  ASSERT_EQ(ExecSql(server.database_path(),
                    "PRAGMA ignore_check_constraints = ON; "
                    "UPDATE outcome_measures SET kind = 'MEDIAN' "
                    "WHERE decision_id = " +
                        std::to_string(decision.id())),
            "");

  v1::GetDecisionRequest get;
  get.set_id(decision.id());
  auto answer = CALL(*stub, GetDecision, get, v1::Decision);
  EXPECT_EQ(answer.status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(
      answer.status.error_message(),
      AllOf(HasSubstr("outcome_measures.kind"), HasSubstr("\"MEDIAN\"")));
}

}  // namespace
}  // namespace mea::testing
