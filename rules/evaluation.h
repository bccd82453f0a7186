#ifndef MEA_RULES_EVALUATION_H_
#define MEA_RULES_EVALUATION_H_

// The typed input of one evaluation (evaluation.md "Input: EvaluationInput")
// and its semantic validation.
//
// Strings of the wire format are parsed at the service edge; here every value
// is typed (øre, hundredths of a percent, day numbers, exact decimals) and
// every clause has its defaults applied. Rows are compact on purpose: an
// evaluation may hold millions of dispensings, so a dispensing is 16 bytes and
// names its patient by index into `patients`, not by id.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "rules/percent.h"

namespace mea::rules {

// Clause 1: `percent_hundredths` of gross cost.
struct FlatDiscount {
  std::int32_t percent_hundredths = 0;
};

enum class TierBasis { kAllUnits, kIncremental };

struct PriceVolumeTier {
  std::int64_t above_units = 0;
  std::int32_t percent_hundredths = 0;
};

// Clause 2: price-volume rebate; tiers strictly increasing in above_units.
struct PriceVolume {
  TierBasis basis = TierBasis::kAllUnits;
  std::vector<PriceVolumeTier> tiers = {};
};

// Clause 3: refund of what the payer still pays above `cap_ore`.
struct ExpenditureCap {
  std::int64_t cap_ore = 0;
  std::int32_t refund_percent_hundredths = kHundredPercent;
};

// Clause 4: units beyond the first `max_units` of a patient are free.
struct PatientUnitCap {
  std::int64_t max_units = 0;
};

// Clause 5: the supplier pays `percent_hundredths` of dispensings in the
// first `weeks` weeks after a patient's start.
struct InitialDiscount {
  std::int32_t weeks = 0;
  std::int32_t percent_hundredths = 0;
};

enum class MissingOutcome { kNoRefund, kRefund };

// Clause 6: refund for patients who fail at start + `assessment_weeks`.
struct PaymentByResult {
  std::int32_t assessment_weeks = 0;
  std::int32_t refund_percent_hundredths = kHundredPercent;
  MissingOutcome missing_outcome = MissingOutcome::kNoRefund;
};

enum class Direction { kAtLeast, kAtMost };

// Clause 7: price reduction when a group outcome misses its threshold.
struct OutcomeGuarantee {
  std::string measure = {};
  Decimal threshold = {};
  Direction direction = Direction::kAtLeast;
  std::int64_t min_patients = 1;
  std::int32_t price_reduction_percent_hundredths = 0;
};

// One clause; the alternative's position is the clause type's number - 1.
using Clause =
    std::variant<FlatDiscount, PriceVolume, ExpenditureCap, PatientUnitCap,
                 InitialDiscount, PaymentByResult, OutcomeGuarantee>;

// The clause type's JSON name, e.g. "price_volume".
std::string_view ClauseName(const Clause& clause);

// Marks a dispensing of aggregate volume data, which names no patient.
inline constexpr std::int32_t kNoPatient = -1;

struct Dispensing {
  DayNumber day = 0;
  // Index into EvaluationInput::patients, or kNoPatient.
  std::int32_t patient = kNoPatient;
  std::int64_t units = 0;
};

enum class Outcome : std::uint8_t {
  kResponse,
  kStable,
  kProgression,
  kNotEvaluable
};

struct Assessment {
  DayNumber day = 0;
  Outcome outcome = Outcome::kNotEvaluable;
};

struct Patient {
  std::string id = {};
  DayNumber start = 0;
  std::optional<DayNumber> stop = {};
  std::optional<DayNumber> death = {};
  std::vector<Assessment> assessments = {};
};

struct GroupOutcome {
  std::string measure = {};
  Decimal value = {};
  std::int64_t n = 0;
  DayNumber data_cut = 0;
};

// Inclusive at both ends.
struct Period {
  DayNumber start = 0;
  DayNumber end = 0;
};

struct EvaluationInput {
  std::string agreement_id = {};
  std::string method_id = {};
  std::int64_t unit_price_ore = 0;
  std::vector<Clause> clauses = {};
  std::vector<Dispensing> dispensings = {};
  std::vector<Patient> patients = {};
  std::vector<GroupOutcome> group_outcomes = {};
  Period period;
  DayNumber as_of = 0;
};

// One broken rule: `field` is the path from the document root as
// evaluation.md writes it ("agreement.clauses[0].price_volume.tiers[1]
// .above_units", "results.patients[2].stop_date"), `description` says what
// is wrong, naming the figures involved.
struct FieldViolation {
  std::string field = {};
  std::string description = {};

  friend bool operator==(const FieldViolation&,
                         const FieldViolation&) = default;
};

// Validate stops collecting after this many violations: a broken file of
// millions of rows must not produce millions of messages.
inline constexpr std::size_t kMaxViolations = 100;

// Checks every rule of evaluation.md that is not about the text form of a
// value (that is the codecs' job): agreement id and method id, unit price
// > 0, 1 to 20 clauses with at most one expenditure_cap and one
// payment_by_result, tiers, weeks and caps in range, units >= 1, dispensing
// patients that exist and have started, unique patient ids, stop, death and
// assessment dates not before the start, unique (measure, data_cut), n >= 0,
// period start <= end, and the cost limit of all dispensings up to as_of.
// Returns the violations in document order (at most `max_violations`);
// empty means valid.
std::vector<FieldViolation> Validate(
    const EvaluationInput& input, std::size_t max_violations = kMaxViolations);

}  // namespace mea::rules

#endif  // MEA_RULES_EVALUATION_H_
