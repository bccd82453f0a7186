// AgreementService.UploadResults: a client stream of results batches, each
// applied in its own transaction, atomically and exactly once. The stream
// itself is driven by ResultsUploadReactor.
#include "services/agreements/service.h"

#include <utility>

#include "common/status_macros.h"
#include "services/agreements/access.h"
#include "services/agreements/results/digest.h"
#include "services/agreements/results/ingestion.h"
#include "services/agreements/results/upload_reactor.h"
#include "services/agreements/results/validation.h"
#include "services/audit/trail.h"
#include "services/auth/call_auth.h"

namespace mea::services::agreements {

absl::StatusOr<v1::BatchReceipt> AgreementServiceImpl::Receive(
    const auth::CallAuth& call, const v1::UploadResultsRequest& request) {
  const v1::ResultsBatch& batch = request.batch();
  MEA_ASSIGN_OR_RETURN(const ValidBatch valid, ValidateBatch(batch));
  const std::string digest = BatchDigest(batch);
  const std::string received_time = clock_->NowRfc3339();
  v1::BatchReceipt receipt;
  absl::Status applied = database_->Write([&](storage::Connection& c) {
    MEA_RETURN_IF_ERROR(CheckResultsOwner(c, call, valid.agreement_id));
    MEA_ASSIGN_OR_RETURN(receipt,
                         ApplyBatch(c, batch, valid, digest, received_time));
    if (receipt.duplicate()) return absl::OkStatus();
    return audit::RecordChange(
        c, call, *clock_, request,
        AgreementResource(valid.agreement_id) + "/batches/" + valid.batch_id,
        valid.correction_reason);
  });
  MEA_RETURN_IF_ERROR(applied);
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

}  // namespace mea::services::agreements
