// Asks a server's standard gRPC health service (grpc.health.v1.Health) for
// its overall status. Debian ships no generated health stubs, so the call
// goes through the generic stub with the two tiny messages encoded by hand.
#ifndef MEA_TESTS_RELIABILITY_HEALTH_CHECK_H_
#define MEA_TESTS_RELIABILITY_HEALTH_CHECK_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/statusor.h"

namespace mea::testing {

// True when the server answers SERVING for the empty service name.
absl::StatusOr<bool> IsServing(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace mea::testing

#endif  // MEA_TESTS_RELIABILITY_HEALTH_CHECK_H_
