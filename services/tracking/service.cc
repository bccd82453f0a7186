// TrackingService: the method (metode) RPCs. The other RPCs live in
// decision_handlers.cc, followup_handlers.cc and due_handlers.cc.
#include "services/tracking/service.h"

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/audit/trail.h"
#include "services/auth/call_auth.h"
#include "services/auth/serve.h"
#include "services/rpc/fields.h"
#include "services/rpc/pagination.h"
#include "services/tracking/access.h"
#include "services/tracking/mapping.h"
#include "services/tracking/paging.h"
#include "services/tracking/validation.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

absl::Status CreateMethodInTransaction(storage::Database& database,
                                       const Clock& clock,
                                       const auth::CallAuth& call,
                                       const v1::CreateMethodRequest& request,
                                       v1::Method& response) {
  FieldViolations violations;
  store::MethodRecord method = ValidateNewMethod(request.method(), violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  method.create_time = clock.NowRfc3339();
  method.update_time = method.create_time;
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    MEA_RETURN_IF_ERROR(store::InsertMethod(connection, method));
    MEA_RETURN_IF_ERROR(audit::RecordChange(connection, call, clock, request,
                                            MethodResource(method.id)));
    MEA_ASSIGN_OR_RETURN(store::MethodRecord stored,
                         store::LoadMethod(connection, method.id));
    response = ToProto(stored);
    return absl::OkStatus();
  });
}

absl::Status GetMethodInTransaction(storage::Database& database,
                                    const v1::GetMethodRequest& request,
                                    v1::Method& response) {
  FieldViolations violations;
  CheckMethodId(request.id(), "id", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(store::MethodRecord method,
                         store::LoadMethod(connection, request.id()));
    response = ToProto(method);
    return absl::OkStatus();
  });
}

// Binds page tokens to the filter they were issued for.
std::string MethodFilterKey(const v1::ListMethodsRequest& request) {
  return absl::StrCat("methods\x1f", request.therapeutic_area(), "\x1f",
                      request.status(), "\x1f", request.supplier());
}

absl::Status ListMethodsInTransaction(storage::Database& database,
                                      const v1::ListMethodsRequest& request,
                                      v1::ListMethodsResponse& response) {
  FieldViolations violations;
  store::MethodFilter filter = ValidateMethodFilter(request, violations);
  const std::string key = MethodFilterKey(request);
  Page page =
      ParsePage(request.page_size(), request.page_token(), key, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(std::vector<store::MethodRecord> methods,
                         store::ListMethods(connection, filter, page.offset,
                                            LookAheadLimit(page)));
    response.set_next_page_token(TrimToPage(methods, page, key));
    for (const store::MethodRecord& method : methods) {
      *response.add_methods() = ToProto(method);
    }
    return absl::OkStatus();
  });
}

absl::Status UpdateMethodInTransaction(storage::Database& database,
                                       const Clock& clock,
                                       const auth::CallAuth& call,
                                       const v1::UpdateMethodRequest& request,
                                       v1::Method& response) {
  FieldViolations violations;
  MethodUpdate update = ValidateMethodUpdate(request, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const std::string now = clock.NowRfc3339();
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(store::MethodRecord method,
                         store::LoadMethod(connection, update.id));
    ApplyMethodUpdate(update, method);
    method.update_time = now;
    MEA_RETURN_IF_ERROR(store::UpdateMethod(connection, method));
    MEA_RETURN_IF_ERROR(audit::RecordChange(connection, call, clock, request,
                                            MethodResource(update.id)));
    MEA_ASSIGN_OR_RETURN(store::MethodRecord stored,
                         store::LoadMethod(connection, update.id));
    response = ToProto(stored);
    return absl::OkStatus();
  });
}

}  // namespace

TrackingServiceImpl::TrackingServiceImpl(storage::Database* database,
                                         const Clock* clock)
    : ParsesUnaryRequests(v1::TrackingService::service_full_name()),
      database_(database),
      clock_(clock) {
  using Self = TrackingServiceImpl;
  ParseRequestsOf("CreateMethod", &Self::CreateMethod);
  ParseRequestsOf("GetMethod", &Self::GetMethod);
  ParseRequestsOf("ListMethods", &Self::ListMethods);
  ParseRequestsOf("UpdateMethod", &Self::UpdateMethod);
  ParseRequestsOf("CreateDecision", &Self::CreateDecision);
  ParseRequestsOf("GetDecision", &Self::GetDecision);
  ParseRequestsOf("ListDecisions", &Self::ListDecisions);
  ParseRequestsOf("DeliverDataObligation", &Self::DeliverDataObligation);
  ParseRequestsOf("WaiveDataObligation", &Self::WaiveDataObligation);
  ParseRequestsOf("StartReassessment", &Self::StartReassessment);
  ParseRequestsOf("CompleteReassessment", &Self::CompleteReassessment);
  ParseRequestsOf("ListDueItems", &Self::ListDueItems);
  ParseRequestsOf("GetDossier", &Self::GetDossier);
}

grpc::Status TrackingServiceImpl::CreateMethod(
    grpc::ServerContext* context, const v1::CreateMethodRequest* request,
    v1::Method* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return CreateMethodInTransaction(*database_, *clock_, call, *request,
                                     *response);
  });
}

grpc::Status TrackingServiceImpl::GetMethod(grpc::ServerContext* context,
                                            const v1::GetMethodRequest* request,
                                            v1::Method* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return GetMethodInTransaction(*database_, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::ListMethods(
    grpc::ServerContext* context, const v1::ListMethodsRequest* request,
    v1::ListMethodsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return ListMethodsInTransaction(*database_, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::UpdateMethod(
    grpc::ServerContext* context, const v1::UpdateMethodRequest* request,
    v1::Method* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return UpdateMethodInTransaction(*database_, *clock_, call, *request,
                                     *response);
  });
}

}  // namespace mea::services::tracking
