// AgreementService: what-if evaluation that stores nothing. SimulateSettlement
// evaluates one input (inline, or draft terms on an agreement's stored
// results); CompareDrafts evaluates two drafts on the same results.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/agreements/compare.h"
#include "services/agreements/evaluation.h"
#include "services/agreements/mapping.h"
#include "services/agreements/service.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "services/auth/serve.h"
#include "storage/agreements/results.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

bool IsEmpty(const google::protobuf::Message& message) {
  return message.ByteSizeLong() == 0;
}

v1::SimulateSettlementResponse Simulated(const rules::EvaluationInput& input) {
  v1::SimulateSettlementResponse response;
  *response.mutable_settlement() = SettlementProto(rules::Settle(input));
  return response;
}

void AddNew(const std::vector<rules::FieldViolation>& more,
            std::vector<rules::FieldViolation>& all) {
  for (const rules::FieldViolation& violation : more) {
    if (std::find(all.begin(), all.end(), violation) == all.end()) {
      all.push_back(violation);
    }
  }
}

// An agreement (as the API shows it) and its stored results.
struct Stored {
  v1::Agreement agreement;
  store::ResultsRecord results;
};

// Read in one transaction; a draft the caller may not see is NOT_FOUND
// like a missing agreement.
absl::StatusOr<Stored> ReadStored(storage::Database& database,
                                  const identity::Principal& caller,
                                  const std::string& agreement_id) {
  Stored stored;
  absl::Status read = database.Read([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(const store::AgreementRecord agreement,
                         LoadVisibleAgreement(c, caller, agreement_id));
    MEA_ASSIGN_OR_RETURN(stored.agreement, AgreementToProto(agreement));
    MEA_ASSIGN_OR_RETURN(stored.results, store::LoadResults(c, agreement_id));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(read);
  return stored;
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
  MEA_ASSIGN_OR_RETURN(const rules::EvaluationInput input,
                       MapEvaluationInput(request.input(), origin));
  return Simulated(input);
}

absl::StatusOr<v1::SimulateSettlementResponse>
AgreementServiceImpl::SimulateStored(const auth::CallAuth& call,
                                     const v1::StoredResultsDraft& draft) {
  FieldViolations violations;
  ValidateAgreementId(draft.agreement_id(), "stored.agreement_id", violations);
  ValidatePeriod(draft.period(), "stored.period", violations);
  ValidateOptionalDate(draft.as_of(), "stored.as_of", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  MEA_ASSIGN_OR_RETURN(
      const Stored stored,
      ReadStored(*database_, call.principal, draft.agreement_id()));
  const bool own_terms = IsEmpty(draft.terms());
  const InputOrigin origin{
      own_terms ? std::string(InputOrigin::kStored) : "stored.terms",
      std::string(InputOrigin::kStored), "stored.period", "stored.as_of"};
  MEA_ASSIGN_OR_RETURN(
      const rules::EvaluationInput input,
      MapStoredResultsInput(
          own_terms ? TermsOf(stored.agreement)
                    : DraftFor(draft.terms(), stored.agreement),
          stored.results, draft.period(), AsOfOrToday(draft.as_of()), origin));
  return Simulated(input);
}

absl::StatusOr<v1::CompareDraftsResponse> AgreementServiceImpl::Compare(
    const auth::CallAuth& call, const v1::CompareDraftsRequest& request) {
  FieldViolations violations;
  if (!request.has_first()) violations.Add("first", "is required");
  if (!request.has_second()) violations.Add("second", "is required");
  ValidatePeriod(request.period(), "period", violations);
  ValidateOptionalDate(request.as_of(), "as_of", violations);
  const bool on_stored = !request.agreement_id().empty();
  if (on_stored) {
    ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  }
  if (on_stored && !IsEmpty(request.results())) {
    violations.Add("results",
                   "give the results inline or an agreement_id for its "
                   "stored results, not both");
  }
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  std::optional<Stored> stored;
  if (on_stored) {
    MEA_ASSIGN_OR_RETURN(
        stored, ReadStored(*database_, call.principal, request.agreement_id()));
  }
  const std::string as_of = AsOfOrToday(request.as_of());
  InputOrigin origin;
  std::vector<rules::FieldViolation> all;
  absl::StatusOr<rules::EvaluationInput> typed[2];
  const v1::AgreementTerms* drafts[2] = {&request.first(), &request.second()};
  const char* names[2] = {"first", "second"};
  for (int i = 0; i < 2; ++i) {
    origin.agreement = names[i];
    std::vector<rules::FieldViolation> found;
    typed[i] =
        stored.has_value()
            ? MapStoredResultsInput(DraftFor(*drafts[i], stored->agreement),
                                    stored->results, request.period(), as_of,
                                    origin, &found)
            : MapEvaluationInput(MakeInput(*drafts[i], request.results(),
                                           request.period(), as_of),
                                 origin, &found);
    // A refusal without violations is about the stored part: it ends here.
    if (found.empty()) MEA_RETURN_IF_ERROR(typed[i].status());
    AddNew(found, all);
  }
  if (!all.empty()) return EvaluationRefused(all);
  return CompareSettlements(rules::Settle(*typed[0]), rules::Settle(*typed[1]));
}

grpc::Status AgreementServiceImpl::SimulateSettlement(
    grpc::ServerContext* context, const v1::SimulateSettlementRequest* request,
    v1::SimulateSettlementResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Simulate(call, *request);
  });
}

grpc::Status AgreementServiceImpl::CompareDrafts(
    grpc::ServerContext* context, const v1::CompareDraftsRequest* request,
    v1::CompareDraftsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Compare(call, *request);
  });
}

}  // namespace mea::services::agreements
