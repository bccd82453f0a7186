#include "services/http/grpc_call.h"

#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "services/rpc/byte_buffer.h"

namespace mea::services::http {
namespace {

// Runs one operation of the call to completion. The queue is private to
// the call and each operation is awaited before the next starts, so the
// next event is always this operation's.
bool Await(grpc::CompletionQueue& queue) {
  void* tag = nullptr;
  bool ok = false;
  if (!queue.Next(&tag, &ok)) return false;
  return ok;
}

// Operations are awaited one at a time, so one tag serves them all.
void* const kTag = reinterpret_cast<void*>(1);

}  // namespace

bool IsValidMetadataValue(const std::string& value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

absl::StatusOr<std::string> CallByName(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& grpc_path,
    const std::string& request, const CallOptions& options) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  for (const auto& [key, value] : options.metadata) {
    if (!IsValidMetadataValue(value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("header ", key, " must be printable ASCII"));
    }
    context.AddMetadata(key, value);
  }
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, grpc_path, &queue);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::Status status;
  bool have_response = false;

  // A failed step means the server has ended the call (e.g. with an
  // error); Finish still delivers its status.
  call->StartCall(kTag);
  if (Await(queue)) {
    call->WriteLast(request_buffer, grpc::WriteOptions(), kTag);
    if (Await(queue)) {
      call->Read(&response_buffer, kTag);
      have_response = Await(queue);
    }
  }
  call->Finish(&status, kTag);
  Await(queue);
  queue.Shutdown();
  void* ignored_tag;
  bool ignored_ok;
  while (queue.Next(&ignored_tag, &ignored_ok)) {
  }

  MEA_RETURN_IF_ERROR(FromGrpcStatus(status));
  if (!have_response) {
    return absl::InternalError(
        absl::StrCat(grpc_path, " finished without a response"));
  }
  return ByteBufferToString(response_buffer);
}

}  // namespace mea::services::http
