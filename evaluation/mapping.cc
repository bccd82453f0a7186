#include "evaluation/mapping.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/util/json_util.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "rules/money.h"
#include "rules/percent.h"

namespace mea::evaluation {
namespace {

using rules::DayNumber;
using rules::FieldViolation;

// Reads the wire message into the typed input, collecting a violation for
// every value whose text is not of its type. Paths are built only when a
// violation is recorded: an input may hold millions of rows.
class ProtoReader {
 public:
  explicit ProtoReader(const mea::v1::EvaluationInput& proto) : in_(proto) {}

  rules::EvaluationInput Read() {
    rules::EvaluationInput out;
    ReadAgreement(out);
    ReadPatients(out);
    ReadDispensings(out);
    ReadGroupOutcomes(out);
    out.period.start = RequiredDate(in_.period().start(), "period.start");
    out.period.end = RequiredDate(in_.period().end(), "period.end");
    out.as_of = RequiredDate(in_.as_of(), "as_of");
    return out;
  }

  std::vector<FieldViolation> TakeViolations() {
    return std::move(violations_);
  }

 private:
  bool full() const { return violations_.size() >= kMaxReportedViolations; }

  void Add(std::string field, absl::string_view description) {
    if (!full()) {
      violations_.push_back({std::move(field), std::string(description)});
    }
  }

  // The parsed value, or T{} after recording the parse error at `field`.
  template <typename T, typename Field>
  T Take(absl::StatusOr<T> parsed, const Field& field) {
    if (parsed.ok()) return *std::move(parsed);
    Add(absl::StrCat(field), parsed.status().message());
    return T{};
  }

  template <typename Field>
  DayNumber RequiredDate(std::string_view text, const Field& field) {
    if (text.empty()) {
      Add(absl::StrCat(field), "is required");
      return 0;
    }
    return Take(rules::ParseDayNumber(text), field);
  }

  // "" means absent.
  std::optional<DayNumber> OptionalDate(std::string_view text,
                                        const std::string& field) {
    if (text.empty()) return std::nullopt;
    return Take(rules::ParseDayNumber(text), field);
  }

  // "" means the clause's default.
  std::int32_t PercentOr(std::string_view text, std::int32_t default_value,
                         const std::string& field) {
    if (text.empty()) return default_value;
    return Take(rules::ParsePercent(text), field);
  }

  std::int32_t RequiredPercent(std::string_view text,
                               const std::string& field) {
    if (text.empty()) {
      Add(field, "is required");
      return 0;
    }
    return Take(rules::ParsePercent(text), field);
  }

  std::int64_t RequiredMoney(std::string_view text, const std::string& field) {
    if (text.empty()) {
      Add(field, "is required");
      return 0;
    }
    return Take(rules::ParseMoney(text), field);
  }

  rules::Decimal RequiredDecimal(std::string_view text,
                                 const std::string& field) {
    if (text.empty()) {
      Add(field, "is required");
      return rules::Decimal();
    }
    return Take(rules::Decimal::Parse(text), field);
  }

  void ReadAgreement(rules::EvaluationInput& out) {
    const mea::v1::AgreementTerms& agreement = in_.agreement();
    out.agreement_id = agreement.id();
    out.method_id = agreement.method_id();
    out.unit_price_ore =
        RequiredMoney(agreement.unit_price(), "agreement.unit_price");
    out.clauses.reserve(agreement.clauses_size());
    for (int i = 0; i < agreement.clauses_size(); ++i) {
      out.clauses.push_back(ReadClause(
          agreement.clauses(i), absl::StrCat("agreement.clauses[", i, "]")));
    }
  }

  rules::Clause ReadClause(const mea::v1::Clause& clause,
                           const std::string& path) {
    using C = mea::v1::Clause;
    switch (clause.clause_case()) {
      case C::kFlatDiscount:
        return ReadFlatDiscount(clause.flat_discount(), path);
      case C::kPriceVolume:
        return ReadPriceVolume(clause.price_volume(), path);
      case C::kExpenditureCap:
        return ReadExpenditureCap(clause.expenditure_cap(), path);
      case C::kPatientUnitCap:
        return rules::PatientUnitCap{.max_units =
                                         clause.patient_unit_cap().max_units()};
      case C::kInitialDiscount:
        return ReadInitialDiscount(clause.initial_discount(), path);
      case C::kPaymentByResult:
        return ReadPaymentByResult(clause.payment_by_result(), path);
      case C::kOutcomeGuarantee:
        return ReadOutcomeGuarantee(clause.outcome_guarantee(), path);
      case C::CLAUSE_NOT_SET:
        break;
    }
    Add(path,
        "must hold exactly one clause type: flat_discount, price_volume, "
        "expenditure_cap, patient_unit_cap, initial_discount, "
        "payment_by_result or outcome_guarantee");
    // A placeholder that Validate accepts; the input is rejected anyway.
    return rules::FlatDiscount{};
  }

  rules::FlatDiscount ReadFlatDiscount(const mea::v1::FlatDiscount& clause,
                                       const std::string& path) {
    return {.percent_hundredths =
                RequiredPercent(clause.percent(),
                                absl::StrCat(path, ".flat_discount.percent"))};
  }

  rules::PriceVolume ReadPriceVolume(const mea::v1::PriceVolume& clause,
                                     const std::string& clause_path) {
    const std::string path = absl::StrCat(clause_path, ".price_volume");
    rules::PriceVolume out;
    if (clause.basis() == "ALL_UNITS") {
      out.basis = rules::TierBasis::kAllUnits;
    } else if (clause.basis() == "INCREMENTAL") {
      out.basis = rules::TierBasis::kIncremental;
    } else {
      Add(absl::StrCat(path, ".basis"),
          absl::StrCat("must be \"ALL_UNITS\" or \"INCREMENTAL\", got \"",
                       clause.basis(), "\""));
    }
    for (int j = 0; j < clause.tiers_size(); ++j) {
      const mea::v1::PriceVolumeTier& tier = clause.tiers(j);
      out.tiers.push_back(
          {.above_units = tier.above_units(),
           .percent_hundredths = RequiredPercent(
               tier.percent(), absl::StrCat(path, ".tiers[", j, "].percent"))});
    }
    return out;
  }

  rules::ExpenditureCap ReadExpenditureCap(
      const mea::v1::ExpenditureCap& clause, const std::string& clause_path) {
    const std::string path = absl::StrCat(clause_path, ".expenditure_cap");
    return {.cap_ore = RequiredMoney(clause.cap(), absl::StrCat(path, ".cap")),
            .refund_percent_hundredths =
                PercentOr(clause.refund_percent(), rules::kHundredPercent,
                          absl::StrCat(path, ".refund_percent"))};
  }

  rules::InitialDiscount ReadInitialDiscount(
      const mea::v1::InitialDiscount& clause, const std::string& clause_path) {
    return {.weeks = clause.weeks(),
            .percent_hundredths = RequiredPercent(
                clause.percent(),
                absl::StrCat(clause_path, ".initial_discount.percent"))};
  }

  rules::PaymentByResult ReadPaymentByResult(
      const mea::v1::PaymentByResult& clause, const std::string& clause_path) {
    const std::string path = absl::StrCat(clause_path, ".payment_by_result");
    rules::PaymentByResult out{
        .assessment_weeks = clause.assessment_weeks(),
        .refund_percent_hundredths =
            PercentOr(clause.refund_percent(), rules::kHundredPercent,
                      absl::StrCat(path, ".refund_percent"))};
    const std::string& missing = clause.missing_outcome();
    if (missing == "REFUND") {
      out.missing_outcome = rules::MissingOutcome::kRefund;
    } else if (!missing.empty() && missing != "NO_REFUND") {
      Add(absl::StrCat(path, ".missing_outcome"),
          absl::StrCat("must be \"NO_REFUND\" or \"REFUND\", got \"", missing,
                       "\""));
    }
    return out;
  }

  rules::OutcomeGuarantee ReadOutcomeGuarantee(
      const mea::v1::OutcomeGuarantee& clause, const std::string& clause_path) {
    const std::string path = absl::StrCat(clause_path, ".outcome_guarantee");
    rules::OutcomeGuarantee out;
    out.measure = clause.measure();
    out.threshold =
        RequiredDecimal(clause.threshold(), absl::StrCat(path, ".threshold"));
    if (clause.direction() == "AT_MOST") {
      out.direction = rules::Direction::kAtMost;
    } else if (!clause.direction().empty() &&
               clause.direction() != "AT_LEAST") {
      Add(absl::StrCat(path, ".direction"),
          absl::StrCat("must be \"AT_LEAST\" or \"AT_MOST\", got \"",
                       clause.direction(), "\""));
    }
    if (clause.has_min_patients()) out.min_patients = clause.min_patients();
    out.price_reduction_percent_hundredths =
        PercentOr(clause.price_reduction_percent(), 0,
                  absl::StrCat(path, ".price_reduction_percent"));
    return out;
  }

  void ReadPatients(rules::EvaluationInput& out) {
    const auto& patients = in_.results().patients();
    out.patients.reserve(patients.size());
    index_by_id_.reserve(patients.size());
    for (int i = 0; i < patients.size() && !full(); ++i) {
      out.patients.push_back(ReadPatient(patients[i], i));
      // The first patient with an id wins; rules::Validate reports the
      // duplicate.
      index_by_id_.try_emplace(patients[i].id(), i);
    }
  }

  rules::Patient ReadPatient(const mea::v1::PatientRecord& record, int i) {
    const std::string path = absl::StrCat("results.patients[", i, "]");
    rules::Patient patient;
    patient.id = record.id();
    patient.start =
        RequiredDate(record.start_date(), absl::StrCat(path, ".start_date"));
    patient.stop =
        OptionalDate(record.stop_date(), absl::StrCat(path, ".stop_date"));
    patient.death =
        OptionalDate(record.death_date(), absl::StrCat(path, ".death_date"));
    patient.assessments.reserve(record.assessments_size());
    for (int j = 0; j < record.assessments_size(); ++j) {
      const mea::v1::Assessment& a = record.assessments(j);
      const std::string a_path = absl::StrCat(path, ".assessments[", j, "]");
      patient.assessments.push_back(
          {.day = RequiredDate(a.date(), absl::StrCat(a_path, ".date")),
           .outcome = ReadOutcome(a.outcome(), a_path)});
    }
    return patient;
  }

  rules::Outcome ReadOutcome(const std::string& text, const std::string& path) {
    if (text == "RESPONSE") return rules::Outcome::kResponse;
    if (text == "STABLE") return rules::Outcome::kStable;
    if (text == "PROGRESSION") return rules::Outcome::kProgression;
    if (text == "NOT_EVALUABLE") return rules::Outcome::kNotEvaluable;
    Add(absl::StrCat(path, ".outcome"),
        absl::StrCat("must be \"RESPONSE\", \"STABLE\", \"PROGRESSION\" or "
                     "\"NOT_EVALUABLE\", got \"",
                     text, "\""));
    return rules::Outcome::kNotEvaluable;
  }

  void ReadDispensings(rules::EvaluationInput& out) {
    const auto& dispensings = in_.results().dispensings();
    out.dispensings.reserve(dispensings.size());
    for (int i = 0; i < dispensings.size() && !full(); ++i) {
      const mea::v1::Dispensing& d = dispensings[i];
      auto field = [i](const char* name) {
        return absl::StrCat("results.dispensings[", i, "].", name);
      };
      rules::Dispensing row;
      row.units = d.units();
      if (d.date().empty()) {
        Add(field("date"), "is required");
      } else {
        absl::StatusOr<DayNumber> day = rules::ParseDayNumber(d.date());
        if (day.ok())
          row.day = *day;
        else
          Add(field("date"), day.status().message());
      }
      if (!d.patient().empty()) {
        auto it = index_by_id_.find(d.patient());
        if (it != index_by_id_.end()) {
          row.patient = it->second;
        } else {
          Add(field("patient"),
              absl::StrCat("names no patient in results.patients (\"",
                           d.patient(), "\")"));
        }
      }
      out.dispensings.push_back(row);
    }
  }

  void ReadGroupOutcomes(rules::EvaluationInput& out) {
    const auto& outcomes = in_.results().group_outcomes();
    for (int i = 0; i < outcomes.size(); ++i) {
      const mea::v1::GroupOutcome& g = outcomes[i];
      const std::string path = absl::StrCat("results.group_outcomes[", i, "]");
      out.group_outcomes.push_back(
          {.measure = g.measure(),
           .value = RequiredDecimal(g.value(), absl::StrCat(path, ".value")),
           .n = g.n(),
           .data_cut =
               RequiredDate(g.data_cut(), absl::StrCat(path, ".data_cut"))});
    }
  }

  const mea::v1::EvaluationInput& in_;
  absl::flat_hash_map<std::string_view, std::int32_t> index_by_id_;
  std::vector<FieldViolation> violations_;
};

void SetPeriod(const rules::Period& period, mea::v1::Period& out) {
  out.set_start(rules::FormatDayNumber(period.start));
  out.set_end(rules::FormatDayNumber(period.end));
}

}  // namespace

absl::StatusOr<rules::EvaluationInput> EvaluationInputFromProto(
    const mea::v1::EvaluationInput& input) {
  ProtoReader reader(input);
  rules::EvaluationInput typed = reader.Read();
  std::vector<FieldViolation> violations = reader.TakeViolations();
  if (violations.empty()) {
    violations = rules::Validate(typed, kMaxReportedViolations);
  }
  if (violations.empty()) return typed;
  FieldViolations status;
  for (const FieldViolation& v : violations) status.Add(v.field, v.description);
  return status.ToStatus();
}

mea::v1::Settlement SettlementToProto(const rules::Settlement& settlement) {
  mea::v1::Settlement out;
  out.set_agreement_id(settlement.agreement_id);
  SetPeriod(settlement.period, *out.mutable_period());
  out.set_as_of(rules::FormatDayNumber(settlement.as_of));
  out.set_units(settlement.units);
  out.set_gross_cost(rules::FormatMoney(settlement.gross_cost_ore));
  for (const rules::SettlementLine& line : settlement.lines) {
    mea::v1::SettlementLine* l = out.add_lines();
    l->set_clause(line.clause);
    l->set_index(line.index);
    l->set_amount(rules::FormatMoney(line.amount_ore));
    l->set_explanation(line.explanation);
  }
  out.set_total_refund(rules::FormatMoney(settlement.total_refund_ore));
  out.set_net_cost(rules::FormatMoney(settlement.net_cost_ore));
  if (settlement.patient_outcomes.has_value()) {
    const rules::PatientOutcomeCounts& counts = *settlement.patient_outcomes;
    mea::v1::PatientOutcomes* o = out.mutable_patient_outcomes();
    o->set_success(counts.success);
    o->set_failure(counts.failure);
    o->set_pending(counts.pending);
    o->set_missing(counts.missing);
  }
  for (const rules::Trigger& trigger : settlement.triggers) {
    mea::v1::Trigger* t = out.add_triggers();
    t->set_clause_index(trigger.clause_index);
    t->set_kind(std::string(rules::TriggerKindName(trigger.kind)));
    t->set_measure(trigger.measure);
    t->set_observed(trigger.observed);
    t->set_threshold(trigger.threshold);
  }
  return out;
}

absl::StatusOr<mea::v1::EvaluationInput> ParseEvaluationInputJson(
    std::string_view json) {
  mea::v1::EvaluationInput input;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &input, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not a valid EvaluationInput JSON document: ",
        std::string(status.message().data(), status.message().size())));
  }
  return input;
}

}  // namespace mea::evaluation
