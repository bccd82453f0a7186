#include "services/results_upload_reactor.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/field_violations.h"
#include "services/grpc_status.h"

namespace mea::services {
namespace {

// The refusal of a message that does not parse as an UploadResultsRequest.
absl::Status Unparsable(int64_t position, const v1::BatchReceipt* previous) {
  FieldViolations violations;
  violations.Add(
      "batch",
      absl::StrCat("message ", position,
                   " of the stream cannot be read: a text field is not "
                   "valid UTF-8, or the bytes are not a results batch",
                   previous == nullptr
                       ? ""
                       : absl::StrCat(" (it came after batch \"",
                                      previous->batch_id(), "\")")));
  return violations.ToStatus();
}

}  // namespace

ResultsUploadReactor::ResultsUploadReactor(Receive receive,
                                           grpc::ByteBuffer* response,
                                           const absl::Status& refusal)
    : receive_(std::move(receive)), response_(response) {
  if (!refusal.ok()) {
    Finish(ToGrpcStatus(refusal));
    return;
  }
  StartRead(&message_);
}

void ResultsUploadReactor::OnReadDone(bool ok) {
  if (!ok) {
    FinishWithReceipts();
    return;
  }
  if (Apply()) StartRead(&message_);
}

bool ResultsUploadReactor::Apply() {
  ++messages_;
  v1::UploadResultsRequest request;
  grpc::Status parsed =
      grpc::SerializationTraits<v1::UploadResultsRequest>::Deserialize(
          &message_, &request);
  message_.Clear();
  if (!parsed.ok()) {
    const v1::BatchReceipt* previous = receipts_.receipts().empty()
                                           ? nullptr
                                           : &*receipts_.receipts().rbegin();
    Finish(ToGrpcStatus(Unparsable(messages_, previous)));
    return false;
  }
  absl::StatusOr<v1::BatchReceipt> receipt = receive_(request);
  if (!receipt.ok()) {
    Finish(ToGrpcStatus(receipt.status()));
    return false;
  }
  *receipts_.add_receipts() = *std::move(receipt);
  return true;
}

void ResultsUploadReactor::FinishWithReceipts() {
  bool own_buffer = false;
  grpc::Status serialized = grpc::GenericSerialize<grpc::ProtoBufferWriter,
                                                   v1::UploadResultsResponse>(
      receipts_, response_, &own_buffer);
  Finish(serialized);
}

}  // namespace mea::services
