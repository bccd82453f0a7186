// Converts between absl::Status (used inside mea) and grpc::Status (on the
// wire), carrying a google.rpc.BadRequest payload as the standard
// google.rpc.Status details ("grpc-status-details-bin").
#ifndef MEA_COMMON_GRPC_STATUS_H_
#define MEA_COMMON_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace mea {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace mea

#endif  // MEA_COMMON_GRPC_STATUS_H_
