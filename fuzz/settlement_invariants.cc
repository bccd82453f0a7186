#include "fuzz/settlement_invariants.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <variant>

#include "absl/numeric/int128.h"
#include "fuzz/fuzz_check.h"
#include "rules/money.h"

namespace mea::fuzz {
namespace {

bool InPeriodAndKnown(const rules::EvaluationInput& input,
                      const rules::Dispensing& row) {
  return row.day >= input.period.start && row.day <= input.period.end &&
         row.day <= input.as_of;
}

int64_t PeriodUnits(const rules::EvaluationInput& input) {
  int64_t units = 0;
  for (const rules::Dispensing& row : input.dispensings) {
    if (InPeriodAndKnown(input, row)) units += row.units;
  }
  return units;
}

// The cost of every dispensing known at as_of, in or before the period.
int64_t KnownCost(const rules::EvaluationInput& input) {
  int64_t units = 0;
  for (const rules::Dispensing& row : input.dispensings) {
    if (row.day <= input.as_of) units += row.units;
  }
  return units * input.unit_price_ore;
}

int64_t AllUnitsRebate(const rules::PriceVolume& clause, int64_t units,
                       int64_t gross) {
  int32_t percent = 0;
  for (const rules::PriceVolumeTier& tier : clause.tiers) {
    if (units > tier.above_units) percent = tier.percent_hundredths;
  }
  return rules::PercentOf(gross, percent);
}

// Unit k earns the tier with the greatest above_units < k: tier j covers
// the units in (above_j, above_{j+1}].
int64_t IncrementalRebate(const rules::PriceVolume& clause, int64_t units,
                          int64_t unit_price) {
  absl::int128 exact = 0;
  for (size_t j = 0; j < clause.tiers.size(); ++j) {
    const int64_t from = clause.tiers[j].above_units;
    const int64_t to = j + 1 < clause.tiers.size()
                           ? std::min(units, clause.tiers[j + 1].above_units)
                           : units;
    if (to <= from) continue;
    exact += absl::int128(to - from) * unit_price *
             clause.tiers[j].percent_hundredths;
  }
  return rules::RoundToOre(exact);
}

// What outcome_guarantee reads: the entry of its measure with the latest
// data cut known at as_of.
const rules::GroupOutcome* LatestOutcome(const rules::EvaluationInput& input,
                                         const std::string& measure) {
  const rules::GroupOutcome* latest = nullptr;
  for (const rules::GroupOutcome& row : input.group_outcomes) {
    if (row.measure != measure || row.data_cut > input.as_of) continue;
    if (latest == nullptr || row.data_cut > latest->data_cut) latest = &row;
  }
  return latest;
}

const rules::Trigger* TriggerOf(const rules::Settlement& settlement,
                                size_t clause_index) {
  for (const rules::Trigger& trigger : settlement.triggers) {
    if (trigger.clause_index == static_cast<int32_t>(clause_index)) {
      return &trigger;
    }
  }
  return nullptr;
}

void CheckOutcomeGuarantee(const rules::EvaluationInput& input,
                           const rules::Settlement& settlement, size_t i,
                           const rules::OutcomeGuarantee& clause) {
  const int64_t amount = settlement.lines[i].amount_ore;
  const rules::Trigger* trigger = TriggerOf(settlement, i);
  const rules::GroupOutcome* read = LatestOutcome(input, clause.measure);
  if (read == nullptr || read->n < clause.min_patients) {
    FUZZ_CHECK(trigger != nullptr);
    FUZZ_CHECK(trigger->kind == rules::TriggerKind::kInsufficientData);
    FUZZ_CHECK(trigger->observed == (read ? read->value.text() : ""));
    FUZZ_CHECK(amount == 0);
  } else if (clause.direction == rules::Direction::kAtLeast
                 ? read->value >= clause.threshold
                 : read->value <= clause.threshold) {
    FUZZ_CHECK(trigger == nullptr);
    FUZZ_CHECK(amount == 0);
  } else {
    FUZZ_CHECK(trigger != nullptr);
    FUZZ_CHECK(trigger->kind == rules::TriggerKind::kOutcomeNotMet);
    FUZZ_CHECK(trigger->observed == read->value.text());
    FUZZ_CHECK(amount ==
               rules::PercentOf(settlement.gross_cost_ore,
                                clause.price_reduction_percent_hundredths));
  }
  if (trigger != nullptr) {
    FUZZ_CHECK(trigger->measure == clause.measure);
    FUZZ_CHECK(trigger->threshold == clause.threshold.text());
  }
}

// The amount of the clause at `i`, where it can be restated in a line.
void CheckLine(const rules::EvaluationInput& input,
               const rules::Settlement& settlement, size_t i) {
  const rules::Clause& clause = input.clauses[i];
  const int64_t amount = settlement.lines[i].amount_ore;
  const int64_t gross = settlement.gross_cost_ore;
  if (const auto* flat = std::get_if<rules::FlatDiscount>(&clause)) {
    FUZZ_CHECK(amount == rules::PercentOf(gross, flat->percent_hundredths));
  } else if (const auto* pv = std::get_if<rules::PriceVolume>(&clause)) {
    FUZZ_CHECK(amount == (pv->basis == rules::TierBasis::kAllUnits
                              ? AllUnitsRebate(*pv, settlement.units, gross)
                              : IncrementalRebate(*pv, settlement.units,
                                                  input.unit_price_ore)));
  } else if (const auto* cap = std::get_if<rules::ExpenditureCap>(&clause)) {
    const int64_t others = settlement.total_refund_ore - amount;
    const int64_t above = gross - others - cap->cap_ore;
    FUZZ_CHECK(amount == (above > 0 ? rules::PercentOf(
                                          above, cap->refund_percent_hundredths)
                                    : 0));
  } else if (std::holds_alternative<rules::PatientUnitCap>(clause)) {
    FUZZ_CHECK(amount <= gross);
    FUZZ_CHECK(amount % input.unit_price_ore == 0);
  } else if (const auto* first = std::get_if<rules::InitialDiscount>(&clause)) {
    FUZZ_CHECK(amount <= rules::PercentOf(gross, first->percent_hundredths));
  } else if (const auto* pbr = std::get_if<rules::PaymentByResult>(&clause)) {
    FUZZ_CHECK(amount <= rules::PercentOf(KnownCost(input),
                                          pbr->refund_percent_hundredths));
  } else if (const auto* og = std::get_if<rules::OutcomeGuarantee>(&clause)) {
    CheckOutcomeGuarantee(input, settlement, i, *og);
  }
}

void CheckTriggers(const rules::EvaluationInput& input,
                   const rules::Settlement& settlement) {
  int32_t previous = -1;
  for (const rules::Trigger& trigger : settlement.triggers) {
    // In clause order, at most one per clause, only outcome guarantees.
    FUZZ_CHECK(trigger.clause_index > previous);
    FUZZ_CHECK(static_cast<size_t>(trigger.clause_index) <
               input.clauses.size());
    FUZZ_CHECK(std::holds_alternative<rules::OutcomeGuarantee>(
        input.clauses[trigger.clause_index]));
    previous = trigger.clause_index;
  }
}

void CheckPatientOutcomes(const rules::EvaluationInput& input,
                          const rules::Settlement& settlement) {
  const bool has_pbr = std::any_of(
      input.clauses.begin(), input.clauses.end(),
      [](const rules::Clause& clause) {
        return std::holds_alternative<rules::PaymentByResult>(clause);
      });
  FUZZ_CHECK(settlement.patient_outcomes.has_value() == has_pbr);
  if (!has_pbr) return;
  const rules::PatientOutcomeCounts& counts = *settlement.patient_outcomes;
  FUZZ_CHECK(counts.success >= 0 && counts.failure >= 0 &&
             counts.pending >= 0 && counts.missing >= 0);
  FUZZ_CHECK(counts.success + counts.failure + counts.pending +
                 counts.missing <=
             static_cast<int64_t>(input.patients.size()));
}

bool SameLines(const rules::SettlementLine& a, const rules::SettlementLine& b) {
  return a.clause == b.clause && a.index == b.index &&
         a.amount_ore == b.amount_ore && a.explanation == b.explanation;
}

bool SameTriggers(const rules::Trigger& a, const rules::Trigger& b) {
  return a.clause_index == b.clause_index && a.kind == b.kind &&
         a.measure == b.measure && a.observed == b.observed &&
         a.threshold == b.threshold;
}

bool SameSettlement(const rules::Settlement& a, const rules::Settlement& b) {
  return a.agreement_id == b.agreement_id && a.period.start == b.period.start &&
         a.period.end == b.period.end && a.as_of == b.as_of &&
         a.units == b.units && a.gross_cost_ore == b.gross_cost_ore &&
         a.total_refund_ore == b.total_refund_ore &&
         a.net_cost_ore == b.net_cost_ore &&
         a.patient_outcomes == b.patient_outcomes &&
         std::equal(a.lines.begin(), a.lines.end(), b.lines.begin(),
                    b.lines.end(), SameLines) &&
         std::equal(a.triggers.begin(), a.triggers.end(), b.triggers.begin(),
                    b.triggers.end(), SameTriggers);
}

}  // namespace

void CheckSettlementInvariants(const rules::EvaluationInput& input,
                               const rules::Settlement& settlement) {
  FUZZ_CHECK(settlement.agreement_id == input.agreement_id);
  FUZZ_CHECK(settlement.period.start == input.period.start);
  FUZZ_CHECK(settlement.period.end == input.period.end);
  FUZZ_CHECK(settlement.as_of == input.as_of);
  FUZZ_CHECK(settlement.units == PeriodUnits(input));
  FUZZ_CHECK(settlement.gross_cost_ore ==
             settlement.units * input.unit_price_ore);
  FUZZ_CHECK(settlement.lines.size() == input.clauses.size());
  int64_t total = 0;
  for (size_t i = 0; i < settlement.lines.size(); ++i) {
    const rules::SettlementLine& line = settlement.lines[i];
    FUZZ_CHECK(line.index == static_cast<int32_t>(i));
    FUZZ_CHECK(line.clause == rules::ClauseName(input.clauses[i]));
    FUZZ_CHECK(line.amount_ore >= 0);
    FUZZ_CHECK(line.amount_ore <= rules::kMaxMoneyOre);
    total += line.amount_ore;
  }
  FUZZ_CHECK(settlement.total_refund_ore == total);
  FUZZ_CHECK(settlement.net_cost_ore ==
             settlement.gross_cost_ore - settlement.total_refund_ore);
  for (size_t i = 0; i < settlement.lines.size(); ++i) {
    CheckLine(input, settlement, i);
  }
  CheckTriggers(input, settlement);
  CheckPatientOutcomes(input, settlement);
}

void CheckOrderIndependence(const rules::EvaluationInput& input,
                            const rules::Settlement& settlement) {
  rules::EvaluationInput reversed = input;
  const auto last = static_cast<int32_t>(input.patients.size()) - 1;
  std::reverse(reversed.patients.begin(), reversed.patients.end());
  for (rules::Patient& patient : reversed.patients) {
    std::reverse(patient.assessments.begin(), patient.assessments.end());
  }
  std::reverse(reversed.dispensings.begin(), reversed.dispensings.end());
  for (rules::Dispensing& row : reversed.dispensings) {
    if (row.patient != rules::kNoPatient) row.patient = last - row.patient;
  }
  std::reverse(reversed.group_outcomes.begin(), reversed.group_outcomes.end());
  FUZZ_CHECK(rules::Validate(reversed).empty());
  FUZZ_CHECK(SameSettlement(rules::Settle(reversed), settlement));
}

}  // namespace mea::fuzz
