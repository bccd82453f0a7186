// Evaluation of agreement terms on results, for the AgreementService: the
// one place where the service reaches the rules module through
// evaluation/mapping.h.
//
// Every evaluation input is a mea.v1.EvaluationInput, whether it came
// inline in a request or was assembled from the database, so the server
// computes exactly what `meactl evaluate` computes on the equivalent file.
// The mapping reports violations at the paths of evaluation.md
// ("agreement.clauses[0]...", "results.dispensings[3].date"); InputOrigin
// says where each part of the input came from, so that a violation is
// reported at the caller's own path ("first.clauses[0]...") or, when the
// part was read from storage, as a failed precondition rather than as the
// caller's mistake.
#ifndef MEA_SERVICES_AGREEMENTS_EVALUATION_H_
#define MEA_SERVICES_AGREEMENTS_EVALUATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/evaluation.h"
#include "rules/settle.h"

namespace mea::services {

// The request path that replaces each top-level part of an EvaluationInput
// in violation paths; kStored marks a part read from the database.
struct InputOrigin {
  static constexpr std::string_view kStored = "";
  std::string agreement = "agreement";
  std::string results = "results";
  std::string period = "period";
  std::string as_of = "as_of";
};

// Parses and validates `input`. On success the typed input satisfies
// rules::Validate. When a stored part breaks a rule: FAILED_PRECONDITION
// naming it. When the caller's parts do: INVALID_ARGUMENT, with every
// violation, rebased to the caller's paths, appended to `violations` (turn
// them into the BadRequest status with FieldViolations).
absl::StatusOr<rules::EvaluationInput> MapEvaluationInput(
    const v1::EvaluationInput& input, const InputOrigin& origin,
    std::vector<rules::FieldViolation>& violations);

// The violations of `terms` on their own (unit price, clauses, id and
// method id), with "agreement" replaced by `prefix` in every path.
std::vector<rules::FieldViolation> TermsViolations(
    const v1::AgreementTerms& terms, std::string_view prefix);

// The terms of a stored agreement.
v1::AgreementTerms TermsOf(const v1::Agreement& agreement);

// Draft terms for a stored agreement: an empty id or method_id is the
// agreement's own.
v1::AgreementTerms DraftFor(v1::AgreementTerms draft,
                            const v1::Agreement& agreement);

v1::EvaluationInput MakeInput(v1::AgreementTerms terms, v1::Results results,
                              const v1::Period& period,
                              const std::string& as_of);

// The wire form of a settlement (evaluation_mapping's SettlementToProto).
v1::Settlement SettlementProto(const rules::Settlement& settlement);

}  // namespace mea::services

#endif  // MEA_SERVICES_AGREEMENTS_EVALUATION_H_
