// TrackingService: the decision (beslutning) RPCs. A temporary introduction
// and its whole follow-up plan are written in one transaction.
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/audit/trail.h"
#include "services/auth/call_auth.h"
#include "services/auth/serve.h"
#include "services/rpc/fields.h"
#include "services/rpc/pagination.h"
#include "services/tracking/access.h"
#include "services/tracking/history.h"
#include "services/tracking/mapping.h"
#include "services/tracking/paging.h"
#include "services/tracking/service.h"
#include "services/tracking/validation.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

absl::Status CreateDecisionInTransaction(
    storage::Database& database, const Clock& clock, const auth::CallAuth& call,
    const v1::CreateDecisionRequest& request, v1::Decision& response) {
  const absl::CivilDay today = clock.Today();
  DecisionOptions options;
  options.path = "decision";
  options.today = today;
  FieldViolations violations;
  store::DecisionRecord decision =
      ValidateDecision(request.decision(), options, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const std::string now = clock.NowRfc3339();
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    MEA_RETURN_IF_ERROR(CheckCanRecord(connection, decision, options.path,
                                       Via::kCreateDecision));
    MEA_ASSIGN_OR_RETURN(int64_t id,
                         store::InsertDecision(connection, decision, now));
    MEA_RETURN_IF_ERROR(audit::RecordChange(connection, call, clock, request,
                                            DecisionResource(id)));
    MEA_ASSIGN_OR_RETURN(store::DecisionRecord stored,
                         store::LoadDecision(connection, id));
    response = ToProto(stored, today);
    return absl::OkStatus();
  });
}

absl::Status GetDecisionInTransaction(storage::Database& database,
                                      const Clock& clock,
                                      const v1::GetDecisionRequest& request,
                                      v1::Decision& response) {
  FieldViolations violations;
  CheckId(request.id(), "id", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const absl::CivilDay today = clock.Today();
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(store::DecisionRecord decision,
                         store::LoadDecision(connection, request.id()));
    response = ToProto(decision, today);
    return absl::OkStatus();
  });
}

std::string DecisionFilterKey(const v1::ListDecisionsRequest& request) {
  return absl::StrCat("decisions\x1f", request.method_id(), "\x1f",
                      request.introduction_type());
}

absl::Status ListDecisionsInTransaction(storage::Database& database,
                                        const Clock& clock,
                                        const v1::ListDecisionsRequest& request,
                                        v1::ListDecisionsResponse& response) {
  FieldViolations violations;
  store::DecisionFilter filter = ValidateDecisionFilter(request, violations);
  const std::string key = DecisionFilterKey(request);
  Page page =
      ParsePage(request.page_size(), request.page_token(), key, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const absl::CivilDay today = clock.Today();
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(std::vector<store::DecisionRecord> decisions,
                         store::ListDecisions(connection, filter, page.offset,
                                              LookAheadLimit(page)));
    response.set_next_page_token(TrimToPage(decisions, page, key));
    for (const store::DecisionRecord& decision : decisions) {
      *response.add_decisions() = ToProto(decision, today);
    }
    return absl::OkStatus();
  });
}

}  // namespace

grpc::Status TrackingServiceImpl::CreateDecision(
    grpc::ServerContext* context, const v1::CreateDecisionRequest* request,
    v1::Decision* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return CreateDecisionInTransaction(*database_, *clock_, call, *request,
                                       *response);
  });
}

grpc::Status TrackingServiceImpl::GetDecision(
    grpc::ServerContext* context, const v1::GetDecisionRequest* request,
    v1::Decision* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return GetDecisionInTransaction(*database_, *clock_, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::ListDecisions(
    grpc::ServerContext* context, const v1::ListDecisionsRequest* request,
    v1::ListDecisionsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return ListDecisionsInTransaction(*database_, *clock_, *request, *response);
  });
}

}  // namespace mea::services::tracking
