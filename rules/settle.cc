#include "rules/settle.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/money.h"
#include "rules/percent.h"

namespace mea::rules {
namespace {

constexpr DayNumber kNever = std::numeric_limits<DayNumber>::min();
constexpr DayNumber kDaysPerWeek = 7;
// The assessment window of payment_by_result: [T - 14, T + 42].
constexpr DayNumber kWindowBefore = 14;
constexpr DayNumber kWindowAfter = 42;

// What one clause contributes to the settlement.
struct ClauseResult {
  std::int64_t amount_ore = 0;
  std::string explanation;
  std::optional<Trigger> trigger;
  std::optional<PatientOutcomeCounts> outcomes;
};

std::string Pct(std::int32_t hundredths) {
  return absl::StrCat(FormatPercent(hundredths), " %");
}

// `hundredths` of the exact cost of `units` units, rounded once.
std::int64_t PercentOfUnits(std::int64_t units, std::int64_t unit_price_ore,
                            std::int32_t hundredths) {
  return RoundToOre(absl::int128(units) * unit_price_ore * hundredths);
}

// Units a patient received before the period and inside it, counting only
// what is known at as_of.
struct PatientUnits {
  std::int64_t before = 0;
  std::int64_t inside = 0;
};

// The input with the figures that several clauses share, computed once and
// only when a clause needs them.
class Context {
 public:
  explicit Context(const EvaluationInput& input)
      : input_(input),
        last_known_day_(std::min(input.period.end, input.as_of)),
        units_(CountUnitsInPeriod()),
        gross_ore_(units_ * input.unit_price_ore) {}

  const EvaluationInput& input() const { return input_; }
  std::int64_t units() const { return units_; }
  std::int64_t gross_ore() const { return gross_ore_; }
  std::int64_t unit_price_ore() const { return input_.unit_price_ore; }

  // True when a dispensing on `day` is inside the period and known.
  bool CountsInPeriod(DayNumber day) const {
    return day >= input_.period.start && day <= last_known_day_;
  }

  // Start day by patient index, as a dense array for the row loops.
  const std::vector<DayNumber>& Starts() {
    if (starts_.empty() && !input_.patients.empty()) {
      starts_.reserve(input_.patients.size());
      for (const Patient& p : input_.patients) starts_.push_back(p.start);
    }
    return starts_;
  }

  const std::vector<PatientUnits>& UnitsByPatient() {
    if (units_by_patient_.empty() && !input_.patients.empty()) {
      units_by_patient_.resize(input_.patients.size());
      for (const Dispensing& d : input_.dispensings) {
        if (d.patient == kNoPatient || d.day > input_.as_of) continue;
        PatientUnits& units = units_by_patient_[d.patient];
        if (d.day < input_.period.start) {
          units.before += d.units;
        } else if (d.day <= input_.period.end) {
          units.inside += d.units;
        }
      }
    }
    return units_by_patient_;
  }

 private:
  std::int64_t CountUnitsInPeriod() const {
    std::int64_t units = 0;
    for (const Dispensing& d : input_.dispensings) {
      units += CountsInPeriod(d.day) ? d.units : 0;
    }
    return units;
  }

  const EvaluationInput& input_;
  DayNumber last_known_day_;
  std::int64_t units_;
  std::int64_t gross_ore_;
  std::vector<DayNumber> starts_;
  std::vector<PatientUnits> units_by_patient_;
};

ClauseResult SettleFlatDiscount(const FlatDiscount& clause, Context& ctx) {
  ClauseResult result;
  result.amount_ore = PercentOf(ctx.gross_ore(), clause.percent_hundredths);
  result.explanation =
      absl::StrCat(Pct(clause.percent_hundredths), " of gross cost ",
                   FormatMoney(ctx.gross_ore()));
  return result;
}

ClauseResult SettleAllUnits(const PriceVolume& clause, Context& ctx) {
  const PriceVolumeTier* reached = nullptr;
  for (const PriceVolumeTier& tier : clause.tiers) {
    if (ctx.units() > tier.above_units) reached = &tier;
  }
  ClauseResult result;
  if (reached == nullptr) {
    result.explanation =
        absl::StrCat(ctx.units(), " units do not exceed the lowest tier (",
                     clause.tiers.front().above_units, "): no rebate");
    return result;
  }
  result.amount_ore = PercentOf(ctx.gross_ore(), reached->percent_hundredths);
  result.explanation =
      absl::StrCat(ctx.units(), " units exceed ", reached->above_units, ": ",
                   Pct(reached->percent_hundredths), " on all units");
  return result;
}

// Unit k earns the percent of the tier with the greatest above_units < k:
// tier j covers units above_units[j] + 1 .. above_units[j + 1].
ClauseResult SettleIncremental(const PriceVolume& clause, Context& ctx) {
  absl::int128 exact = 0;
  std::vector<std::string> bands;
  for (size_t j = 0; j < clause.tiers.size(); ++j) {
    const std::int64_t low = clause.tiers[j].above_units;
    const std::int64_t high = j + 1 < clause.tiers.size()
                                  ? clause.tiers[j + 1].above_units
                                  : std::numeric_limits<std::int64_t>::max();
    if (ctx.units() <= low) break;
    const std::int64_t last = std::min(ctx.units(), high);
    const std::int32_t percent = clause.tiers[j].percent_hundredths;
    exact += absl::int128(last - low) * ctx.unit_price_ore() * percent;
    bands.push_back(
        absl::StrCat("units ", low + 1, "-", last, " at ", Pct(percent)));
  }
  ClauseResult result;
  result.amount_ore = RoundToOre(exact);
  result.explanation =
      bands.empty()
          ? absl::StrCat(ctx.units(), " units do not exceed the lowest tier (",
                         clause.tiers.front().above_units, "): no rebate")
          : absl::StrCat(ctx.units(),
                         " units, incremental: ", absl::StrJoin(bands, ", "),
                         " of unit price ", FormatMoney(ctx.unit_price_ore()));
  return result;
}

ClauseResult SettlePriceVolume(const PriceVolume& clause, Context& ctx) {
  return clause.basis == TierBasis::kAllUnits ? SettleAllUnits(clause, ctx)
                                              : SettleIncremental(clause, ctx);
}

// Units beyond the first max_units of a patient, counted in date order from
// the patient's first dispensing, are free. The units inside the period
// occupy positions before+1 .. before+inside of that count, so the free ones
// among them are max(0, before+inside-max) - max(0, before-max): no sort by
// date is needed, and a dispensing straddling the cap splits by itself.
ClauseResult SettlePatientUnitCap(const PatientUnitCap& clause, Context& ctx) {
  std::int64_t free_units = 0;
  std::int64_t patients_over = 0;
  for (const PatientUnits& units : ctx.UnitsByPatient()) {
    const std::int64_t free =
        std::max<std::int64_t>(0,
                               units.before + units.inside - clause.max_units) -
        std::max<std::int64_t>(0, units.before - clause.max_units);
    free_units += free;
    patients_over += free > 0 ? 1 : 0;
  }
  ClauseResult result;
  result.amount_ore = free_units * ctx.unit_price_ore();
  result.explanation = absl::StrCat(
      free_units, " units inside the period beyond ", clause.max_units,
      " per patient (", patients_over, " patients) at unit price ",
      FormatMoney(ctx.unit_price_ore()));
  return result;
}

ClauseResult SettleInitialDiscount(const InitialDiscount& clause,
                                   Context& ctx) {
  const DayNumber covered_days = kDaysPerWeek * clause.weeks;
  const std::vector<DayNumber>& starts = ctx.Starts();
  std::int64_t units = 0;
  for (const Dispensing& d : ctx.input().dispensings) {
    if (d.patient == kNoPatient || !ctx.CountsInPeriod(d.day)) continue;
    units += d.day < starts[d.patient] + covered_days ? d.units : 0;
  }
  ClauseResult result;
  result.amount_ore =
      PercentOfUnits(units, ctx.unit_price_ore(), clause.percent_hundredths);
  result.explanation =
      absl::StrCat(units, " units dispensed inside the period before start + ",
                   clause.weeks, " weeks: ", Pct(clause.percent_hundredths),
                   " of ", FormatMoney(units * ctx.unit_price_ore()));
  return result;
}

void Count(PatientStatus status, PatientOutcomeCounts& counts) {
  switch (status) {
    case PatientStatus::kSuccess:
      ++counts.success;
      break;
    case PatientStatus::kFailure:
      ++counts.failure;
      break;
    case PatientStatus::kPending:
      ++counts.pending;
      break;
    case PatientStatus::kMissing:
      ++counts.missing;
      break;
  }
}

ClauseResult SettlePaymentByResult(const PaymentByResult& clause,
                                   Context& ctx) {
  const EvaluationInput& input = ctx.input();
  const DayNumber offset = kDaysPerWeek * clause.assessment_weeks;
  // The last refunded day per patient: T for refunded patients, else kNever.
  std::vector<DayNumber> refund_through(input.patients.size(), kNever);
  PatientOutcomeCounts counts;
  for (size_t p = 0; p < input.patients.size(); ++p) {
    const Patient& patient = input.patients[p];
    const DayNumber t = patient.start + offset;
    // A patient belongs to the period containing T; one starting after
    // as_of is not known at all.
    if (patient.start > input.as_of || t < input.period.start ||
        t > input.period.end) {
      continue;
    }
    const PatientStatus status = ClassifyPatient(patient, t, input.as_of);
    Count(status, counts);
    const bool refunded = status == PatientStatus::kFailure ||
                          (status == PatientStatus::kMissing &&
                           clause.missing_outcome == MissingOutcome::kRefund);
    if (refunded) refund_through[p] = t;
  }
  std::int64_t units = 0;
  for (const Dispensing& d : input.dispensings) {
    if (d.patient == kNoPatient || d.day > input.as_of) continue;
    units += d.day <= refund_through[d.patient] ? d.units : 0;
  }
  ClauseResult result;
  result.amount_ore = PercentOfUnits(units, ctx.unit_price_ore(),
                                     clause.refund_percent_hundredths);
  const bool refund_missing = clause.missing_outcome == MissingOutcome::kRefund;
  result.explanation = absl::StrCat(
      counts.failure, " failures",
      refund_missing ? absl::StrCat(" and ", counts.missing, " missing") : "",
      " refunded: ", units, " units dispensed up to their evaluation day (",
      clause.assessment_weeks, " weeks) cost ",
      FormatMoney(units * ctx.unit_price_ore()), ", ",
      Pct(clause.refund_percent_hundredths), " refunded");
  result.outcomes = counts;
  return result;
}

// The entry for `measure` with the latest data cut known at as_of, if any.
const GroupOutcome* LatestOutcome(const EvaluationInput& input,
                                  std::string_view measure) {
  const GroupOutcome* latest = nullptr;
  for (const GroupOutcome& outcome : input.group_outcomes) {
    if (outcome.measure != measure || outcome.data_cut > input.as_of) continue;
    if (latest == nullptr || outcome.data_cut > latest->data_cut) {
      latest = &outcome;
    }
  }
  return latest;
}

ClauseResult SettleOutcomeGuarantee(const OutcomeGuarantee& clause,
                                    std::int32_t index, Context& ctx) {
  const GroupOutcome* outcome = LatestOutcome(ctx.input(), clause.measure);
  ClauseResult result;
  Trigger trigger{.clause_index = index,
                  .kind = TriggerKind::kInsufficientData,
                  .measure = clause.measure,
                  .observed = outcome ? outcome->value.text() : "",
                  .threshold = clause.threshold.text()};
  if (outcome == nullptr) {
    result.explanation = absl::StrCat("no ", clause.measure, " data cut up to ",
                                      FormatDayNumber(ctx.input().as_of),
                                      ": insufficient data, no reduction");
    result.trigger = std::move(trigger);
    return result;
  }
  const std::string observed = absl::StrCat(
      clause.measure, " ", outcome->value.text(), " (n ", outcome->n,
      ", data cut ", FormatDayNumber(outcome->data_cut), ")");
  if (outcome->n < clause.min_patients) {
    result.explanation =
        absl::StrCat(observed, ": n below min_patients ", clause.min_patients,
                     ", insufficient data, no reduction");
    result.trigger = std::move(trigger);
    return result;
  }
  const bool at_least = clause.direction == Direction::kAtLeast;
  const bool met = at_least ? outcome->value >= clause.threshold
                            : outcome->value <= clause.threshold;
  const std::string bound = absl::StrCat(at_least ? "at least " : "at most ",
                                         clause.threshold.text());
  if (met) {
    result.explanation =
        absl::StrCat(observed, " meets ", bound, ": no reduction");
    return result;
  }
  result.amount_ore =
      PercentOf(ctx.gross_ore(), clause.price_reduction_percent_hundredths);
  result.explanation =
      absl::StrCat(observed, " misses ", bound, ": ",
                   Pct(clause.price_reduction_percent_hundredths),
                   " of gross cost ", FormatMoney(ctx.gross_ore()));
  trigger.kind = TriggerKind::kOutcomeNotMet;
  result.trigger = std::move(trigger);
  return result;
}

// Computed last: a refund of what the payer still pays, after every other
// line, above the cap.
ClauseResult SettleExpenditureCap(const ExpenditureCap& clause,
                                  std::int64_t gross_ore,
                                  std::int64_t other_lines_ore) {
  const std::int64_t paid = gross_ore - other_lines_ore;
  const std::int64_t excess = std::max<std::int64_t>(0, paid - clause.cap_ore);
  ClauseResult result;
  result.amount_ore = PercentOf(excess, clause.refund_percent_hundredths);
  const std::string base =
      absl::StrCat("gross ", FormatMoney(gross_ore), " - other lines ",
                   FormatMoney(other_lines_ore), " = ", FormatMoney(paid));
  result.explanation =
      excess == 0
          ? absl::StrCat(base, ", within cap ", FormatMoney(clause.cap_ore),
                         ": no refund")
          : absl::StrCat(base, " exceeds cap ", FormatMoney(clause.cap_ore),
                         " by ", FormatMoney(excess), ": ",
                         Pct(clause.refund_percent_hundredths), " refunded");
  return result;
}

// Every clause but expenditure_cap, which needs the others' amounts.
ClauseResult SettleClause(const Clause& clause, std::int32_t index,
                          Context& ctx) {
  if (const auto* c = std::get_if<FlatDiscount>(&clause)) {
    return SettleFlatDiscount(*c, ctx);
  }
  if (const auto* c = std::get_if<PriceVolume>(&clause)) {
    return SettlePriceVolume(*c, ctx);
  }
  if (const auto* c = std::get_if<PatientUnitCap>(&clause)) {
    return SettlePatientUnitCap(*c, ctx);
  }
  if (const auto* c = std::get_if<InitialDiscount>(&clause)) {
    return SettleInitialDiscount(*c, ctx);
  }
  if (const auto* c = std::get_if<PaymentByResult>(&clause)) {
    return SettlePaymentByResult(*c, ctx);
  }
  return SettleOutcomeGuarantee(std::get<OutcomeGuarantee>(clause), index, ctx);
}

// The earliest candidate of rule 3 in the assessment window.
struct WindowCandidate {
  DayNumber day = kNever;
  bool progression = false;

  // Earlier wins; on one day, PROGRESSION comes first.
  void Offer(DayNumber candidate_day, bool is_progression) {
    if (day == kNever || candidate_day < day) {
      day = candidate_day;
      progression = is_progression;
    } else if (candidate_day == day) {
      progression = progression || is_progression;
    }
  }
};

}  // namespace

std::string_view TriggerKindName(TriggerKind kind) {
  return kind == TriggerKind::kOutcomeNotMet ? "OUTCOME_NOT_MET"
                                             : "INSUFFICIENT_DATA";
}

PatientStatus ClassifyPatient(const Patient& patient, DayNumber t,
                              DayNumber as_of) {
  // Death counts as a PROGRESSION on death_date.
  const bool died = patient.death.has_value() && *patient.death <= as_of;
  // Rule 1: a PROGRESSION dated <= T.
  if (died && *patient.death <= t) return PatientStatus::kFailure;
  for (const Assessment& a : patient.assessments) {
    if (a.outcome == Outcome::kProgression && a.day <= t && a.day <= as_of) {
      return PatientStatus::kFailure;
    }
  }
  // Rule 2: treatment ended before evaluation.
  if (patient.stop.has_value() && *patient.stop <= as_of && *patient.stop < t) {
    return PatientStatus::kFailure;
  }
  // Rule 3: the earliest evaluable assessment in [T - 14, T + 42].
  const DayNumber first = t - kWindowBefore;
  const DayNumber last = std::min(t + kWindowAfter, as_of);
  WindowCandidate candidate;
  if (died && *patient.death >= first && *patient.death <= last) {
    candidate.Offer(*patient.death, /*is_progression=*/true);
  }
  for (const Assessment& a : patient.assessments) {
    if (a.outcome == Outcome::kNotEvaluable || a.day < first || a.day > last) {
      continue;
    }
    candidate.Offer(a.day, a.outcome == Outcome::kProgression);
  }
  if (candidate.day != kNever) {
    return candidate.progression ? PatientStatus::kFailure
                                 : PatientStatus::kSuccess;
  }
  // Rules 4 and 5: still time to assess, or the data obligation was missed.
  return as_of <= t + kWindowAfter ? PatientStatus::kPending
                                   : PatientStatus::kMissing;
}

Settlement Settle(const EvaluationInput& input) {
  Context ctx(input);
  Settlement settlement;
  settlement.agreement_id = input.agreement_id;
  settlement.period = input.period;
  settlement.as_of = input.as_of;
  settlement.units = ctx.units();
  settlement.gross_cost_ore = ctx.gross_ore();

  std::optional<size_t> cap_line;
  std::int64_t other_lines_ore = 0;
  for (size_t i = 0; i < input.clauses.size(); ++i) {
    const Clause& clause = input.clauses[i];
    const auto index = static_cast<std::int32_t>(i);
    SettlementLine& line = settlement.lines.emplace_back();
    line.clause = std::string(ClauseName(clause));
    line.index = index;
    if (std::holds_alternative<ExpenditureCap>(clause)) {
      cap_line = i;
      continue;
    }
    ClauseResult result = SettleClause(clause, index, ctx);
    line.amount_ore = result.amount_ore;
    line.explanation = std::move(result.explanation);
    other_lines_ore += result.amount_ore;
    if (result.trigger) settlement.triggers.push_back(*result.trigger);
    if (result.outcomes) settlement.patient_outcomes = result.outcomes;
  }
  std::int64_t total = other_lines_ore;
  if (cap_line.has_value()) {
    ClauseResult result =
        SettleExpenditureCap(std::get<ExpenditureCap>(input.clauses[*cap_line]),
                             ctx.gross_ore(), other_lines_ore);
    settlement.lines[*cap_line].amount_ore = result.amount_ore;
    settlement.lines[*cap_line].explanation = std::move(result.explanation);
    total += result.amount_ore;
  }
  settlement.total_refund_ore = total;
  settlement.net_cost_ore = ctx.gross_ore() - total;
  return settlement;
}

}  // namespace mea::rules
