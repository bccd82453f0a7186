// The server interceptor that every call passes, over TCP, TLS or the
// in-process channel alike:
// - when the call's metadata arrives (before the handler runs) it decides
//   the call (DecideCall) and remembers the decision for the handler's guard;
// - every outgoing message passes the one redaction step
//   (services/auth/redaction.h) for the call's principal;
// - as a second line of defence, a refused call sends its refusal and no
//   message even if a handler forgot its guard.
#ifndef MEA_SERVICES_AUTH_AUTH_INTERCEPTOR_H_
#define MEA_SERVICES_AUTH_AUTH_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include "services/auth/authenticator.h"

namespace mea::services::auth {

// Thread safety: gRPC calls CreateServerInterceptor from any of its threads
// at once; each interceptor belongs to one call, and the authenticator they
// share is thread-safe (services/auth/authenticator.h).
class AuthInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Not owned; must outlive the server.
  explicit AuthInterceptorFactory(const Authenticator* authenticator)
      : authenticator_(authenticator) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const Authenticator* authenticator_;
};

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_AUTH_INTERCEPTOR_H_
