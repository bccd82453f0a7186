// evaluation::EvaluationInputFromProto and friends: parsing every string,
// defaults, patient references, and violations with their paths.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "rules/evaluation.h"
#include "evaluation/mapping.h"
#include "common/field_violations.h"

namespace mea::services {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

MATCHER_P2(Violation, field, description_part, "") {
  return arg.field == field &&
         arg.description.find(description_part) != std::string::npos;
}

// A small valid document; tests replace parts of it with Replace().
constexpr char kValid[] = R"json({
  "agreement": {
    "id": "SI-1", "method_id": "ID2021_045", "unit_price": "100.00",
    "clauses": [ {"flat_discount": {"percent": "2"}} ]
  },
  "results": {
    "dispensings": [ {"date": "2025-01-10", "units": 2, "patient": "P1"},
                     {"date": "2025-02-10", "units": 3} ],
    "patients": [ {"id": "P1", "start_date": "2025-01-10",
                   "assessments": [ {"date": "2025-03-01",
                                     "outcome": "STABLE"} ]} ],
    "group_outcomes": [ {"measure": "orr", "value": "0.42", "n": 31,
                         "data_cut": "2025-06-30"} ]
  },
  "period": {"start": "2025-01-01", "end": "2025-12-31"},
  "as_of": "2026-02-01"
})json";

std::string Replace(const std::string& from, const std::string& to) {
  const std::string json = absl::StrReplaceAll(kValid, {{from, to}});
  EXPECT_NE(json, kValid) << "nothing replaced: " << from;
  return json;
}

absl::StatusOr<rules::EvaluationInput> Map(const std::string& json) {
  const absl::StatusOr<mea::v1::EvaluationInput> proto =
      evaluation::ParseEvaluationInputJson(json);
  EXPECT_TRUE(proto.ok()) << proto.status();
  if (!proto.ok()) return proto.status();
  return evaluation::EvaluationInputFromProto(*proto);
}

std::vector<FieldViolations::Violation> ViolationsFor(const std::string& json) {
  const absl::StatusOr<rules::EvaluationInput> input = Map(json);
  EXPECT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), absl::StatusCode::kInvalidArgument);
  return ViolationsOf(input.status());
}

TEST(MappingTest, MapsAValidDocument) {
  const absl::StatusOr<rules::EvaluationInput> input = Map(kValid);
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->agreement_id, "SI-1");
  EXPECT_EQ(input->unit_price_ore, 10000);
  ASSERT_EQ(input->dispensings.size(), 2u);
  EXPECT_EQ(input->dispensings[0].patient, 0);
  EXPECT_EQ(input->dispensings[1].patient, rules::kNoPatient);
  EXPECT_EQ(input->dispensings[1].units, 3);
  EXPECT_EQ(rules::FormatDayNumber(input->dispensings[1].day), "2025-02-10");
  ASSERT_EQ(input->patients.size(), 1u);
  EXPECT_FALSE(input->patients[0].stop.has_value());
  EXPECT_FALSE(input->patients[0].death.has_value());
  EXPECT_EQ(input->patients[0].assessments.at(0).outcome,
            rules::Outcome::kStable);
  EXPECT_EQ(input->group_outcomes.at(0).value.text(), "0.42");
  EXPECT_EQ(rules::FormatDayNumber(input->as_of), "2026-02-01");
}

TEST(MappingTest, AppliesClauseDefaults) {
  const absl::StatusOr<rules::EvaluationInput> input =
      Map(Replace(R"({"flat_discount": {"percent": "2"}})",
                  R"({"expenditure_cap": {"cap": "10"}},
         {"payment_by_result": {"assessment_weeks": 12}},
         {"outcome_guarantee": {"measure": "orr", "threshold": "0.5"}},
         {"outcome_guarantee": {"measure": "orr", "threshold": "0.5",
                                "min_patients": 0, "direction": "AT_MOST",
                                "price_reduction_percent": "7"}})"));
  ASSERT_TRUE(input.ok()) << input.status();
  const auto& cap = std::get<rules::ExpenditureCap>(input->clauses[0]);
  EXPECT_EQ(cap.cap_ore, 1000);
  EXPECT_EQ(cap.refund_percent_hundredths, 10000);
  const auto& pbr = std::get<rules::PaymentByResult>(input->clauses[1]);
  EXPECT_EQ(pbr.refund_percent_hundredths, 10000);
  EXPECT_EQ(pbr.missing_outcome, rules::MissingOutcome::kNoRefund);
  const auto& og = std::get<rules::OutcomeGuarantee>(input->clauses[2]);
  EXPECT_EQ(og.direction, rules::Direction::kAtLeast);
  EXPECT_EQ(og.min_patients, 1);
  EXPECT_EQ(og.price_reduction_percent_hundredths, 0);
  const auto& og2 = std::get<rules::OutcomeGuarantee>(input->clauses[3]);
  EXPECT_EQ(og2.direction, rules::Direction::kAtMost);
  EXPECT_EQ(og2.min_patients, 0);
  EXPECT_EQ(og2.price_reduction_percent_hundredths, 700);
}

TEST(MappingTest, StatusCarriesAllViolationsAsBadRequest) {
  const absl::StatusOr<rules::EvaluationInput> input =
      Map(Replace(R"("start_date": "2025-01-10")",
                  R"("start_date": "2025-01-10", "stop_date": "2025-02-30",
         "death_date": "2025/09/01")"));
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(input.status().message()),
              StartsWith("results.patients[0].stop_date: \"2025-02-30\" is "
                         "not a calendar date"));
  const auto payload = input.status().GetPayload(kBadRequestTypeUrl);
  ASSERT_TRUE(payload.has_value());
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(bad_request.ParseFromString(std::string(*payload)));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(),
            "results.patients[0].stop_date");
  EXPECT_EQ(bad_request.field_violations(1).field(),
            "results.patients[0].death_date");
}

TEST(MappingTest, FormatViolationsHaveTheirPaths) {
  EXPECT_THAT(ViolationsFor(Replace(R"("unit_price": "100.00")",
                                    R"("unit_price": "100.001")")),
              ElementsAre(Violation("agreement.unit_price", "2 decimals")));
  EXPECT_THAT(
      ViolationsFor(Replace(R"("percent": "2")", R"("percent": "100.5")")),
      ElementsAre(Violation("agreement.clauses[0].flat_discount.percent",
                            "0 and 100")));
  EXPECT_THAT(ViolationsFor(
                  Replace(R"("units": 3})", R"("units": 3, "patient": "P9"})")),
              ElementsAre(Violation("results.dispensings[1].patient",
                                    "names no patient in results.patients "
                                    "(\"P9\")")));
  EXPECT_THAT(
      ViolationsFor(Replace(R"("2025-02-10")", R"("")")),
      ElementsAre(Violation("results.dispensings[1].date", "is required")));
  EXPECT_THAT(ViolationsFor(Replace(R"("STABLE")", R"("stable")")),
              ElementsAre(Violation(
                  "results.patients[0].assessments[0].outcome", "RESPONSE")));
  EXPECT_THAT(ViolationsFor(Replace(R"("0.42")", R"("-0.42")")),
              ElementsAre(Violation("results.group_outcomes[0].value",
                                    "non-negative")));
  EXPECT_THAT(ViolationsFor(Replace(R"("as_of": "2026-02-01")",
                                    R"("as_of": "2026-02-29")")),
              ElementsAre(Violation("as_of", "not a calendar date")));
  EXPECT_THAT(ViolationsFor(Replace(R"("end": "2025-12-31")", R"("end": "")")),
              ElementsAre(Violation("period.end", "is required")));
}

TEST(MappingTest, ClauseEnumerationsAndShapes) {
  EXPECT_THAT(
      ViolationsFor(Replace(R"({"flat_discount": {"percent": "2"}})",
                            R"({}, {"price_volume": {"basis": "SOME", "tiers": [
                    {"above_units": 0, "percent": "x"}]}},
             {"payment_by_result": {"assessment_weeks": 12,
                                    "missing_outcome": "MAYBE"}},
             {"outcome_guarantee": {"measure": "orr", "threshold": "",
                                    "direction": "UP"}},
             {"flat_discount": {}})")),
      ElementsAre(
          Violation("agreement.clauses[0]", "exactly one clause type"),
          Violation("agreement.clauses[1].price_volume.basis", "ALL_UNITS"),
          Violation("agreement.clauses[1].price_volume.tiers[0].percent",
                    "percent"),
          Violation("agreement.clauses[2].payment_by_result.missing_outcome",
                    "REFUND"),
          Violation("agreement.clauses[3].outcome_guarantee.threshold",
                    "required"),
          Violation("agreement.clauses[3].outcome_guarantee.direction",
                    "AT_LEAST"),
          Violation("agreement.clauses[4].flat_discount.percent", "required")));
}

TEST(MappingTest, SemanticViolationsComeFromValidate) {
  const std::vector<FieldViolations::Violation> violations = ViolationsFor(
      Replace(R"({"flat_discount": {"percent": "2"}})",
              R"({"price_volume": {"basis": "ALL_UNITS", "tiers": [
                {"above_units": 500, "percent": "1"},
                {"above_units": 500, "percent": "2"}]}})"));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field,
            "agreement.clauses[0].price_volume.tiers[1].above_units");
  EXPECT_EQ(violations[0].description,
            "must be greater than the previous tier's (500)");
  EXPECT_THAT(
      ViolationsFor(Replace(R"("date": "2025-01-10", "units": 2)",
                            R"("date": "2025-01-09", "units": 0)")),
      ElementsAre(Violation("results.dispensings[0].units", "at least 1"),
                  Violation("results.dispensings[0].date",
                            "before the start_date of patient \"P1\"")));
}

TEST(MappingTest, SemanticRulesWaitForParsableValues) {
  // The bad start date would otherwise make every dispensing "before start".
  EXPECT_THAT(ViolationsFor(Replace(R"("start_date": "2025-01-10")",
                                    R"("start_date": "2025-01-32")")),
              ElementsAre(Violation("results.patients[0].start_date",
                                    "not a calendar date")));
}

TEST(MappingTest, ReportsAtMostTheLimit) {
  std::string rows;
  for (int i = 0; i < 200; ++i) {
    absl::StrAppend(&rows, R"({"date": "bad", "units": 1},)");
  }
  const std::vector<FieldViolations::Violation> violations =
      ViolationsFor(Replace(R"("dispensings": [)",
                            absl::StrCat(R"("dispensings": [)", rows)));
  EXPECT_EQ(violations.size(), evaluation::kMaxReportedViolations);
  EXPECT_EQ(violations[0].field, "results.dispensings[0].date");
}

TEST(MappingTest, JsonSyntaxAndUnknownFieldsAreInvalidArgument) {
  for (const std::string& json :
       {std::string("{"), std::string("[]"),
        Replace(R"("as_of")", R"("as_off")"),
        Replace(R"("units": 3)", R"("units": "three")"),
        Replace(R"("units": 3)", R"("units": 2.5)")}) {
    const auto proto = evaluation::ParseEvaluationInputJson(json);
    EXPECT_EQ(proto.status().code(), absl::StatusCode::kInvalidArgument)
        << json;
    EXPECT_THAT(std::string(proto.status().message()),
                HasSubstr("not a valid EvaluationInput JSON document"));
  }
}

TEST(MappingTest, TwoClauseTypesInOneObjectAreRejected) {
  const auto proto =
      evaluation::ParseEvaluationInputJson(Replace(R"({"flat_discount": {"percent": "2"}})",
                                       R"({"flat_discount": {"percent": "2"},
          "patient_unit_cap": {"max_units": 3}})"));
  EXPECT_EQ(proto.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MappingTest, ViolationsOfOtherStatusesIsEmpty) {
  EXPECT_THAT(ViolationsOf(absl::OkStatus()), IsEmpty());
  EXPECT_THAT(ViolationsOf(absl::InvalidArgumentError("x")), IsEmpty());
}

TEST(SettlementToProtoTest, FormatsMoneyDatesAndOptionalOutcomes) {
  rules::Settlement s;
  s.agreement_id = "SI-1";
  s.period = {rules::ParseDayNumber("2025-01-01").value(),
              rules::ParseDayNumber("2025-12-31").value()};
  s.as_of = rules::ParseDayNumber("2026-01-15").value();
  s.units = 3;
  s.gross_cost_ore = 30000;
  s.lines.push_back({"flat_discount", 0, 40000, "why"});
  s.total_refund_ore = 40000;
  s.net_cost_ore = -10000;
  s.triggers.push_back({.clause_index = 1,
                        .kind = rules::TriggerKind::kInsufficientData,
                        .measure = "orr",
                        .observed = "",
                        .threshold = "0.60"});
  mea::v1::Settlement proto = evaluation::SettlementToProto(s);
  EXPECT_EQ(proto.period().end(), "2025-12-31");
  EXPECT_EQ(proto.as_of(), "2026-01-15");
  EXPECT_EQ(proto.gross_cost(), "300.00");
  EXPECT_EQ(proto.lines(0).amount(), "400.00");
  EXPECT_EQ(proto.net_cost(), "-100.00");
  EXPECT_FALSE(proto.has_patient_outcomes());
  EXPECT_EQ(proto.triggers(0).kind(), "INSUFFICIENT_DATA");
  s.patient_outcomes = rules::PatientOutcomeCounts{};
  EXPECT_TRUE(evaluation::SettlementToProto(s).has_patient_outcomes());
}

}  // namespace
}  // namespace mea::services
