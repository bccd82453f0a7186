#include "fuzz/typed_input_codec.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/time/civil_time.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "rules/money.h"
#include "rules/percent.h"

namespace mea::fuzz {
namespace {

// Caps on rows, so that one fuzz input settles in well under a millisecond.
// kMaxClauses is above the contract's 20 so that "too many clauses" is
// reachable.
constexpr uint64_t kMaxClauses = 24;
constexpr uint64_t kMaxTiers = 16;
constexpr uint64_t kMaxPatients = 2048;
constexpr uint64_t kMaxAssessments = 32;
constexpr uint64_t kMaxDispensings = 1 << 16;
constexpr uint64_t kMaxGroupOutcomes = 256;
constexpr size_t kMaxText = 255;
constexpr int kClauseKinds = 7;

// Dates travel as offsets from 2025-01-01, so that zero bytes are a
// plausible date and small mutations stay near the examples.
rules::DayNumber BaseDay() {
  static const rules::DayNumber day =
      rules::ToDayNumber(absl::CivilDay(2025, 1, 1));
  return day;
}

// The dates ParseDate can produce: four-digit years.
int64_t ClampDay(int64_t day) {
  static const int64_t first = rules::ToDayNumber(absl::CivilDay(0, 1, 1));
  static const int64_t last = rules::ToDayNumber(absl::CivilDay(9999, 12, 31));
  return std::clamp(day, first, last);
}

// Little-endian fixed-width reads; past the end every byte is zero.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool empty() const { return position_ >= bytes_.size(); }

  uint64_t Unsigned(int width) {
    uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
      uint64_t byte = 0;
      if (position_ < bytes_.size()) {
        byte = static_cast<uint8_t>(bytes_[position_++]);
      }
      value |= byte << (8 * i);
    }
    return value;
  }

  int64_t Signed(int width) {
    const uint64_t raw = Unsigned(width);
    if (width == 8) return static_cast<int64_t>(raw);
    const uint64_t sign = uint64_t{1} << (8 * width - 1);
    return static_cast<int64_t>(raw ^ sign) - static_cast<int64_t>(sign);
  }

  std::string Text() {
    const size_t wanted = Unsigned(1);
    const size_t length =
        std::min(wanted, bytes_.size() - std::min(position_, bytes_.size()));
    std::string text(bytes_.substr(std::min(position_, bytes_.size()), length));
    position_ += length;
    return text;
  }

  rules::DayNumber Day() {
    return static_cast<rules::DayNumber>(ClampDay(BaseDay() + Signed(4)));
  }
  int64_t Money() {
    return std::clamp<int64_t>(Signed(8), 0, rules::kMaxMoneyOre);
  }
  int32_t Percent() {
    return static_cast<int32_t>(
        std::clamp<int64_t>(Signed(4), 0, rules::kHundredPercent));
  }
  rules::Decimal DecimalValue() {
    absl::StatusOr<rules::Decimal> value = rules::Decimal::Parse(Text());
    return value.ok() ? *std::move(value) : rules::Decimal();
  }

 private:
  std::string_view bytes_;
  size_t position_ = 0;
};

class ByteWriter {
 public:
  void Unsigned(uint64_t value, int width) {
    for (int i = 0; i < width; ++i) {
      bytes_.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    }
  }
  void Signed(int64_t value, int width) {
    Unsigned(static_cast<uint64_t>(value), width);
  }
  void Text(std::string_view text) {
    text = text.substr(0, kMaxText);
    Unsigned(text.size(), 1);
    bytes_.append(text);
  }
  void Day(rules::DayNumber day) {
    Signed(static_cast<int64_t>(day) - BaseDay(), 4);
  }

  std::string Release() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

rules::Clause DecodeClause(ByteReader& in) {
  switch (in.Unsigned(1) % kClauseKinds) {
    case 0:
      return rules::FlatDiscount{in.Percent()};
    case 1: {
      rules::PriceVolume clause;
      clause.basis = (in.Unsigned(1) & 1) != 0 ? rules::TierBasis::kIncremental
                                               : rules::TierBasis::kAllUnits;
      const uint64_t tiers = in.Unsigned(1) % (kMaxTiers + 1);
      for (uint64_t j = 0; j < tiers && !in.empty(); ++j) {
        const int64_t above = in.Signed(8);
        clause.tiers.push_back({above, in.Percent()});
      }
      return clause;
    }
    case 2: {
      const int64_t cap = in.Money();
      return rules::ExpenditureCap{cap, in.Percent()};
    }
    case 3:
      return rules::PatientUnitCap{in.Signed(8)};
    case 4: {
      const auto weeks = static_cast<int32_t>(in.Signed(4));
      return rules::InitialDiscount{weeks, in.Percent()};
    }
    case 5: {
      rules::PaymentByResult clause;
      clause.assessment_weeks = static_cast<int32_t>(in.Signed(4));
      clause.refund_percent_hundredths = in.Percent();
      clause.missing_outcome = (in.Unsigned(1) & 1) != 0
                                   ? rules::MissingOutcome::kRefund
                                   : rules::MissingOutcome::kNoRefund;
      return clause;
    }
    default: {
      rules::OutcomeGuarantee clause;
      clause.measure = in.Text();
      clause.threshold = in.DecimalValue();
      clause.direction = (in.Unsigned(1) & 1) != 0 ? rules::Direction::kAtMost
                                                   : rules::Direction::kAtLeast;
      clause.min_patients = in.Signed(8);
      clause.price_reduction_percent_hundredths = in.Percent();
      return clause;
    }
  }
}

void EncodeClause(const rules::Clause& clause, ByteWriter& out) {
  out.Unsigned(clause.index(), 1);
  if (const auto* flat = std::get_if<rules::FlatDiscount>(&clause)) {
    out.Signed(flat->percent_hundredths, 4);
  } else if (const auto* pv = std::get_if<rules::PriceVolume>(&clause)) {
    out.Unsigned(pv->basis == rules::TierBasis::kIncremental ? 1 : 0, 1);
    const size_t tiers = std::min<size_t>(pv->tiers.size(), kMaxTiers);
    out.Unsigned(tiers, 1);
    for (size_t j = 0; j < tiers; ++j) {
      out.Signed(pv->tiers[j].above_units, 8);
      out.Signed(pv->tiers[j].percent_hundredths, 4);
    }
  } else if (const auto* cap = std::get_if<rules::ExpenditureCap>(&clause)) {
    out.Signed(cap->cap_ore, 8);
    out.Signed(cap->refund_percent_hundredths, 4);
  } else if (const auto* unit = std::get_if<rules::PatientUnitCap>(&clause)) {
    out.Signed(unit->max_units, 8);
  } else if (const auto* first = std::get_if<rules::InitialDiscount>(&clause)) {
    out.Signed(first->weeks, 4);
    out.Signed(first->percent_hundredths, 4);
  } else if (const auto* pbr = std::get_if<rules::PaymentByResult>(&clause)) {
    out.Signed(pbr->assessment_weeks, 4);
    out.Signed(pbr->refund_percent_hundredths, 4);
    out.Unsigned(pbr->missing_outcome == rules::MissingOutcome::kRefund, 1);
  } else if (const auto* og = std::get_if<rules::OutcomeGuarantee>(&clause)) {
    out.Text(og->measure);
    out.Text(og->threshold.text());
    out.Unsigned(og->direction == rules::Direction::kAtMost, 1);
    out.Signed(og->min_patients, 8);
    out.Signed(og->price_reduction_percent_hundredths, 4);
  }
}

rules::Patient DecodePatient(ByteReader& in) {
  rules::Patient patient;
  patient.id = in.Text();
  patient.start = in.Day();
  const uint64_t flags = in.Unsigned(1);
  if ((flags & 1) != 0) patient.stop = in.Day();
  if ((flags & 2) != 0) patient.death = in.Day();
  const uint64_t assessments = in.Unsigned(1) % (kMaxAssessments + 1);
  for (uint64_t j = 0; j < assessments && !in.empty(); ++j) {
    const rules::DayNumber day = in.Day();
    patient.assessments.push_back(
        {day, static_cast<rules::Outcome>(in.Unsigned(1) % 4)});
  }
  return patient;
}

void EncodePatient(const rules::Patient& patient, ByteWriter& out) {
  out.Text(patient.id);
  out.Day(patient.start);
  out.Unsigned((patient.stop ? 1 : 0) | (patient.death ? 2 : 0), 1);
  if (patient.stop) out.Day(*patient.stop);
  if (patient.death) out.Day(*patient.death);
  const size_t assessments =
      std::min<size_t>(patient.assessments.size(), kMaxAssessments);
  out.Unsigned(assessments, 1);
  for (size_t j = 0; j < assessments; ++j) {
    out.Day(patient.assessments[j].day);
    out.Unsigned(static_cast<uint64_t>(patient.assessments[j].outcome), 1);
  }
}

}  // namespace

rules::EvaluationInput DecodeTypedInput(std::string_view bytes) {
  ByteReader in(bytes);
  rules::EvaluationInput input;
  input.agreement_id = in.Text();
  input.method_id = in.Text();
  input.unit_price_ore = in.Money();
  input.period.start = in.Day();
  input.period.end = in.Day();
  input.as_of = in.Day();
  const uint64_t clauses = in.Unsigned(1) % (kMaxClauses + 1);
  for (uint64_t i = 0; i < clauses && !in.empty(); ++i) {
    input.clauses.push_back(DecodeClause(in));
  }
  const uint64_t patients = in.Unsigned(2) % (kMaxPatients + 1);
  for (uint64_t i = 0; i < patients && !in.empty(); ++i) {
    input.patients.push_back(DecodePatient(in));
  }
  const uint64_t dispensings = in.Unsigned(4) % (kMaxDispensings + 1);
  for (uint64_t i = 0; i < dispensings && !in.empty(); ++i) {
    rules::Dispensing row;
    row.day = in.Day();
    // Two bytes reach every patient index and kNoPatient (-1); other
    // negative values exercise Validate's reference check.
    row.patient = static_cast<int32_t>(in.Signed(2));
    row.units = in.Signed(8);
    input.dispensings.push_back(row);
  }
  const uint64_t outcomes = in.Unsigned(2) % (kMaxGroupOutcomes + 1);
  for (uint64_t i = 0; i < outcomes && !in.empty(); ++i) {
    rules::GroupOutcome row;
    row.measure = in.Text();
    row.value = in.DecimalValue();
    row.n = in.Signed(8);
    row.data_cut = in.Day();
    input.group_outcomes.push_back(std::move(row));
  }
  return input;
}

std::string EncodeTypedInput(const rules::EvaluationInput& input) {
  ByteWriter out;
  out.Text(input.agreement_id);
  out.Text(input.method_id);
  out.Signed(input.unit_price_ore, 8);
  out.Day(input.period.start);
  out.Day(input.period.end);
  out.Day(input.as_of);
  const size_t clauses = std::min<size_t>(input.clauses.size(), kMaxClauses);
  out.Unsigned(clauses, 1);
  for (size_t i = 0; i < clauses; ++i) EncodeClause(input.clauses[i], out);
  const size_t patients = std::min<size_t>(input.patients.size(), kMaxPatients);
  out.Unsigned(patients, 2);
  for (size_t i = 0; i < patients; ++i) EncodePatient(input.patients[i], out);
  const size_t dispensings =
      std::min<size_t>(input.dispensings.size(), kMaxDispensings);
  out.Unsigned(dispensings, 4);
  for (size_t i = 0; i < dispensings; ++i) {
    const rules::Dispensing& row = input.dispensings[i];
    out.Day(row.day);
    out.Signed(row.patient, 2);
    out.Signed(row.units, 8);
  }
  const size_t outcomes =
      std::min<size_t>(input.group_outcomes.size(), kMaxGroupOutcomes);
  out.Unsigned(outcomes, 2);
  for (size_t i = 0; i < outcomes; ++i) {
    const rules::GroupOutcome& row = input.group_outcomes[i];
    out.Text(row.measure);
    out.Text(row.value.text());
    out.Signed(row.n, 8);
    out.Day(row.data_cut);
  }
  return out.Release();
}

}  // namespace mea::fuzz
