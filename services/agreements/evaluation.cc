#include "services/agreements/evaluation.h"

#include <optional>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "evaluation/mapping.h"

namespace mea::services {
namespace {

// The payload under which evaluation_mapping attaches its violations.
constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";

// A valid period and as_of, for checking terms without results.
constexpr char kAnyDay[] = "2000-01-01";

std::vector<rules::FieldViolation> CarriedViolations(
    const absl::Status& status) {
  std::vector<rules::FieldViolation> violations;
  absl::optional<absl::Cord> payload = status.GetPayload(kBadRequestUrl);
  google::rpc::BadRequest bad_request;
  if (payload.has_value() &&
      bad_request.ParseFromString(std::string(*payload))) {
    for (const auto& violation : bad_request.field_violations()) {
      violations.push_back({violation.field(), violation.description()});
    }
  }
  return violations;
}

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

}  // namespace

absl::StatusOr<rules::EvaluationInput> MapEvaluationInput(
    const v1::EvaluationInput& input, const InputOrigin& origin,
    std::vector<rules::FieldViolation>& violations) {
  absl::StatusOr<rules::EvaluationInput> typed =
      evaluation::EvaluationInputFromProto(input);
  if (typed.ok()) return typed;
  std::vector<rules::FieldViolation> carried =
      CarriedViolations(typed.status());
  if (carried.empty()) return typed.status();
  std::vector<rules::FieldViolation> rebased;
  for (const rules::FieldViolation& violation : carried) {
    std::string part;
    std::optional<std::string> path = Rebase(violation.field, origin, part);
    if (!path.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the stored ", part, " of agreement ", input.agreement().id(),
          " cannot be evaluated: ", violation.field, ": ",
          violation.description));
    }
    rebased.push_back({*std::move(path), violation.description});
  }
  violations.insert(violations.end(), rebased.begin(), rebased.end());
  return absl::InvalidArgumentError(
      absl::StrCat(rebased.front().field, ": ", rebased.front().description));
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
  MapEvaluationInput(input, origin, violations).IgnoreError();
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

}  // namespace mea::services
