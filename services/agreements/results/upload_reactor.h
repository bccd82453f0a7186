// The server side of the UploadResults stream, on gRPC's callback API with
// raw bytes: each message is parsed here rather than by gRPC, because the
// synchronous API ends a stream whose next message does not parse (a text
// field that is not UTF-8, say) exactly as if the client had finished, and
// the call would answer OK for the batches before it. Here such a message
// ends the call with INVALID_ARGUMENT naming it.
//
// Batches are handed one at a time, in order, to `receive` (which applies
// one in its own transaction); the first refusal ends the call with that
// status, and the batches before it stay applied.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_UPLOAD_REACTOR_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_UPLOAD_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"

namespace mea::services::agreements {

class ResultsUploadReactor : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  using Receive = std::function<absl::StatusOr<v1::BatchReceipt>(
      const v1::UploadResultsRequest&)>;

  // Starts reading; `response` receives the serialized receipts. When
  // `refusal` is not OK the call ends with it before anything is read.
  ResultsUploadReactor(Receive receive, grpc::ByteBuffer* response,
                       const absl::Status& refusal);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Applies the message just read; false when the call has ended.
  bool Apply();
  void FinishWithReceipts();

  Receive receive_;
  grpc::ByteBuffer* response_;
  grpc::ByteBuffer message_;
  v1::UploadResultsResponse receipts_;
  int64_t messages_ = 0;
};

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_UPLOAD_REACTOR_H_
