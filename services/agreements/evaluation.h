// Evaluation of agreement terms on results, for the AgreementService: the
// one place where the service reaches the rules module through
// evaluation/mapping.h.
//
// An input sent inline (SimulateSettlement, CompareDrafts) is a
// mea.v1.EvaluationInput and is mapped exactly as `meactl evaluate` maps
// the equivalent file. Stored results are typed already
// (storage::agreements::ResultsRecord) and go straight into the rules'
// input; only the terms pass through the wire form, since an agreement's
// clauses are stored as their wire JSON (storage/agreements/records.h).
// Either way the whole input is checked by rules::Validate, so the server
// computes what `meactl evaluate` computes on the same data.
//
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

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/evaluation.h"
#include "rules/settle.h"
#include "storage/agreements/records.h"

namespace mea::services::agreements {

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
// naming it. When the caller's parts do: INVALID_ARGUMENT carrying every
// violation, rebased to the caller's paths (EvaluationRefused); the
// violations are also appended to `violations` when it is given, for a
// caller that merges the refusals of several inputs.
absl::StatusOr<rules::EvaluationInput> MapEvaluationInput(
    const v1::EvaluationInput& input, const InputOrigin& origin,
    std::vector<rules::FieldViolation>* violations = nullptr);

// As MapEvaluationInput, for `terms` on `results` read from storage (the
// InputOrigin's results are kStored, whatever `origin` says).
absl::StatusOr<rules::EvaluationInput> MapStoredResultsInput(
    const v1::AgreementTerms& terms,
    const storage::agreements::ResultsRecord& results, const v1::Period& period,
    const std::string& as_of, InputOrigin origin,
    std::vector<rules::FieldViolation>* violations = nullptr);

// INVALID_ARGUMENT carrying `violations` (as the mappings above report
// them). Precondition: not empty.
absl::Status EvaluationRefused(
    const std::vector<rules::FieldViolation>& violations);

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

// The wire form of a settlement (evaluation/mapping.h's SettlementToProto).
v1::Settlement SettlementProto(const rules::Settlement& settlement);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_EVALUATION_H_
