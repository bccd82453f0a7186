#include "tests/reliability/health_check.h"
#include "services/rpc/byte_buffer.h"

#include <grpcpp/generic/generic_stub.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace mea::testing {
namespace {

// HealthCheckResponse { status: SERVING (1) }: field 1, varint 1.
constexpr char kServing[] = {0x08, 0x01};

}  // namespace

absl::StatusOr<bool> IsServing(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  // HealthCheckRequest { service: "" } encodes as no bytes at all.
  grpc::ByteBuffer request;
  grpc::Slice empty("");
  request = grpc::ByteBuffer(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(),
                 &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    return absl::UnavailableError(
        absl::StrCat("health check failed: ", status.error_message()));
  }
  return services::ByteBufferToString(response) == std::string(kServing, sizeof(kServing));
}

}  // namespace mea::testing
