// The AgreementService (see proto/mea/v1/agreements.proto): alternative
// price agreements (alternative prisavtaler), the results delivered for
// them, their settlements (oppgjør) and what-if simulation.
//
// Each RPC first takes the call's authorization decision
// (auth::AuthorizeCall: refused calls read nothing), validates its request
// at the edge (every problem with its path from the request root), runs one
// storage transaction, and maps the result; a refused request writes
// nothing. Every change is recorded in the audit trail in the transaction
// that makes it; confidential figures are removed from answers by the auth
// interceptor, not here. Storage speaks typed records; mapping.h turns
// them into messages and back. The handlers are spread over service.cc
// (agreements), results/service.cc (UploadResults), settlement_service.cc
// (settlements) and simulation_service.cc (simulation and comparison).
#ifndef MEA_SERVICES_AGREEMENTS_SERVICE_H_
#define MEA_SERVICES_AGREEMENTS_SERVICE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "services/auth/call_auth.h"
#include "services/rpc/unary_parsing.h"
#include "storage/core/database.h"

namespace mea::services::agreements {

// UploadResults runs on the callback API with raw bytes (see
// results/upload_reactor.h); every other RPC is synchronous, its request
// parsed by services/rpc/unary_parsing.h.
class AgreementServiceImpl final
    : public ParsesUnaryRequests<
          v1::AgreementService::WithRawCallbackMethod_UploadResults<
              v1::AgreementService::Service>> {
 public:
  // Neither is owned; both must outlive the service.
  AgreementServiceImpl(storage::Database* database, const Clock* clock);

  grpc::Status CreateAgreement(grpc::ServerContext* context,
                               const v1::CreateAgreementRequest* request,
                               v1::Agreement* response) override;
  grpc::Status GetAgreement(grpc::ServerContext* context,
                            const v1::GetAgreementRequest* request,
                            v1::Agreement* response) override;
  grpc::Status ListAgreements(grpc::ServerContext* context,
                              const v1::ListAgreementsRequest* request,
                              v1::ListAgreementsResponse* response) override;
  grpc::Status UpdateAgreement(grpc::ServerContext* context,
                               const v1::UpdateAgreementRequest* request,
                               v1::Agreement* response) override;
  grpc::ServerReadReactor<grpc::ByteBuffer>* UploadResults(
      grpc::CallbackServerContext* context,
      grpc::ByteBuffer* response) override;
  grpc::Status SettleAgreement(grpc::ServerContext* context,
                               const v1::SettleAgreementRequest* request,
                               v1::StoredSettlement* response) override;
  grpc::Status GetSettlement(grpc::ServerContext* context,
                             const v1::GetSettlementRequest* request,
                             v1::StoredSettlement* response) override;
  grpc::Status ListSettlements(grpc::ServerContext* context,
                               const v1::ListSettlementsRequest* request,
                               v1::ListSettlementsResponse* response) override;
  grpc::Status SimulateSettlement(
      grpc::ServerContext* context,
      const v1::SimulateSettlementRequest* request,
      v1::SimulateSettlementResponse* response) override;
  grpc::Status CompareDrafts(grpc::ServerContext* context,
                             const v1::CompareDraftsRequest* request,
                             v1::CompareDraftsResponse* response) override;

 private:
  absl::StatusOr<v1::Agreement> Create(
      const auth::CallAuth& call, const v1::CreateAgreementRequest& request);
  absl::StatusOr<v1::Agreement> Get(const auth::CallAuth& call,
                                    const v1::GetAgreementRequest& request);
  absl::Status List(const auth::CallAuth& call,
                    const v1::ListAgreementsRequest& request,
                    v1::ListAgreementsResponse& response);
  absl::StatusOr<v1::Agreement> Update(
      const auth::CallAuth& call, const v1::UpdateAgreementRequest& request);
  absl::StatusOr<v1::BatchReceipt> Receive(
      const auth::CallAuth& call, const v1::UploadResultsRequest& request);
  absl::StatusOr<v1::StoredSettlement> Settle(
      const auth::CallAuth& call, const v1::SettleAgreementRequest& request);
  absl::StatusOr<v1::StoredSettlement> GetStored(
      const auth::CallAuth& call, const v1::GetSettlementRequest& request);
  absl::Status ListStored(const auth::CallAuth& call,
                          const v1::ListSettlementsRequest& request,
                          v1::ListSettlementsResponse& response);
  absl::StatusOr<v1::SimulateSettlementResponse> Simulate(
      const auth::CallAuth& call, const v1::SimulateSettlementRequest& request);
  absl::StatusOr<v1::SimulateSettlementResponse> SimulateStored(
      const auth::CallAuth& call, const v1::StoredResultsDraft& draft);
  absl::StatusOr<v1::CompareDraftsResponse> Compare(
      const auth::CallAuth& call, const v1::CompareDraftsRequest& request);

  // The request's as_of, or the server's today when it is empty.
  std::string AsOfOrToday(const std::string& as_of) const;

  storage::Database* database_;
  const Clock* clock_;
};

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_SERVICE_H_
