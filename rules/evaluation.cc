#include "rules/evaluation.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/numeric/int128.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "rules/method_id.h"
#include "rules/money.h"

namespace mea::rules {
namespace {

constexpr std::size_t kMaxClauses = 20;
// Weeks beyond ten years are a typing error, and bounding them keeps
// start + 7 × weeks far inside DayNumber.
constexpr std::int32_t kMaxWeeks = 520;

constexpr std::string_view kClauseNames[] = {
    "flat_discount",    "price_volume",     "expenditure_cap",
    "patient_unit_cap", "initial_discount", "payment_by_result",
    "outcome_guarantee"};
static_assert(std::size(kClauseNames) == std::variant_size_v<Clause>);

// Collects violations up to a limit; callers check full() to stop scanning
// large row sets early.
class Violations {
 public:
  explicit Violations(std::size_t limit) : limit_(limit) {}

  void Add(std::string field, std::string description) {
    if (full()) return;
    list_.push_back({std::move(field), std::move(description)});
  }
  bool full() const { return list_.size() >= limit_; }
  std::vector<FieldViolation> Release() { return std::move(list_); }

 private:
  std::size_t limit_;
  std::vector<FieldViolation> list_;
};

void CheckWeeks(std::int32_t weeks, const std::string& field, Violations& out) {
  if (weeks < 1 || weeks > kMaxWeeks) {
    out.Add(field, absl::StrCat("must be between 1 and ", kMaxWeeks,
                                " weeks, got ", weeks));
  }
}

void CheckPriceVolume(const PriceVolume& clause, const std::string& path,
                      Violations& out) {
  if (clause.tiers.empty()) {
    out.Add(absl::StrCat(path, ".tiers"), "must hold at least one tier");
  }
  for (size_t j = 0; j < clause.tiers.size(); ++j) {
    const std::int64_t above = clause.tiers[j].above_units;
    const std::string field = absl::StrCat(path, ".tiers[", j, "].above_units");
    if (above < 0) {
      out.Add(field, absl::StrCat("must be at least 0, got ", above));
    } else if (j > 0 && above <= clause.tiers[j - 1].above_units) {
      out.Add(field, absl::StrCat("must be greater than the previous tier's (",
                                  clause.tiers[j - 1].above_units, ")"));
    }
  }
}

// Checks of one clause on its own; the per-agreement counts are done by the
// caller.
void CheckClause(const Clause& clause, const std::string& path,
                 Violations& out) {
  if (const auto* pv = std::get_if<PriceVolume>(&clause)) {
    CheckPriceVolume(*pv, path, out);
  } else if (const auto* cap = std::get_if<PatientUnitCap>(&clause)) {
    if (cap->max_units < 1) {
      out.Add(absl::StrCat(path, ".max_units"),
              absl::StrCat("must be at least 1, got ", cap->max_units));
    }
  } else if (const auto* initial = std::get_if<InitialDiscount>(&clause)) {
    CheckWeeks(initial->weeks, absl::StrCat(path, ".weeks"), out);
  } else if (const auto* pbr = std::get_if<PaymentByResult>(&clause)) {
    CheckWeeks(pbr->assessment_weeks, absl::StrCat(path, ".assessment_weeks"),
               out);
  } else if (const auto* og = std::get_if<OutcomeGuarantee>(&clause)) {
    if (og->measure.empty()) {
      out.Add(absl::StrCat(path, ".measure"), "is required");
    }
    if (og->min_patients < 0) {
      out.Add(absl::StrCat(path, ".min_patients"),
              absl::StrCat("must be at least 0, got ", og->min_patients));
    }
  }
}

void CheckClauses(const std::vector<Clause>& clauses, Violations& out) {
  if (clauses.empty() || clauses.size() > kMaxClauses) {
    out.Add("agreement.clauses",
            absl::StrCat("must hold 1 to ", kMaxClauses, " clauses, got ",
                         clauses.size()));
  }
  // The first expenditure_cap and payment_by_result seen, by clause index.
  std::optional<size_t> first_of_kind[std::variant_size_v<Clause>];
  for (size_t i = 0; i < clauses.size(); ++i) {
    const std::string name(ClauseName(clauses[i]));
    const std::string path = absl::StrCat("agreement.clauses[", i, "].", name);
    CheckClause(clauses[i], path, out);
    std::optional<size_t>& first = first_of_kind[clauses[i].index()];
    const bool single = std::holds_alternative<ExpenditureCap>(clauses[i]) ||
                        std::holds_alternative<PaymentByResult>(clauses[i]);
    if (single && first.has_value()) {
      out.Add(path, absl::StrCat("at most one ", name,
                                 " per agreement; agreement.clauses[", *first,
                                 "] is one already"));
    }
    if (!first.has_value()) first = i;
  }
}

void CheckAgreement(const EvaluationInput& input, Violations& out) {
  if (input.agreement_id.empty()) out.Add("agreement.id", "is required");
  if (!IsMethodId(input.method_id)) {
    out.Add("agreement.method_id",
            absl::StrCat("must be a Nye metoder case id such as "
                         "\"ID2021_045\", got \"",
                         input.method_id, "\""));
  }
  if (input.unit_price_ore <= 0) {
    out.Add("agreement.unit_price", "must be greater than 0");
  }
  CheckClauses(input.clauses, out);
}

void CheckDispensing(const EvaluationInput& input, size_t i, Violations& out) {
  const Dispensing& d = input.dispensings[i];
  const std::string path = absl::StrCat("results.dispensings[", i, "]");
  if (d.units < 1) {
    out.Add(absl::StrCat(path, ".units"),
            absl::StrCat("must be at least 1, got ", d.units));
  }
  if (d.patient == kNoPatient) return;
  if (d.patient < 0 ||
      static_cast<size_t>(d.patient) >= input.patients.size()) {
    out.Add(absl::StrCat(path, ".patient"),
            absl::StrCat("names no patient in results.patients (index ",
                         d.patient, ")"));
    return;
  }
  const Patient& patient = input.patients[d.patient];
  if (d.day < patient.start) {
    out.Add(absl::StrCat(path, ".date"),
            absl::StrCat(FormatDayNumber(d.day),
                         " is before the start_date of patient \"", patient.id,
                         "\" (", FormatDayNumber(patient.start), ")"));
  }
}

// The cost of all dispensings dated up to as_of may not exceed the largest
// amount of money, so that every later sum fits in int64.
void CheckCostLimit(const EvaluationInput& input, Violations& out) {
  if (input.unit_price_ore <= 0) return;
  // Stop summing once past the limit: a unit costs at least one øre.
  std::int64_t units = 0;
  for (const Dispensing& d : input.dispensings) {
    if (d.day > input.as_of || d.units < 1) continue;
    units += std::min(d.units, kMaxMoneyOre + 1);
    if (units > kMaxMoneyOre) break;
  }
  const absl::int128 cost = absl::int128(units) * input.unit_price_ore;
  if (cost > kMaxMoneyOre) {
    out.Add("results.dispensings",
            absl::StrCat("the dispensings up to as_of cost more than "
                         "100000000000.00 (",
                         units > kMaxMoneyOre ? "over " : "", units,
                         " units at ", FormatMoney(input.unit_price_ore), ")"));
  }
}

void CheckDatesOfPatient(const Patient& patient, const std::string& path,
                         Violations& out) {
  const std::string start = FormatDayNumber(patient.start);
  auto check = [&](DayNumber day, std::string field) {
    if (day < patient.start) {
      out.Add(std::move(field),
              absl::StrCat(FormatDayNumber(day), " is before start_date (",
                           start, ")"));
    }
  };
  if (patient.stop) check(*patient.stop, absl::StrCat(path, ".stop_date"));
  if (patient.death) check(*patient.death, absl::StrCat(path, ".death_date"));
  for (size_t j = 0; j < patient.assessments.size(); ++j) {
    check(patient.assessments[j].day,
          absl::StrCat(path, ".assessments[", j, "].date"));
  }
}

void CheckPatients(const std::vector<Patient>& patients, Violations& out) {
  absl::flat_hash_map<std::string_view, size_t> first_with_id;
  first_with_id.reserve(patients.size());
  for (size_t i = 0; i < patients.size() && !out.full(); ++i) {
    const Patient& patient = patients[i];
    const std::string path = absl::StrCat("results.patients[", i, "]");
    if (patient.id.empty()) {
      out.Add(absl::StrCat(path, ".id"), "is required");
    } else if (auto [it, added] = first_with_id.try_emplace(patient.id, i);
               !added) {
      out.Add(absl::StrCat(path, ".id"),
              absl::StrCat("duplicates the id of results.patients[", it->second,
                           "] (\"", patient.id, "\")"));
    }
    CheckDatesOfPatient(patient, path, out);
  }
}

void CheckGroupOutcomes(const std::vector<GroupOutcome>& outcomes,
                        Violations& out) {
  absl::flat_hash_map<std::pair<std::string_view, DayNumber>, size_t> first;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const GroupOutcome& outcome = outcomes[i];
    const std::string path = absl::StrCat("results.group_outcomes[", i, "]");
    if (outcome.measure.empty()) {
      out.Add(absl::StrCat(path, ".measure"), "is required");
    }
    if (outcome.n < 0) {
      out.Add(absl::StrCat(path, ".n"),
              absl::StrCat("must be at least 0, got ", outcome.n));
    }
    auto [it, added] = first.try_emplace(
        std::pair(std::string_view(outcome.measure), outcome.data_cut), i);
    if (!added) {
      out.Add(absl::StrCat(path, ".data_cut"),
              absl::StrCat("results.group_outcomes[", it->second,
                           "] already has measure \"", outcome.measure,
                           "\" on ", FormatDayNumber(outcome.data_cut)));
    }
  }
}

void CheckResults(const EvaluationInput& input, Violations& out) {
  for (size_t i = 0; i < input.dispensings.size() && !out.full(); ++i) {
    CheckDispensing(input, i, out);
  }
  CheckCostLimit(input, out);
  CheckPatients(input.patients, out);
  CheckGroupOutcomes(input.group_outcomes, out);
}

}  // namespace

std::string_view ClauseName(const Clause& clause) {
  return kClauseNames[clause.index()];
}

std::vector<FieldViolation> Validate(const EvaluationInput& input,
                                     std::size_t max_violations) {
  Violations out(max_violations);
  CheckAgreement(input, out);
  CheckResults(input, out);
  if (input.period.end < input.period.start) {
    out.Add("period.end",
            absl::StrCat("must not be before period.start (",
                         FormatDayNumber(input.period.start), ")"));
  }
  return out.Release();
}

}  // namespace mea::rules
