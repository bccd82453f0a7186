// rules::Validate: every semantic rule of evaluation.md, with its path.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/evaluation.h"
#include "rules/money.h"
#include "tests/rules/test_inputs.h"

namespace mea::rules {
namespace {

using ::mea::rules::testing::AddDispensing;
using ::mea::rules::testing::AddPatient;
using ::mea::rules::testing::At;
using ::mea::rules::testing::BaseInput;
using ::mea::rules::testing::Day;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

MATCHER_P2(Violation, field, description_part, "") {
  return arg.field == field &&
         arg.description.find(description_part) != std::string::npos;
}

EvaluationInput ValidInput() {
  EvaluationInput input = BaseInput();
  input.clauses = {FlatDiscount{.percent_hundredths = 200}};
  return input;
}

TEST(ValidateTest, AcceptsAValidInput) {
  EvaluationInput input = ValidInput();
  const int p = AddPatient(input, "P1", "2025-01-10",
                           {At("2025-01-10", Outcome::kStable)}, "2025-06-01",
                           "2025-09-01");
  AddDispensing(input, "2025-01-10", 2, p);
  AddDispensing(input, "2025-02-10", 2);
  EXPECT_THAT(Validate(input), IsEmpty());
}

TEST(ValidateTest, TierOrderNamesThePreviousTier) {
  EvaluationInput input = BaseInput();
  input.clauses.push_back(
      PriceVolume{.basis = TierBasis::kAllUnits,
                  .tiers = {{.above_units = 500, .percent_hundredths = 100},
                            {.above_units = 500, .percent_hundredths = 200}}});
  EXPECT_THAT(
      Validate(input),
      ElementsAre(Violation("agreement.clauses[0].price_volume.tiers[1]"
                            ".above_units",
                            "must be greater than the previous tier's (500)")));
  EXPECT_EQ(Validate(input)[0].description,
            "must be greater than the previous tier's (500)");
}

TEST(ValidateTest, TiersMustExistAndBeNonNegative) {
  EvaluationInput input = BaseInput();
  input.clauses.push_back(PriceVolume{});
  input.clauses.push_back(
      PriceVolume{.tiers = {{.above_units = -1, .percent_hundredths = 0}}});
  EXPECT_THAT(
      Validate(input),
      ElementsAre(
          Violation("agreement.clauses[0].price_volume.tiers", "at least one"),
          Violation("agreement.clauses[1].price_volume.tiers[0].above_units",
                    "at least 0")));
}

TEST(ValidateTest, ClauseCountIsOneToTwenty) {
  EvaluationInput input = BaseInput();
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("agreement.clauses", "1 to 20")));
  input.clauses.assign(20, FlatDiscount{});
  EXPECT_THAT(Validate(input), IsEmpty());
  input.clauses.assign(21, FlatDiscount{});
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("agreement.clauses", "got 21")));
}

TEST(ValidateTest, AtMostOneCapAndOnePaymentByResult) {
  EvaluationInput input = BaseInput();
  input.clauses = {ExpenditureCap{}, PaymentByResult{.assessment_weeks = 12},
                   ExpenditureCap{}, PaymentByResult{.assessment_weeks = 12},
                   FlatDiscount{},   FlatDiscount{}};
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("agreement.clauses[2].expenditure_cap",
                                    "agreement.clauses[0]"),
                          Violation("agreement.clauses[3].payment_by_result",
                                    "agreement.clauses[1]")));
}

TEST(ValidateTest, AgreementFields) {
  EvaluationInput input = ValidInput();
  input.agreement_id = "";
  input.method_id = "ID21_045";
  input.unit_price_ore = 0;
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("agreement.id", "required"),
                          Violation("agreement.method_id", "ID2021_045"),
                          Violation("agreement.unit_price", "greater than 0")));
  for (const char* bad : {"id2021_045", "ID2021-045", "ID2021_45", "ID20210045",
                          "ID2021_0450", "IDabcd_045"}) {
    input = ValidInput();
    input.method_id = bad;
    EXPECT_THAT(Validate(input),
                ElementsAre(Violation("agreement.method_id", bad)));
  }
}

TEST(ValidateTest, ClauseParameterRanges) {
  EvaluationInput input = BaseInput();
  input.clauses = {PatientUnitCap{.max_units = 0}, InitialDiscount{.weeks = 0},
                   PaymentByResult{.assessment_weeks = 521},
                   OutcomeGuarantee{.measure = "", .min_patients = -1}};
  EXPECT_THAT(
      Validate(input),
      ElementsAre(
          Violation("agreement.clauses[0].patient_unit_cap.max_units",
                    "at least 1"),
          Violation("agreement.clauses[1].initial_discount.weeks",
                    "between 1 and 520"),
          Violation("agreement.clauses[2].payment_by_result.assessment_weeks",
                    "got 521"),
          Violation("agreement.clauses[3].outcome_guarantee.measure",
                    "required"),
          Violation("agreement.clauses[3].outcome_guarantee.min_patients",
                    "at least 0")));
}

TEST(ValidateTest, DispensingRules) {
  EvaluationInput input = ValidInput();
  const int p = AddPatient(input, "P1", "2025-01-10");
  AddDispensing(input, "2025-01-10", 0, p);
  AddDispensing(input, "2025-01-09", 1, p);
  AddDispensing(input, "2025-01-09", 1);  // no patient: no start to check
  input.dispensings.push_back({Day("2025-01-10"), 7, 1});
  EXPECT_THAT(
      Validate(input),
      ElementsAre(
          Violation("results.dispensings[0].units", "at least 1, got 0"),
          Violation("results.dispensings[1].date",
                    "2025-01-09 is before the start_date of patient \"P1\" "
                    "(2025-01-10)"),
          Violation("results.dispensings[3].patient", "names no patient")));
}

TEST(ValidateTest, CostLimitCountsOnlyDispensingsUpToAsOf) {
  EvaluationInput input = ValidInput();
  input.unit_price_ore = kMaxMoneyOre / 1000;  // 100000000.00
  AddDispensing(input, "2025-01-10", 1000);
  EXPECT_THAT(Validate(input), IsEmpty());
  AddDispensing(input, "2026-02-02", 5);  // after as_of: not known yet
  EXPECT_THAT(Validate(input), IsEmpty());
  AddDispensing(input, "2026-02-01", 1);
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("results.dispensings",
                                    "more than 100000000000.00")));
}

TEST(ValidateTest, CostLimitSurvivesHugeUnitCounts) {
  EvaluationInput input = ValidInput();
  AddDispensing(input, "2025-01-10", std::numeric_limits<std::int64_t>::max());
  AddDispensing(input, "2025-01-11", std::numeric_limits<std::int64_t>::max());
  EXPECT_THAT(Validate(input),
              ElementsAre(Violation("results.dispensings", "more than")));
}

TEST(ValidateTest, PatientRules) {
  EvaluationInput input = ValidInput();
  AddPatient(input, "P1", "2025-01-10");
  AddPatient(input, "P2", "2025-01-10", {At("2025-01-09", Outcome::kStable)},
             "2025-01-09", "2025-01-08");
  AddPatient(input, "P1", "2025-01-10");
  AddPatient(input, "", "2025-01-10");
  EXPECT_THAT(
      Validate(input),
      ElementsAre(
          Violation("results.patients[1].stop_date",
                    "2025-01-09 is before start_date (2025-01-10)"),
          Violation("results.patients[1].death_date", "before start_date"),
          Violation("results.patients[1].assessments[0].date",
                    "before start_date"),
          Violation("results.patients[2].id",
                    "duplicates the id of results.patients[0]"),
          Violation("results.patients[3].id", "required")));
}

TEST(ValidateTest, DatesOnTheStartDayAreFine) {
  EvaluationInput input = ValidInput();
  AddPatient(input, "P1", "2025-01-10", {At("2025-01-10", Outcome::kStable)},
             "2025-01-10", "2025-01-10");
  EXPECT_THAT(Validate(input), IsEmpty());
}

TEST(ValidateTest, GroupOutcomeRules) {
  EvaluationInput input = ValidInput();
  input.group_outcomes = {
      {.measure = "orr", .n = 3, .data_cut = Day("2025-06-30")},
      {.measure = "orr", .n = -1, .data_cut = Day("2025-06-30")},
      {.measure = "pfs", .n = 0, .data_cut = Day("2025-06-30")},
      {.measure = "", .n = 0, .data_cut = Day("2025-07-30")}};
  EXPECT_THAT(
      Validate(input),
      ElementsAre(Violation("results.group_outcomes[1].n", "at least 0"),
                  Violation("results.group_outcomes[1].data_cut",
                            "results.group_outcomes[0] already has "
                            "measure \"orr\" on 2025-06-30"),
                  Violation("results.group_outcomes[3].measure", "required")));
}

TEST(ValidateTest, PeriodStartNotAfterEnd) {
  EvaluationInput input = ValidInput();
  input.period = {Day("2025-01-02"), Day("2025-01-02")};
  EXPECT_THAT(Validate(input), IsEmpty());
  input.period = {Day("2025-01-02"), Day("2025-01-01")};
  EXPECT_THAT(Validate(input), ElementsAre(Violation(
                                   "period.end", "period.start (2025-01-02)")));
}

TEST(ValidateTest, StopsAtTheLimit) {
  EvaluationInput input = ValidInput();
  for (int i = 0; i < 1000; ++i) AddDispensing(input, "2025-01-10", 0);
  EXPECT_EQ(Validate(input).size(), kMaxViolations);
  EXPECT_EQ(Validate(input, 3).size(), 3u);
}

}  // namespace
}  // namespace mea::rules
