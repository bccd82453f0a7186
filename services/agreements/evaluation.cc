#include "services/agreements/evaluation.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "evaluation/mapping.h"
#include "rules/civil_date.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

// A valid period and as_of, for checking terms without results.
constexpr char kAnyDay[] = "2000-01-01";

// Splits "agreement.clauses[0]" into its part ("agreement") and the rest
// (".clauses[0]"), then puts the origin's prefix in front of the rest.
// Returns nullopt when the part is stored.
std::optional<std::string> Rebase(const std::string& path,
                                  const InputOrigin& origin,
                                  std::string& part) {
  const std::pair<std::string, const std::string*> parts[] = {
      {"agreement", &origin.agreement},
      {"results", &origin.results},
      {"period", &origin.period},
      {"as_of", &origin.as_of}};
  for (const auto& [name, prefix] : parts) {
    if (!absl::StartsWith(path, name)) continue;
    const std::string rest = path.substr(name.size());
    if (!rest.empty() && rest[0] != '.' && rest[0] != '[') continue;
    part = name;
    if (prefix->empty()) return std::nullopt;
    return absl::StrCat(*prefix, rest);
  }
  part = "input";
  return path;
}

// The refusal of an input that breaks the rules `found` lists: the first
// broken by a stored part makes it FAILED_PRECONDITION, otherwise every
// violation is the caller's (see MapEvaluationInput).
absl::Status Refusal(const std::vector<rules::FieldViolation>& found,
                     const InputOrigin& origin, const std::string& agreement_id,
                     std::vector<rules::FieldViolation>* violations) {
  std::vector<rules::FieldViolation> rebased;
  for (const rules::FieldViolation& violation : found) {
    std::string part;
    std::optional<std::string> path = Rebase(violation.field, origin, part);
    if (!path.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the stored ", part, " of agreement ", agreement_id,
                       " cannot be evaluated: ", violation.field, ": ",
                       violation.description));
    }
    rebased.push_back({*std::move(path), violation.description});
  }
  if (violations != nullptr) {
    violations->insert(violations->end(), rebased.begin(), rebased.end());
  }
  return EvaluationRefused(rebased);
}

rules::Patient TypedPatient(const store::PatientRecord& stored) {
  rules::Patient patient;
  patient.id = stored.id;
  patient.start = rules::ToDayNumber(stored.start_date);
  if (stored.stop_date) patient.stop = rules::ToDayNumber(*stored.stop_date);
  if (stored.death_date) patient.death = rules::ToDayNumber(*stored.death_date);
  patient.assessments.reserve(stored.assessments.size());
  for (const store::AssessmentRecord& assessment : stored.assessments) {
    patient.assessments.push_back(
        {rules::ToDayNumber(assessment.date), assessment.outcome});
  }
  return patient;
}

// Adds the stored results to `input`, patients named by their index as the
// rules want them.
absl::Status AddStoredResults(const store::ResultsRecord& results,
                              rules::EvaluationInput& input) {
  absl::flat_hash_map<std::string_view, int32_t> index_of;
  input.patients.reserve(results.patients.size());
  for (const store::PatientRecord& patient : results.patients) {
    index_of.try_emplace(patient.id,
                         static_cast<int32_t>(input.patients.size()));
    input.patients.push_back(TypedPatient(patient));
  }
  input.dispensings.reserve(results.dispensings.size());
  for (const store::DispensingRecord& stored : results.dispensings) {
    rules::Dispensing& dispensing = input.dispensings.emplace_back();
    dispensing.day = rules::ToDayNumber(stored.date);
    dispensing.units = stored.units;
    if (!stored.patient.has_value()) continue;
    auto patient = index_of.find(*stored.patient);
    if (patient == index_of.end()) {
      // The schema's foreign key makes this impossible.
      return absl::InternalError(absl::StrCat(
          "a stored dispensing of agreement ", input.agreement_id,
          " names patient \"", *stored.patient, "\", who is not stored"));
    }
    dispensing.patient = patient->second;
  }
  for (const store::GroupOutcomeRecord& outcome : results.group_outcomes) {
    input.group_outcomes.push_back({outcome.measure, outcome.value, outcome.n,
                                    rules::ToDayNumber(outcome.data_cut)});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<rules::EvaluationInput> MapEvaluationInput(
    const v1::EvaluationInput& input, const InputOrigin& origin,
    std::vector<rules::FieldViolation>* violations) {
  absl::StatusOr<rules::EvaluationInput> typed =
      evaluation::EvaluationInputFromProto(input);
  if (typed.ok()) return typed;
  std::vector<rules::FieldViolation> carried;
  for (FieldViolations::Violation& violation : ViolationsOf(typed.status())) {
    carried.push_back(
        {std::move(violation.field), std::move(violation.description)});
  }
  if (carried.empty()) return typed.status();
  return Refusal(carried, origin, input.agreement().id(), violations);
}

absl::StatusOr<rules::EvaluationInput> MapStoredResultsInput(
    const v1::AgreementTerms& terms, const store::ResultsRecord& results,
    const v1::Period& period, const std::string& as_of, InputOrigin origin,
    std::vector<rules::FieldViolation>* violations) {
  origin.results = InputOrigin::kStored;
  // The terms, period and as_of in their wire form, then the typed results.
  MEA_ASSIGN_OR_RETURN(
      rules::EvaluationInput typed,
      MapEvaluationInput(MakeInput(terms, v1::Results(), period, as_of), origin,
                         violations));
  MEA_RETURN_IF_ERROR(AddStoredResults(results, typed));
  std::vector<rules::FieldViolation> found =
      rules::Validate(typed, evaluation::kMaxReportedViolations);
  if (found.empty()) return typed;
  return Refusal(found, origin, terms.id(), violations);
}

absl::Status EvaluationRefused(
    const std::vector<rules::FieldViolation>& violations) {
  FieldViolations refused;
  for (const rules::FieldViolation& violation : violations) {
    refused.Add(violation.field, violation.description);
  }
  return refused.ToStatus();
}

std::vector<rules::FieldViolation> TermsViolations(
    const v1::AgreementTerms& terms, std::string_view prefix) {
  v1::EvaluationInput input;
  *input.mutable_agreement() = terms;
  input.mutable_period()->set_start(kAnyDay);
  input.mutable_period()->set_end(kAnyDay);
  input.set_as_of(kAnyDay);
  InputOrigin origin;
  origin.agreement = std::string(prefix);
  std::vector<rules::FieldViolation> violations;
  MapEvaluationInput(input, origin, &violations).IgnoreError();
  return violations;
}

v1::AgreementTerms TermsOf(const v1::Agreement& agreement) {
  v1::AgreementTerms terms;
  terms.set_id(agreement.id());
  terms.set_method_id(agreement.method_id());
  terms.set_unit_price(agreement.unit_price());
  *terms.mutable_clauses() = agreement.clauses();
  return terms;
}

v1::AgreementTerms DraftFor(v1::AgreementTerms draft,
                            const v1::Agreement& agreement) {
  if (draft.id().empty()) draft.set_id(agreement.id());
  if (draft.method_id().empty()) draft.set_method_id(agreement.method_id());
  return draft;
}

v1::EvaluationInput MakeInput(v1::AgreementTerms terms, v1::Results results,
                              const v1::Period& period,
                              const std::string& as_of) {
  v1::EvaluationInput input;
  *input.mutable_agreement() = std::move(terms);
  *input.mutable_results() = std::move(results);
  *input.mutable_period() = period;
  input.set_as_of(as_of);
  return input;
}

v1::Settlement SettlementProto(const rules::Settlement& settlement) {
  return evaluation::SettlementToProto(settlement);
}

}  // namespace mea::services::agreements
