#ifndef MEA_RULES_SETTLE_H_
#define MEA_RULES_SETTLE_H_

// Settlement of one agreement for one period (evaluation.md "Clause types"
// and "Output: Settlement"). Pure and deterministic: the result depends on the
// input's values only, never on the order of its rows, so shuffled input gives
// the same settlement, byte for byte once printed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/civil_date.h"
#include "rules/evaluation.h"

namespace mea::rules {

struct SettlementLine {
  // The clause type's JSON name, e.g. "price_volume".
  std::string clause = {};
  // The clause's position in the agreement.
  std::int32_t index = 0;
  // What the supplier owes back, >= 0.
  std::int64_t amount_ore = 0;
  // For people: the figures the amount was computed from.
  std::string explanation = {};
};

// Counts of the payment_by_result patients whose evaluation day falls in
// the period.
struct PatientOutcomeCounts {
  std::int64_t success = 0;
  std::int64_t failure = 0;
  std::int64_t pending = 0;
  std::int64_t missing = 0;

  friend bool operator==(const PatientOutcomeCounts&,
                         const PatientOutcomeCounts&) = default;
};

enum class TriggerKind { kOutcomeNotMet, kInsufficientData };

// "OUTCOME_NOT_MET" or "INSUFFICIENT_DATA".
std::string_view TriggerKindName(TriggerKind kind);

struct Trigger {
  std::int32_t clause_index = 0;
  TriggerKind kind = TriggerKind::kOutcomeNotMet;
  std::string measure = {};
  // The value of the group outcome read, exactly as written; "" when there
  // was none.
  std::string observed = {};
  // The clause's threshold, exactly as written.
  std::string threshold = {};
};

struct Settlement {
  std::string agreement_id = {};
  Period period;
  DayNumber as_of = 0;
  // Units dispensed inside the period (and known at as_of).
  std::int64_t units = 0;
  std::int64_t gross_cost_ore = 0;
  // One per clause, in clause order.
  std::vector<SettlementLine> lines = {};
  std::int64_t total_refund_ore = 0;
  // gross - total refund; may be negative.
  std::int64_t net_cost_ore = 0;
  // Present exactly when the agreement has a payment_by_result clause.
  std::optional<PatientOutcomeCounts> patient_outcomes = {};
  // In clause order.
  std::vector<Trigger> triggers = {};
};

// Settles `input`. Precondition: Validate(input) is empty; the sums of a
// valid input fit in int64 (its cost limit guarantees that).
//
// Runs in time linear in the rows: every clause is a sum over dispensings or
// patients, so there is no sort, no map keyed by string and no allocation per
// row; per-patient figures live in arrays indexed by patient.
Settlement Settle(const EvaluationInput& input);

enum class PatientStatus { kSuccess, kFailure, kPending, kMissing };

// The payment_by_result status of `patient` at evaluation day `t` as known
// at `as_of` (evaluation.md clause 6, rules 1 to 5; records dated after
// as_of are not known yet).
PatientStatus ClassifyPatient(const Patient& patient, DayNumber t,
                              DayNumber as_of);

}  // namespace mea::rules

#endif  // MEA_RULES_SETTLE_H_
