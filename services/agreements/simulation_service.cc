// AgreementService: what-if evaluation that stores nothing. SimulateSettlement
// evaluates one input (inline, or draft terms on an agreement's stored
// results); CompareDrafts evaluates two drafts on the same results.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "services/agreements/compare.h"
#include "services/agreements/evaluation.h"
#include "services/agreements/service.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "storage/agreements/results.h"
#include "storage/agreements/store.h"

namespace mea::services {
namespace {

bool IsEmpty(const google::protobuf::Message& message) {
  return message.ByteSizeLong() == 0;
}

// Maps and settles `input`; violations are reported as `origin` says.
absl::StatusOr<rules::Settlement> Evaluate(const v1::EvaluationInput& input,
                                           const InputOrigin& origin) {
  std::vector<rules::FieldViolation> violations;
  absl::StatusOr<rules::EvaluationInput> typed =
      MapEvaluationInput(input, origin, violations);
  if (!violations.empty()) return EvaluationRefused(violations);
  if (!typed.ok()) return typed.status();
  return rules::Settle(*typed);
}

void AddNew(const std::vector<rules::FieldViolation>& more,
            std::vector<rules::FieldViolation>& all) {
  for (const rules::FieldViolation& violation : more) {
    if (std::find(all.begin(), all.end(), violation) == all.end()) {
      all.push_back(violation);
    }
  }
}

// The agreement and its stored results, read in one transaction; a draft
// the caller may not see is NOT_FOUND like a missing agreement.
absl::Status ReadStored(storage::Database& database,
                        const identity::Principal& caller,
                        const std::string& agreement_id,
                        v1::Agreement& agreement, v1::Results& results) {
  return database.Read([&](storage::Connection& c) {
    absl::StatusOr<v1::Agreement> stored =
        LoadVisibleAgreement(c, caller, agreement_id);
    if (!stored.ok()) return stored.status();
    absl::StatusOr<v1::Results> loaded = storage::LoadResults(c, agreement_id);
    if (!loaded.ok()) return loaded.status();
    agreement = *std::move(stored);
    results = *std::move(loaded);
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<v1::SimulateSettlementResponse> AgreementServiceImpl::Simulate(
    const auth::CallAuth& call, const v1::SimulateSettlementRequest& request) {
  if (request.has_stored()) return SimulateStored(call, request.stored());
  if (!request.has_input()) {
    FieldViolations violations;
    violations.Add("source",
                   "set input (a whole evaluation input) or stored (draft "
                   "terms on an agreement's stored results)");
    return violations.ToStatus();
  }
  const InputOrigin origin{"input.agreement", "input.results", "input.period",
                           "input.as_of"};
  absl::StatusOr<rules::Settlement> settlement =
      Evaluate(request.input(), origin);
  if (!settlement.ok()) return settlement.status();
  v1::SimulateSettlementResponse response;
  *response.mutable_settlement() = SettlementProto(*settlement);
  return response;
}

absl::StatusOr<v1::SimulateSettlementResponse>
AgreementServiceImpl::SimulateStored(const auth::CallAuth& call,
                                     const v1::StoredResultsDraft& draft) {
  FieldViolations violations;
  ValidateAgreementId(draft.agreement_id(), "stored.agreement_id", violations);
  ValidatePeriod(draft.period(), "stored.period", violations);
  ValidateOptionalDate(draft.as_of(), "stored.as_of", violations);
  if (!violations.empty()) return violations.ToStatus();
  v1::Agreement agreement;
  v1::Results results;
  absl::Status read = ReadStored(*database_, call.principal,
                                 draft.agreement_id(), agreement, results);
  if (!read.ok()) return read;
  const bool own_terms = IsEmpty(draft.terms());
  InputOrigin origin{
      own_terms ? std::string(InputOrigin::kStored) : "stored.terms",
      std::string(InputOrigin::kStored), "stored.period", "stored.as_of"};
  v1::AgreementTerms terms =
      own_terms ? TermsOf(agreement) : DraftFor(draft.terms(), agreement);
  absl::StatusOr<rules::Settlement> settlement =
      Evaluate(MakeInput(std::move(terms), std::move(results), draft.period(),
                         AsOfOrToday(draft.as_of())),
               origin);
  if (!settlement.ok()) return settlement.status();
  v1::SimulateSettlementResponse response;
  *response.mutable_settlement() = SettlementProto(*settlement);
  return response;
}

absl::StatusOr<v1::CompareDraftsResponse> AgreementServiceImpl::Compare(
    const auth::CallAuth& call, const v1::CompareDraftsRequest& request) {
  FieldViolations violations;
  if (!request.has_first()) violations.Add("first", "is required");
  if (!request.has_second()) violations.Add("second", "is required");
  ValidatePeriod(request.period(), "period", violations);
  ValidateOptionalDate(request.as_of(), "as_of", violations);
  const bool stored = !request.agreement_id().empty();
  if (stored) {
    ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  }
  if (stored && !IsEmpty(request.results())) {
    violations.Add("results",
                   "give the results inline or an agreement_id for its "
                   "stored results, not both");
  }
  if (!violations.empty()) return violations.ToStatus();
  v1::Results results = request.results();
  v1::AgreementTerms first = request.first();
  v1::AgreementTerms second = request.second();
  if (stored) {
    v1::Agreement agreement;
    absl::Status read = ReadStored(*database_, call.principal,
                                   request.agreement_id(), agreement, results);
    if (!read.ok()) return read;
    first = DraftFor(std::move(first), agreement);
    second = DraftFor(std::move(second), agreement);
  }
  const std::string as_of = AsOfOrToday(request.as_of());
  InputOrigin origin;
  if (stored) origin.results = InputOrigin::kStored;
  std::vector<rules::FieldViolation> all;
  absl::StatusOr<rules::EvaluationInput> typed[2];
  const v1::AgreementTerms* drafts[2] = {&first, &second};
  const char* names[2] = {"first", "second"};
  for (int i = 0; i < 2; ++i) {
    origin.agreement = names[i];
    std::vector<rules::FieldViolation> found;
    typed[i] = MapEvaluationInput(
        MakeInput(*drafts[i], results, request.period(), as_of), origin, found);
    if (found.empty() && !typed[i].ok()) return typed[i].status();
    AddNew(found, all);
  }
  if (!all.empty()) return EvaluationRefused(all);
  return CompareSettlements(rules::Settle(*typed[0]), rules::Settle(*typed[1]));
}

grpc::Status AgreementServiceImpl::SimulateSettlement(
    grpc::ServerContext* context, const v1::SimulateSettlementRequest* request,
    v1::SimulateSettlementResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<v1::SimulateSettlementResponse> simulated =
      Simulate(*call, *request);
  if (simulated.ok()) *response = *std::move(simulated);
  return ToGrpcStatus(simulated.status());
}

grpc::Status AgreementServiceImpl::CompareDrafts(
    grpc::ServerContext* context, const v1::CompareDraftsRequest* request,
    v1::CompareDraftsResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<v1::CompareDraftsResponse> compared = Compare(*call, *request);
  if (compared.ok()) *response = *std::move(compared);
  return ToGrpcStatus(compared.status());
}

}  // namespace mea::services
