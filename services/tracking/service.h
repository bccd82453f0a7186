// The TrackingService (see proto/mea/v1/tracking.proto): methods (metoder),
// decisions (beslutninger) with their follow-up plans, data obligations
// (dataansvar), reassessments (revurdering), what is due, and the dossier.
//
// Every handler follows the same shape: auth::Serve authorizes the call
// (services/auth/serve.h); the handler validates the request at the edge
// (all violations at once, with field paths from the request root), runs
// one storage transaction (state checks and writes together, so a refused
// request writes nothing) and maps the records to proto with the overdue
// flags computed from the injected Clock; Serve converts the status for
// gRPC.
#ifndef MEA_SERVICES_TRACKING_SERVICE_H_
#define MEA_SERVICES_TRACKING_SERVICE_H_

#include "common/clock.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "services/rpc/unary_parsing.h"
#include "storage/core/database.h"

namespace mea::services::tracking {

class TrackingServiceImpl final
    : public ParsesUnaryRequests<v1::TrackingService::Service> {
 public:
  // Neither is owned; both must outlive the service.
  TrackingServiceImpl(storage::Database* database, const Clock* clock);

  // Methods (services/tracking/service.cc).
  grpc::Status CreateMethod(grpc::ServerContext* context,
                            const v1::CreateMethodRequest* request,
                            v1::Method* response) override;
  grpc::Status GetMethod(grpc::ServerContext* context,
                         const v1::GetMethodRequest* request,
                         v1::Method* response) override;
  grpc::Status ListMethods(grpc::ServerContext* context,
                           const v1::ListMethodsRequest* request,
                           v1::ListMethodsResponse* response) override;
  grpc::Status UpdateMethod(grpc::ServerContext* context,
                            const v1::UpdateMethodRequest* request,
                            v1::Method* response) override;

  // Decisions (services/tracking/decision_handlers.cc).
  grpc::Status CreateDecision(grpc::ServerContext* context,
                              const v1::CreateDecisionRequest* request,
                              v1::Decision* response) override;
  grpc::Status GetDecision(grpc::ServerContext* context,
                           const v1::GetDecisionRequest* request,
                           v1::Decision* response) override;
  grpc::Status ListDecisions(grpc::ServerContext* context,
                             const v1::ListDecisionsRequest* request,
                             v1::ListDecisionsResponse* response) override;

  // Follow-up (services/tracking/followup_handlers.cc).
  grpc::Status DeliverDataObligation(
      grpc::ServerContext* context,
      const v1::DeliverDataObligationRequest* request,
      v1::DataObligation* response) override;
  grpc::Status WaiveDataObligation(
      grpc::ServerContext* context,
      const v1::WaiveDataObligationRequest* request,
      v1::DataObligation* response) override;
  grpc::Status StartReassessment(grpc::ServerContext* context,
                                 const v1::StartReassessmentRequest* request,
                                 v1::Reassessment* response) override;
  grpc::Status CompleteReassessment(
      grpc::ServerContext* context,
      const v1::CompleteReassessmentRequest* request,
      v1::CompleteReassessmentResponse* response) override;

  // Due items and dossier (services/tracking/due_handlers.cc).
  grpc::Status ListDueItems(grpc::ServerContext* context,
                            const v1::ListDueItemsRequest* request,
                            v1::ListDueItemsResponse* response) override;
  grpc::Status GetDossier(grpc::ServerContext* context,
                          const v1::GetDossierRequest* request,
                          v1::Dossier* response) override;

 private:
  storage::Database* database_;
  const Clock* clock_;
};

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_SERVICE_H_
