#include "services/agreements/results/upload_reactor.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "mea/v1/agreements.pb.h"
#include "services/agreements/results/validation.h"
#include "services/rpc/byte_buffer.h"
#include "services/rpc/unparsable_request.h"

namespace mea::services::agreements {
namespace {

// The refusal of message `position` of the stream, which does not parse as
// an UploadResultsRequest: every text field that is not UTF-8, by path.
absl::Status Unparsable(const grpc::ByteBuffer& message, int64_t position) {
  const std::string where =
      absl::StrCat("message ", position, " of the stream");
  FieldViolations violations;
  for (const FieldViolations::Violation& violation : FindUnparsableFields(
           ByteBufferToString(message), *v1::UploadResultsRequest::descriptor(),
           kMaxBatchViolations)) {
    violations.Add(violation.field.empty() ? "batch" : violation.field,
                   absl::StrCat(violation.description, " (", where,
                                "; nothing of it was stored)"));
  }
  if (violations.empty()) {
    violations.Add("batch", absl::StrCat(where,
                                         " is not a results batch; "
                                         "nothing of it was stored"));
  }
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
  // Deserialize consumes the buffer; the copy shares its slices.
  const grpc::ByteBuffer received(message_);
  grpc::Status parsed =
      grpc::SerializationTraits<v1::UploadResultsRequest>::Deserialize(
          &message_, &request);
  message_.Clear();
  if (!parsed.ok()) {
    Finish(ToGrpcStatus(Unparsable(received, messages_)));
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

}  // namespace mea::services::agreements
