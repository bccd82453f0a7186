// AgreementService.UploadResults: a client stream of results batches, each
// applied in its own transaction, atomically and exactly once.
#include <utility>

#include "services/agreement_service.h"
#include "services/field_violations.h"
#include "services/grpc_status.h"
#include "services/results_digest.h"
#include "services/results_ingestion.h"
#include "services/results_validation.h"

namespace mea::services {

absl::StatusOr<v1::BatchReceipt> AgreementServiceImpl::Receive(
    const v1::ResultsBatch& batch) {
  FieldViolations violations;
  ValidateBatch(batch, violations);
  if (!violations.empty()) return BatchRefused(batch, violations);
  const std::string digest = MessageDigest(batch);
  const std::string received_time = clock_->NowRfc3339();
  absl::StatusOr<v1::BatchReceipt> receipt;
  absl::Status applied = database_->Write([&](storage::Connection& c) {
    receipt = ApplyBatch(c, batch, digest, received_time);
    return receipt.status();
  });
  if (!applied.ok()) return applied;
  return receipt;
}

grpc::Status AgreementServiceImpl::UploadResults(
    grpc::ServerContext*, grpc::ServerReader<v1::UploadResultsRequest>* reader,
    v1::UploadResultsResponse* response) {
  v1::UploadResultsRequest request;
  // Batches are applied as they arrive; a refused batch ends the stream,
  // and the ones before it stay applied (a resend of them is a duplicate).
  while (reader->Read(&request)) {
    absl::StatusOr<v1::BatchReceipt> receipt = Receive(request.batch());
    if (!receipt.ok()) return ToGrpcStatus(receipt.status());
    *response->add_receipts() = *std::move(receipt);
  }
  return grpc::Status::OK;
}

}  // namespace mea::services
