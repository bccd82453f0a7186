// rules::Settle: every clause type, its boundaries, and the as_of rules.

#include "rules/settle.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/evaluation.h"
#include "tests/rules/test_inputs.h"

namespace mea::rules {
namespace {

using ::mea::rules::testing::AddDispensing;
using ::mea::rules::testing::AddPatient;
using ::mea::rules::testing::At;
using ::mea::rules::testing::BaseInput;
using ::mea::rules::testing::Day;
using ::testing::IsEmpty;

// Settles after checking that the test built a valid input.
Settlement SettleValid(const EvaluationInput& input) {
  const std::vector<FieldViolation> violations = Validate(input);
  EXPECT_THAT(violations, IsEmpty())
      << violations.front().field << ": " << violations.front().description;
  return Settle(input);
}

std::int64_t OnlyLine(const EvaluationInput& input) {
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.lines.size(), 1u);
  return s.lines.at(0).amount_ore;
}

// --- gross cost, as_of, flat discount --------------------------------------

TEST(SettleTest, UnitsAndGrossCountOnlyThePeriodUpToAsOf) {
  EvaluationInput input = BaseInput();
  input.clauses = {FlatDiscount{.percent_hundredths = 0}};
  input.as_of = Day("2025-12-30");
  AddDispensing(input, "2024-12-31", 100);  // before the period
  AddDispensing(input, "2025-01-01", 1);    // first day
  AddDispensing(input, "2025-12-30", 2);    // as_of
  AddDispensing(input, "2025-12-31", 4);    // in the period, after as_of
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.units, 3);
  EXPECT_EQ(s.gross_cost_ore, 30000);
  EXPECT_EQ(s.net_cost_ore, 30000);
  EXPECT_FALSE(s.patient_outcomes.has_value());
  EXPECT_THAT(s.triggers, IsEmpty());
}

TEST(SettleTest, FlatDiscountRoundsHalfUp) {
  EvaluationInput input = BaseInput();
  input.unit_price_ore = 1;  // 0.01 NOK
  input.clauses = {FlatDiscount{.percent_hundredths = 5000}};
  AddDispensing(input, "2025-03-01", 1);  // 50 % of 1 øre = 0.5 -> 1
  EXPECT_EQ(OnlyLine(input), 1);
  input.clauses = {FlatDiscount{.percent_hundredths = 4999}};
  EXPECT_EQ(OnlyLine(input), 0);
}

TEST(SettleTest, FlatDiscountLineAndTotals) {
  EvaluationInput input = BaseInput();
  input.clauses = {FlatDiscount{.percent_hundredths = 250}};
  AddDispensing(input, "2025-03-01", 3);
  const Settlement s = SettleValid(input);
  ASSERT_EQ(s.lines.size(), 1u);
  EXPECT_EQ(s.lines[0].clause, "flat_discount");
  EXPECT_EQ(s.lines[0].index, 0);
  EXPECT_EQ(s.lines[0].amount_ore, 750);  // 2.5 % of 300.00
  EXPECT_EQ(s.lines[0].explanation, "2.5 % of gross cost 300.00");
  EXPECT_EQ(s.total_refund_ore, 750);
  EXPECT_EQ(s.net_cost_ore, 29250);
}

// --- price_volume ------------------------------------------------------------

PriceVolume Tiers(TierBasis basis) {
  return {.basis = basis,
          .tiers = {{.above_units = 0, .percent_hundredths = 0},
                    {.above_units = 800, .percent_hundredths = 750},
                    {.above_units = 1200, .percent_hundredths = 1250}}};
}

TEST(PriceVolumeTest, AllUnitsNeedsToExceedTheTier) {
  EvaluationInput input = BaseInput();
  input.clauses = {Tiers(TierBasis::kAllUnits)};
  AddDispensing(input, "2025-03-01", 1200);  // equals 1200: tier 800 only
  EXPECT_EQ(OnlyLine(input), 12000000LL * 750 / 10000);
  AddDispensing(input, "2025-03-02", 1);  // 1201 exceeds 1200
  EXPECT_EQ(OnlyLine(input), 12010000LL * 1250 / 10000);
}

TEST(PriceVolumeTest, AllUnitsExplanationNamesTheFigures) {
  EvaluationInput input = BaseInput();
  input.clauses = {Tiers(TierBasis::kAllUnits)};
  AddDispensing(input, "2025-03-01", 1318);
  EXPECT_EQ(SettleValid(input).lines[0].explanation,
            "1318 units exceed 1200: 12.5 % on all units");
}

TEST(PriceVolumeTest, AllUnitsBelowEveryTierGivesNothing) {
  EvaluationInput input = BaseInput();
  input.clauses = {
      PriceVolume{.basis = TierBasis::kAllUnits,
                  .tiers = {{.above_units = 100, .percent_hundredths = 1000}}}};
  AddDispensing(input, "2025-03-01", 100);
  EXPECT_EQ(OnlyLine(input), 0);
  input.dispensings.clear();
  EXPECT_EQ(OnlyLine(input), 0);  // no units at all
}

TEST(PriceVolumeTest, IncrementalSumsEachTierOverItsUnits) {
  EvaluationInput input = BaseInput();
  input.clauses = {Tiers(TierBasis::kIncremental)};
  AddDispensing(input, "2025-03-01", 1318);
  // units 801..1200 at 7.5 %, 1201..1318 at 12.5 %, of 100.00 each.
  EXPECT_EQ(OnlyLine(input), 400 * 750 + 118 * 1250);
}

TEST(PriceVolumeTest, IncrementalBoundaryUnitBelongsToTheLowerTier) {
  EvaluationInput input = BaseInput();
  input.clauses = {Tiers(TierBasis::kIncremental)};
  AddDispensing(input, "2025-03-01", 800);
  EXPECT_EQ(OnlyLine(input), 0);
  AddDispensing(input, "2025-03-02", 1);  // unit 801 earns 7.5 %
  EXPECT_EQ(OnlyLine(input), 750);
}

TEST(PriceVolumeTest, IncrementalUnitsUpToTheFirstTierEarnNothing) {
  EvaluationInput input = BaseInput();
  input.clauses = {
      PriceVolume{.basis = TierBasis::kIncremental,
                  .tiers = {{.above_units = 10, .percent_hundredths = 1000}}}};
  AddDispensing(input, "2025-03-01", 15);
  EXPECT_EQ(OnlyLine(input), 5 * 1000);
}

TEST(PriceVolumeTest, IncrementalRoundsTheExactSumOnce) {
  EvaluationInput input = BaseInput();
  input.unit_price_ore = 1;
  // Each tier alone would be 0.5 øre (rounded: 1 + 1 = 2); the exact sum is
  // 1.0 øre.
  input.clauses = {
      PriceVolume{.basis = TierBasis::kIncremental,
                  .tiers = {{.above_units = 0, .percent_hundredths = 5000},
                            {.above_units = 1, .percent_hundredths = 5000}}}};
  AddDispensing(input, "2025-03-01", 2);
  EXPECT_EQ(OnlyLine(input), 1);
}

// --- expenditure_cap
// -----------------------------------------------------------

TEST(ExpenditureCapTest, IsComputedLastOnWhatThePayerStillPays) {
  EvaluationInput input = BaseInput();
  // The cap comes first in clause order but uses the flat discount's line.
  input.clauses = {ExpenditureCap{.cap_ore = 500000},
                   FlatDiscount{.percent_hundredths = 1000}};
  AddDispensing(input, "2025-03-01", 100);  // gross 10000.00
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.lines[1].amount_ore, 100000);  // 1000.00
  EXPECT_EQ(s.lines[0].amount_ore, 1000000 - 100000 - 500000);
  EXPECT_EQ(s.lines[0].clause, "expenditure_cap");
  EXPECT_EQ(s.net_cost_ore, 500000);
}

TEST(ExpenditureCapTest, RefundPercentAndWithinCap) {
  EvaluationInput input = BaseInput();
  input.clauses = {
      ExpenditureCap{.cap_ore = 900000, .refund_percent_hundredths = 5000}};
  AddDispensing(input, "2025-03-01", 100);
  EXPECT_EQ(OnlyLine(input), 50000);  // half of 1000.00 above the cap
  input.clauses = {ExpenditureCap{.cap_ore = 1000000}};
  EXPECT_EQ(OnlyLine(input), 0);  // exactly at the cap
}

TEST(ExpenditureCapTest, NothingWhenOtherLinesExceedGross) {
  EvaluationInput input = BaseInput();
  input.clauses = {FlatDiscount{.percent_hundredths = 10000},
                   ExpenditureCap{.cap_ore = 0}};
  AddDispensing(input, "2025-03-01", 10);
  EXPECT_EQ(SettleValid(input).lines[1].amount_ore, 0);
}

TEST(SettleTest, NetCostMayBeNegative) {
  EvaluationInput input = BaseInput();
  input.clauses = {FlatDiscount{.percent_hundredths = 10000},
                   InitialDiscount{.weeks = 4, .percent_hundredths = 10000}};
  const int p = AddPatient(input, "P1", "2025-03-01");
  AddDispensing(input, "2025-03-01", 3, p);
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.total_refund_ore, 60000);
  EXPECT_EQ(s.net_cost_ore, -30000);
}

// --- patient_unit_cap
// -------------------------------------------------------------

TEST(PatientUnitCapTest, DispensingStraddlesTheCap) {
  EvaluationInput input = BaseInput();
  input.clauses = {PatientUnitCap{.max_units = 10}};
  const int p = AddPatient(input, "P1", "2025-01-05");
  AddDispensing(input, "2025-01-05", 6, p);
  AddDispensing(input, "2025-02-05", 6, p);  // units 7..12: 2 free
  AddDispensing(input, "2025-03-05", 3, p);  // all free
  EXPECT_EQ(OnlyLine(input), 5 * 10000);
}

TEST(PatientUnitCapTest, CountsFromBeforeThePeriod) {
  EvaluationInput input = BaseInput();
  input.clauses = {PatientUnitCap{.max_units = 10}};
  const int p = AddPatient(input, "P1", "2024-10-01");
  AddDispensing(input, "2024-10-01", 8, p);  // before: 8 counted, not paid
  AddDispensing(input, "2024-12-31", 4, p);  // before: units 9..12
  AddDispensing(input, "2025-01-01", 3, p);  // inside: all beyond 10
  AddDispensing(input, "2026-01-01", 5, p);  // after the period
  EXPECT_EQ(OnlyLine(input), 3 * 10000);
}

TEST(PatientUnitCapTest, CapReachedInsideThePeriodAfterUnitsBefore) {
  EvaluationInput input = BaseInput();
  input.clauses = {PatientUnitCap{.max_units = 10}};
  const int p = AddPatient(input, "P1", "2024-10-01");
  const int q = AddPatient(input, "P2", "2025-02-01");
  AddDispensing(input, "2024-11-01", 7, p);
  AddDispensing(input, "2025-06-01", 5, p);   // units 8..12: 2 free
  AddDispensing(input, "2025-02-01", 10, q);  // exactly the cap: none free
  AddDispensing(input, "2025-03-01", 1);      // no patient: not capped
  EXPECT_EQ(OnlyLine(input), 2 * 10000);
}

TEST(PatientUnitCapTest, IgnoresDispensingsAfterAsOf) {
  EvaluationInput input = BaseInput();
  input.clauses = {PatientUnitCap{.max_units = 1}};
  input.as_of = Day("2025-06-30");
  const int p = AddPatient(input, "P1", "2025-01-05");
  AddDispensing(input, "2025-01-05", 2, p);
  AddDispensing(input, "2025-07-05", 9, p);
  EXPECT_EQ(OnlyLine(input), 1 * 10000);
}

// --- initial_discount
// ---------------------------------------------------------------

TEST(InitialDiscountTest, CoversDaysBeforeStartPlusWeeks) {
  EvaluationInput input = BaseInput();
  input.clauses = {InitialDiscount{.weeks = 16, .percent_hundredths = 10000}};
  const int p = AddPatient(input, "P1", "2025-01-13");
  // start + 112 days = 2025-05-05, which is no longer covered.
  AddDispensing(input, "2025-05-04", 1, p);
  AddDispensing(input, "2025-05-05", 2, p);
  AddDispensing(input, "2025-03-01", 4);  // no patient: not covered
  EXPECT_EQ(OnlyLine(input), 1 * 10000);
}

TEST(InitialDiscountTest, OnlyDispensingsInsideThePeriod) {
  EvaluationInput input = BaseInput();
  input.clauses = {InitialDiscount{.weeks = 8, .percent_hundredths = 5000}};
  const int p = AddPatient(input, "P1", "2024-12-15");
  AddDispensing(input, "2024-12-15", 3, p);  // before the period
  AddDispensing(input, "2025-01-01", 3, p);  // covered, 50 %
  const int q = AddPatient(input, "P2", "2025-12-20");
  AddDispensing(input, "2025-12-20", 1, q);  // covered
  AddDispensing(input, "2026-01-03", 5, q);  // after the period
  EXPECT_EQ(OnlyLine(input), 4 * 10000 / 2);
}

// --- payment_by_result
// ----------------------------------------------------------------

class PaymentByResultTest : public ::testing::Test {
 protected:
  // assessment_weeks 12: T = start + 84 days. Start 2025-03-03 gives
  // T = 2025-05-26, window [2025-05-12, 2025-07-07].
  static constexpr std::string_view kStart = "2025-03-03";
  static DayNumber T() { return Day("2025-05-26"); }

  PatientStatus Status(std::vector<Assessment> assessments,
                       std::optional<std::string_view> stop = {},
                       std::optional<std::string_view> death = {},
                       std::string_view as_of = "2026-02-01") {
    EvaluationInput input = BaseInput();
    AddPatient(input, "P", kStart, std::move(assessments), stop, death);
    return ClassifyPatient(input.patients[0], T(), Day(as_of));
  }
};

TEST_F(PaymentByResultTest, WindowEndsAreInclusive) {
  EXPECT_EQ(Status({At("2025-05-12", Outcome::kStable)}),
            PatientStatus::kSuccess);  // T - 14
  EXPECT_EQ(Status({At("2025-07-07", Outcome::kResponse)}),
            PatientStatus::kSuccess);  // T + 42
  EXPECT_EQ(Status({At("2025-05-11", Outcome::kStable)}),
            PatientStatus::kMissing);  // T - 15
  EXPECT_EQ(Status({At("2025-07-08", Outcome::kStable)}),
            PatientStatus::kMissing);  // T + 43
}

TEST_F(PaymentByResultTest, ProgressionUpToTFails) {
  EXPECT_EQ(Status({At("2025-03-10", Outcome::kProgression),
                    At("2025-05-26", Outcome::kResponse)}),
            PatientStatus::kFailure);
  EXPECT_EQ(Status({At("2025-05-26", Outcome::kProgression)}),
            PatientStatus::kFailure);
}

TEST_F(PaymentByResultTest, EarliestEvaluableAssessmentInWindowDecides) {
  EXPECT_EQ(Status({At("2025-06-20", Outcome::kProgression),
                    At("2025-06-01", Outcome::kStable)}),
            PatientStatus::kSuccess);
  EXPECT_EQ(Status({At("2025-06-20", Outcome::kStable),
                    At("2025-06-01", Outcome::kProgression)}),
            PatientStatus::kFailure);
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kNotEvaluable),
                    At("2025-06-20", Outcome::kStable)}),
            PatientStatus::kSuccess);
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kNotEvaluable)}),
            PatientStatus::kMissing);
}

TEST_F(PaymentByResultTest, SameDayProgressionComesFirst) {
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kResponse),
                    At("2025-06-01", Outcome::kProgression)}),
            PatientStatus::kFailure);
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kProgression),
                    At("2025-06-01", Outcome::kStable)}),
            PatientStatus::kFailure);
}

TEST_F(PaymentByResultTest, DeathCountsAsProgression) {
  EXPECT_EQ(Status({}, {}, "2025-04-01"), PatientStatus::kFailure);
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kStable)}, {}, "2025-06-01"),
            PatientStatus::kFailure);  // same day as the STABLE
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kStable)}, {}, "2025-06-02"),
            PatientStatus::kSuccess);  // after the deciding assessment
  EXPECT_EQ(Status({}, {}, "2025-09-01"),
            PatientStatus::kMissing);  // after the window
}

TEST_F(PaymentByResultTest, EarlyStopFails) {
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kResponse)}, "2025-05-25"),
            PatientStatus::kFailure);
  // Stopping on T is not before evaluation.
  EXPECT_EQ(Status({At("2025-06-01", Outcome::kResponse)}, "2025-05-26"),
            PatientStatus::kSuccess);
}

TEST_F(PaymentByResultTest, PendingUntilTheWindowCloses) {
  EXPECT_EQ(Status({}, {}, {}, "2025-07-07"), PatientStatus::kPending);
  EXPECT_EQ(Status({}, {}, {}, "2025-07-08"), PatientStatus::kMissing);
}

TEST_F(PaymentByResultTest, RecordsAfterAsOfAreNotKnown) {
  const std::string_view as_of = "2025-05-30";
  EXPECT_EQ(Status({At("2025-05-31", Outcome::kProgression)}, {}, {}, as_of),
            PatientStatus::kPending);
  EXPECT_EQ(Status({At("2025-05-31", Outcome::kStable)}, {}, {}, as_of),
            PatientStatus::kPending);
  EXPECT_EQ(Status({}, {}, "2025-05-31", as_of), PatientStatus::kPending);
  // A stop on 2025-05-20 < T, but recorded after as_of 2025-05-19.
  EXPECT_EQ(Status({}, "2025-05-20", {}, "2025-05-19"),
            PatientStatus::kPending);
  EXPECT_EQ(
      Status({At("2025-05-20", Outcome::kProgression)}, {}, {}, "2025-05-19"),
      PatientStatus::kPending);
}

TEST(PaymentByResultSettleTest, RefundsFailuresUpToTIncludingBeforePeriod) {
  EvaluationInput input = BaseInput();
  input.clauses = {PaymentByResult{.assessment_weeks = 12}};
  // Start 2024-11-01, T = 2025-01-24: inside 2025.
  const int p = AddPatient(input, "P1", "2024-11-01",
                           {At("2025-01-20", Outcome::kProgression)});
  AddDispensing(input, "2024-11-01", 2, p);  // before the period: refunded
  AddDispensing(input, "2025-01-24", 3, p);  // on T: refunded
  AddDispensing(input, "2025-01-25", 5, p);  // after T: not refunded
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.lines[0].amount_ore, 5 * 10000);
  EXPECT_EQ(s.patient_outcomes, (PatientOutcomeCounts{.failure = 1}));
  EXPECT_EQ(s.units, 8);
}

TEST(PaymentByResultSettleTest, PatientBelongsToThePeriodContainingT) {
  EvaluationInput input = BaseInput();
  input.clauses = {PaymentByResult{.assessment_weeks = 12}};
  // T = 2025-01-01 (start 2024-10-09) and T = 2025-12-31 (start 2025-10-08)
  // are in; T = 2024-12-31 and T = 2026-01-01 are not.
  for (const char* start :
       {"2024-10-09", "2025-10-08", "2024-10-08", "2025-10-09"}) {
    const int p = AddPatient(input, start, start, {}, {}, start);  // died
    AddDispensing(input, start, 1, p);
  }
  const Settlement s = SettleValid(input);
  EXPECT_EQ(s.patient_outcomes, (PatientOutcomeCounts{.failure = 2}));
  EXPECT_EQ(s.lines[0].amount_ore, 2 * 10000);
}

TEST(PaymentByResultSettleTest, MissingOutcomeRefundOption) {
  EvaluationInput input = BaseInput();
  input.clauses = {PaymentByResult{.assessment_weeks = 12,
                                   .refund_percent_hundredths = 5000,
                                   .missing_outcome = MissingOutcome::kRefund}};
  const int p = AddPatient(input, "P1", "2025-03-03");  // no assessments
  AddDispensing(input, "2025-03-03", 3, p);
  Settlement s = SettleValid(input);
  EXPECT_EQ(s.patient_outcomes, (PatientOutcomeCounts{.missing = 1}));
  EXPECT_EQ(s.lines[0].amount_ore, 15000);
  std::get<PaymentByResult>(input.clauses[0]).missing_outcome =
      MissingOutcome::kNoRefund;
  s = SettleValid(input);
  EXPECT_EQ(s.patient_outcomes, (PatientOutcomeCounts{.missing = 1}));
  EXPECT_EQ(s.lines[0].amount_ore, 0);
}

TEST(PaymentByResultSettleTest, PatientStartingAfterAsOfIsIgnored) {
  EvaluationInput input = BaseInput();
  input.clauses = {PaymentByResult{.assessment_weeks = 1}};
  input.as_of = Day("2025-06-30");
  AddPatient(input, "P1", "2025-07-01");
  AddPatient(input, "P2", "2025-06-30");  // T = 2025-07-07: pending
  EXPECT_EQ(SettleValid(input).patient_outcomes,
            (PatientOutcomeCounts{.pending = 1}));
}

// --- outcome_guarantee
// ---------------------------------------------------------------

class OutcomeGuaranteeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = BaseInput();
    AddDispensing(input_, "2025-03-01", 10);  // gross 1000.00
    input_.as_of = Day("2025-12-31");
  }

  void SetClause(std::string threshold, Direction direction,
                 std::int64_t min_patients) {
    input_.clauses = {
        FlatDiscount{},
        OutcomeGuarantee{.measure = "orr",
                         .threshold = Decimal::Parse(threshold).value(),
                         .direction = direction,
                         .min_patients = min_patients,
                         .price_reduction_percent_hundredths = 1000}};
  }

  void AddOutcome(std::string measure, std::string value, std::int64_t n,
                  std::string_view data_cut) {
    input_.group_outcomes.push_back({.measure = std::move(measure),
                                     .value = Decimal::Parse(value).value(),
                                     .n = n,
                                     .data_cut = Day(data_cut)});
  }

  EvaluationInput input_;
};

TEST_F(OutcomeGuaranteeTest, ReadsTheLatestDataCutUpToAsOf) {
  SetClause("0.60", Direction::kAtLeast, 5);
  AddOutcome("orr", "0.70", 9, "2025-06-30");
  AddOutcome("orr", "0.550", 9, "2025-09-30");  // the latest known
  AddOutcome("orr", "0.90", 9, "2026-01-31");   // after as_of
  AddOutcome("pfs", "0.10", 9, "2025-11-30");   // another measure
  const Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[1].amount_ore, 10000);
  ASSERT_EQ(s.triggers.size(), 1u);
  EXPECT_EQ(s.triggers[0].clause_index, 1);
  EXPECT_EQ(s.triggers[0].kind, TriggerKind::kOutcomeNotMet);
  EXPECT_EQ(s.triggers[0].measure, "orr");
  EXPECT_EQ(s.triggers[0].observed, "0.550");  // as written
  EXPECT_EQ(s.triggers[0].threshold, "0.60");
}

TEST_F(OutcomeGuaranteeTest, MeetingTheThresholdExactlyIsEnough) {
  SetClause("0.6", Direction::kAtLeast, 1);
  AddOutcome("orr", "0.600000", 9, "2025-06-30");
  const Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[1].amount_ore, 0);
  EXPECT_THAT(s.triggers, IsEmpty());
}

TEST_F(OutcomeGuaranteeTest, AtMostIsMetAtOrBelow) {
  SetClause("0.20", Direction::kAtMost, 1);
  AddOutcome("orr", "0.2", 9, "2025-06-30");
  EXPECT_THAT(SettleValid(input_).triggers, IsEmpty());
  input_.group_outcomes.clear();
  AddOutcome("orr", "0.200001", 9, "2025-06-30");
  const Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[1].amount_ore, 10000);
  EXPECT_EQ(s.triggers.at(0).kind, TriggerKind::kOutcomeNotMet);
}

TEST_F(OutcomeGuaranteeTest, NoEntryIsInsufficientDataWithEmptyObserved) {
  SetClause("0.60", Direction::kAtLeast, 1);
  AddOutcome("orr", "0.10", 9, "2026-01-01");  // after as_of
  const Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[1].amount_ore, 0);
  ASSERT_EQ(s.triggers.size(), 1u);
  EXPECT_EQ(s.triggers[0].kind, TriggerKind::kInsufficientData);
  EXPECT_EQ(s.triggers[0].observed, "");
  EXPECT_EQ(s.triggers[0].threshold, "0.60");
}

TEST_F(OutcomeGuaranteeTest, TooFewPatientsIsInsufficientDataWithObserved) {
  SetClause("0.60", Direction::kAtLeast, 5);
  AddOutcome("orr", "0.10", 4, "2025-06-30");
  Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[1].amount_ore, 0);
  ASSERT_EQ(s.triggers.size(), 1u);
  EXPECT_EQ(s.triggers[0].kind, TriggerKind::kInsufficientData);
  EXPECT_EQ(s.triggers[0].observed, "0.10");
  // n == min_patients is enough.
  SetClause("0.60", Direction::kAtLeast, 4);
  s = SettleValid(input_);
  EXPECT_EQ(s.triggers.at(0).kind, TriggerKind::kOutcomeNotMet);
}

TEST_F(OutcomeGuaranteeTest, DefaultReductionStillTriggers) {
  input_.clauses = {OutcomeGuarantee{
      .measure = "orr", .threshold = Decimal::Parse("0.5").value()}};
  AddOutcome("orr", "0.4", 1, "2025-06-30");
  const Settlement s = SettleValid(input_);
  EXPECT_EQ(s.lines[0].amount_ore, 0);
  EXPECT_EQ(s.triggers.at(0).kind, TriggerKind::kOutcomeNotMet);
  EXPECT_EQ(s.triggers.at(0).clause_index, 0);
}

TEST_F(OutcomeGuaranteeTest, TriggersComeInClauseOrder) {
  input_.clauses = {OutcomeGuarantee{.measure = "b",
                                     .threshold = Decimal::Parse("1").value()},
                    FlatDiscount{},
                    OutcomeGuarantee{.measure = "a",
                                     .threshold = Decimal::Parse("1").value()}};
  const Settlement s = SettleValid(input_);
  ASSERT_EQ(s.triggers.size(), 2u);
  EXPECT_EQ(s.triggers[0].clause_index, 0);
  EXPECT_EQ(s.triggers[0].measure, "b");
  EXPECT_EQ(s.triggers[1].clause_index, 2);
}

TEST(TriggerKindTest, Names) {
  EXPECT_EQ(TriggerKindName(TriggerKind::kOutcomeNotMet), "OUTCOME_NOT_MET");
  EXPECT_EQ(TriggerKindName(TriggerKind::kInsufficientData),
            "INSUFFICIENT_DATA");
}

}  // namespace
}  // namespace mea::rules
