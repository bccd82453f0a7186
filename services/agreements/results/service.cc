// AgreementService.UploadResults: a client stream of results batches, each
// applied in its own transaction, atomically and exactly once. The stream
// itself is driven by ResultsUploadReactor.
#include <utility>

#include "services/agreements/access.h"
#include "services/agreements/service.h"
#include "services/audit/trail.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "services/agreements/results/digest.h"
#include "services/agreements/results/ingestion.h"
#include "services/agreements/results/upload_reactor.h"
#include "services/agreements/results/validation.h"

namespace mea::services {

absl::StatusOr<v1::BatchReceipt> AgreementServiceImpl::Receive(
    const auth::CallAuth& call, const v1::UploadResultsRequest& request) {
  const v1::ResultsBatch& batch = request.batch();
  FieldViolations violations;
  ValidateBatch(batch, violations);
  if (!violations.empty()) return BatchRefused(batch, violations);
  const std::string digest = BatchDigest(batch);
  const std::string received_time = clock_->NowRfc3339();
  absl::StatusOr<v1::BatchReceipt> receipt;
  absl::Status applied = database_->Write([&](storage::Connection& c) {
    absl::Status owned = CheckResultsOwner(c, call, batch.agreement_id());
    if (!owned.ok()) return owned;
    receipt = ApplyBatch(c, batch, digest, received_time);
    if (!receipt.ok() || receipt->duplicate()) return receipt.status();
    return RecordChange(c, call, *clock_, request,
                        AgreementResource(batch.agreement_id()) + "/batches/" +
                            batch.batch_id(),
                        batch.correction_reason());
  });
  if (!applied.ok()) return applied;
  return receipt;
}

grpc::ServerReadReactor<grpc::ByteBuffer>* AgreementServiceImpl::UploadResults(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  // Batches are applied as they arrive; a refused batch ends the stream,
  // and the ones before it stay applied (a resend of them is a duplicate).
  auto receive = [this, call](const v1::UploadResultsRequest& request) {
    return Receive(*call, request);
  };
  return new ResultsUploadReactor(std::move(receive), response, call.status());
}

}  // namespace mea::services
