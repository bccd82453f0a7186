// One gRPC call by method name with serialized messages (grpc::GenericStub),
// so that the HTTP gateway reaches the services through the same channel,
// interceptors, authentication and handlers as any gRPC client: one
// implementation of each RPC, two doors.
#ifndef MEA_SERVICES_HTTP_GRPC_CALL_H_
#define MEA_SERVICES_HTTP_GRPC_CALL_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace mea::services::http {

struct CallOptions {
  // Metadata sent with the call, e.g. {"authorization", "Bearer ..."}; keys
  // lowercase, values printable ASCII.
  std::vector<std::pair<std::string, std::string>> metadata;
  absl::Duration timeout = absl::Seconds(120);
};

// Calls `grpc_path` ("/mea.v1.TrackingService/GetMethod") with the
// serialized request and returns the serialized response. Works for unary
// and client-streaming methods alike (the request is a stream of one
// message). A refused call returns the service's status, BadRequest
// payload included (common/grpc_status.h FromGrpcStatus).
absl::StatusOr<std::string> CallByName(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& grpc_path,
    const std::string& request, const CallOptions& options);

// Whether `value` may travel as gRPC metadata (printable ASCII).
bool IsValidMetadataValue(const std::string& value);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_GRPC_CALL_H_
