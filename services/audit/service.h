// The AuditService (proto/mea/v1/audit.proto): lists the audit trail
// (revisjonsspor) and verifies its hash chain. Read-only: entries are only
// ever appended by the handlers that make changes (services/audit/trail.h).
#ifndef MEA_SERVICES_AUDIT_SERVICE_H_
#define MEA_SERVICES_AUDIT_SERVICE_H_

#include "mea/v1/audit.grpc.pb.h"
#include "services/rpc/unary_parsing.h"
#include "storage/core/database.h"

namespace mea::services::audit {

// Thread safety: gRPC calls the handlers on any of its threads at once;
// they keep no state of their own and reach the data only through the
// Database, which serialises transactions (storage/core/database.h).
class AuditServiceImpl final
    : public ParsesUnaryRequests<v1::AuditService::Service> {
 public:
  // Not owned; must outlive the service.
  explicit AuditServiceImpl(storage::Database* database);

  grpc::Status ListAuditEntries(
      grpc::ServerContext* context, const v1::ListAuditEntriesRequest* request,
      v1::ListAuditEntriesResponse* response) override;
  grpc::Status VerifyAuditChain(
      grpc::ServerContext* context, const v1::VerifyAuditChainRequest* request,
      v1::VerifyAuditChainResponse* response) override;

 private:
  storage::Database* database_;
};

}  // namespace mea::services::audit

#endif  // MEA_SERVICES_AUDIT_SERVICE_H_
