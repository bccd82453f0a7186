// Properties of Settle over pseudo-random valid inputs (fixed seeds, so every
// run checks the same cases): lines add up, row order does not matter, and
// more units never lower a price-volume rebate.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "rules/evaluation.h"
#include "rules/settle.h"
#include "evaluation/mapping.h"
#include "evaluation/settlement_json.h"

namespace mea::rules {
namespace {

constexpr int kCases = 300;

// std::mt19937_64's sequence is fixed by the standard; the distributions of
// <random> are not, so ranges are mapped by hand.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform enough in [low, high] for tests.
  std::int64_t Between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(
                     engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool OneIn(int n) { return Between(1, n) == 1; }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

std::int32_t RandomPercent(Random& random) {
  return static_cast<std::int32_t>(random.OneIn(4) ? random.Between(0, 4) * 2500
                                                   : random.Between(0, 10000));
}

// A decimal with a random number of written decimals, e.g. "0.5" or "0.500".
Decimal RandomDecimal(Random& random) {
  const std::int64_t thousandths = random.Between(0, 1000);
  std::string text = absl::StrCat(thousandths / 1000, ".",
                                  absl::StrFormat("%03d", thousandths % 1000));
  text += std::string(random.Between(0, 3), '0');
  return Decimal::Parse(text).value();
}

PriceVolume RandomPriceVolume(Random& random, bool rising_percents) {
  PriceVolume clause;
  clause.basis =
      random.OneIn(2) ? TierBasis::kAllUnits : TierBasis::kIncremental;
  std::int64_t above = random.Between(0, 50);
  std::int32_t percent = 0;
  for (int j = random.Between(1, 4); j > 0; --j) {
    percent =
        rising_percents
            ? std::min<std::int32_t>(
                  10000,
                  percent + static_cast<std::int32_t>(random.Between(0, 3000)))
            : RandomPercent(random);
    clause.tiers.push_back({above, percent});
    above += random.Between(1, 200);
  }
  return clause;
}

Clause RandomClause(Random& random, bool& has_cap, bool& has_pbr) {
  switch (random.Between(0, 6)) {
    case 0:
      return FlatDiscount{RandomPercent(random)};
    case 1:
      return RandomPriceVolume(random, /*rising_percents=*/false);
    case 2:
      if (has_cap) return FlatDiscount{RandomPercent(random)};
      has_cap = true;
      return ExpenditureCap{random.Between(0, 5'000'000'000),
                            RandomPercent(random)};
    case 3:
      return PatientUnitCap{random.Between(1, 40)};
    case 4:
      return InitialDiscount{static_cast<std::int32_t>(random.Between(1, 30)),
                             RandomPercent(random)};
    case 5:
      if (has_pbr) return FlatDiscount{RandomPercent(random)};
      has_pbr = true;
      return PaymentByResult{static_cast<std::int32_t>(random.Between(1, 30)),
                             RandomPercent(random),
                             random.OneIn(2) ? MissingOutcome::kRefund
                                             : MissingOutcome::kNoRefund};
    default:
      return OutcomeGuarantee{
          random.OneIn(2) ? "orr" : "dcr", RandomDecimal(random),
          random.OneIn(2) ? Direction::kAtLeast : Direction::kAtMost,
          random.Between(0, 10), RandomPercent(random)};
  }
}

Patient RandomPatient(Random& random, int i, DayNumber period_start) {
  Patient p;
  p.id = absl::StrCat("P", i);
  p.start = period_start + static_cast<DayNumber>(random.Between(-200, 400));
  if (random.OneIn(4)) p.stop = p.start + random.Between(0, 200);
  if (random.OneIn(6)) p.death = p.start + random.Between(0, 300);
  for (int j = random.Between(0, 4); j > 0; --j) {
    p.assessments.push_back(
        {p.start + static_cast<DayNumber>(random.Between(0, 200)),
         static_cast<Outcome>(random.Between(0, 3))});
  }
  return p;
}

EvaluationInput RandomInput(Random& random) {
  EvaluationInput input;
  input.agreement_id = "SI-P";
  input.method_id = "ID2025_001";
  input.unit_price_ore = random.Between(1, 10'000'000);
  input.period.start = ParseDayNumber("2025-01-01").value() +
                       static_cast<DayNumber>(random.Between(0, 365));
  input.period.end = input.period.start + random.Between(0, 400);
  input.as_of = input.period.end + random.Between(-60, 60);
  bool has_cap = false;
  bool has_pbr = false;
  for (int i = random.Between(1, 8); i > 0; --i) {
    input.clauses.push_back(RandomClause(random, has_cap, has_pbr));
  }
  for (int i = 0, n = random.Between(0, 40); i < n; ++i) {
    input.patients.push_back(RandomPatient(random, i, input.period.start));
  }
  for (int i = random.Between(0, 300); i > 0; --i) {
    Dispensing d{.units = random.Between(1, 20)};
    if (!input.patients.empty() && !random.OneIn(4)) {
      d.patient = random.Between(0, input.patients.size() - 1);
      d.day = input.patients[d.patient].start + random.Between(0, 300);
    } else {
      d.day = input.period.start + random.Between(-100, 500);
    }
    input.dispensings.push_back(d);
  }
  for (int i = random.Between(0, 6); i > 0; --i) {
    const DayNumber cut = input.period.start + random.Between(-100, 500);
    const std::string measure = random.OneIn(2) ? "orr" : "dcr";
    const bool taken =
        std::any_of(input.group_outcomes.begin(), input.group_outcomes.end(),
                    [&](const GroupOutcome& g) {
                      return g.measure == measure && g.data_cut == cut;
                    });
    if (taken) continue;
    input.group_outcomes.push_back(
        {measure, RandomDecimal(random), random.Between(0, 12), cut});
  }
  return input;
}

// The same input with every row list in another order; patient references
// follow their patients.
EvaluationInput Shuffled(EvaluationInput input, Random& random) {
  std::vector<std::int32_t> order(input.patients.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), random.engine());
  std::vector<std::int32_t> new_index(order.size());
  std::vector<Patient> patients;
  for (size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = static_cast<std::int32_t>(i);
    patients.push_back(input.patients[order[i]]);
    std::shuffle(patients.back().assessments.begin(),
                 patients.back().assessments.end(), random.engine());
  }
  input.patients = std::move(patients);
  for (Dispensing& d : input.dispensings) {
    if (d.patient != kNoPatient) d.patient = new_index[d.patient];
  }
  std::shuffle(input.dispensings.begin(), input.dispensings.end(),
               random.engine());
  std::shuffle(input.group_outcomes.begin(), input.group_outcomes.end(),
               random.engine());
  return input;
}

std::string Json(const Settlement& settlement) {
  return evaluation::SettlementToJson(evaluation::SettlementToProto(settlement));
}

TEST(SettlePropertyTest, LinesAddUpToTheTotal) {
  Random random(20250101);
  for (int c = 0; c < kCases; ++c) {
    const EvaluationInput input = RandomInput(random);
    ASSERT_TRUE(Validate(input).empty()) << "case " << c;
    const Settlement s = Settle(input);
    ASSERT_EQ(s.lines.size(), input.clauses.size());
    std::int64_t sum = 0;
    for (const SettlementLine& line : s.lines) {
      EXPECT_GE(line.amount_ore, 0) << "case " << c;
      sum += line.amount_ore;
    }
    EXPECT_EQ(s.total_refund_ore, sum) << "case " << c;
    EXPECT_EQ(s.net_cost_ore, s.gross_cost_ore - sum) << "case " << c;
    EXPECT_EQ(s.gross_cost_ore, s.units * input.unit_price_ore);
  }
}

TEST(SettlePropertyTest, RowOrderDoesNotMatter) {
  Random random(42);
  for (int c = 0; c < kCases; ++c) {
    const EvaluationInput input = RandomInput(random);
    const std::string expected = Json(Settle(input));
    const EvaluationInput shuffled = Shuffled(input, random);
    ASSERT_TRUE(Validate(shuffled).empty()) << "case " << c;
    EXPECT_EQ(Json(Settle(shuffled)), expected) << "case " << c;
  }
}

TEST(SettlePropertyTest, MoreUnitsNeverLowerAPriceVolumeRebate) {
  Random random(7);
  for (int c = 0; c < kCases; ++c) {
    EvaluationInput input = RandomInput(random);
    input.clauses = {RandomPriceVolume(random, /*rising_percents=*/true)};
    std::int64_t previous = Settle(input).lines[0].amount_ore;
    for (int step = 0; step < 10; ++step) {
      const DayNumber last = std::min(input.period.end, input.as_of);
      if (last < input.period.start) break;
      input.dispensings.push_back(
          {.day = input.period.start + static_cast<DayNumber>(random.Between(
                                           0, last - input.period.start)),
           .units = random.Between(1, 100)});
      const std::int64_t amount = Settle(input).lines[0].amount_ore;
      EXPECT_GE(amount, previous) << "case " << c << " step " << step;
      previous = amount;
    }
  }
}

}  // namespace
}  // namespace mea::rules
