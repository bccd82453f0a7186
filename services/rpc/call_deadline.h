// The server's own ceiling on how long one call may run, whatever deadline
// the client set, or none: a client that opens a stream and never finishes
// it must not hold a server thread and its resources for ever.
//
// Every call is watched from the moment its metadata arrives; one that is
// still running when the limit has passed is cancelled (the client sees
// CANCELLED). Cancelling never leaves anything half-applied: every write is
// one transaction, which either committed before or is not made at all,
// and UploadResults applies each batch in its own transaction.
#ifndef MEA_SERVICES_RPC_CALL_DEADLINE_H_
#define MEA_SERVICES_RPC_CALL_DEADLINE_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "absl/time/time.h"

namespace mea::services {

// The limit mead runs with; docs/reliability.md lists it with the others.
inline constexpr absl::Duration kMaxCallDuration = absl::Minutes(30);

class CallWatchdog;

// Register with ServerBuilder::experimental().SetInterceptorCreators.
//
// Thread safety: gRPC calls CreateServerInterceptor from any of its
// threads at once; the watchdog the interceptors share locks its own list
// of watched calls and cancels them from a thread of its own.
class CallDeadlineInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallDeadlineInterceptorFactory(absl::Duration limit);
  ~CallDeadlineInterceptorFactory() override;

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  // Shared with the interceptors, so that it outlives every call.
  std::shared_ptr<CallWatchdog> watchdog_;
};

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_CALL_DEADLINE_H_
