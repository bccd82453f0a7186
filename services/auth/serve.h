// Serve: the body every unary RPC handler shares, written once.
//
// A handler's override is then one statement:
//
//   grpc::Status ServiceImpl::GetThing(grpc::ServerContext* context,
//                                      const v1::GetThingRequest* request,
//                                      v1::Thing* response) {
//     return auth::Serve(context, response, [&](const auth::CallAuth& call) {
//       return GetThingInTransaction(*database_, call, *request);
//     });
//   }
//
// Serve runs the guard (AuthorizeCall: the interceptor's decision, a refusal
// before anything is read), then `handler(call)`. The handler returns either
// absl::Status (it filled *response itself) or absl::StatusOr<Response>
// (moved into *response on success). Its status becomes the call's status,
// with google.rpc.BadRequest details carried over (common/grpc_status.h).
#ifndef MEA_SERVICES_AUTH_SERVE_H_
#define MEA_SERVICES_AUTH_SERVE_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "services/auth/call_auth.h"

namespace mea::services::auth {

namespace serve_internal {

// Serve's body in absl::Status terms.
template <typename Response, typename Handler>
absl::Status Run(const grpc::ServerContextBase* context, Response* response,
                 Handler&& handler) {
  MEA_ASSIGN_OR_RETURN(CallAuth call, AuthorizeCall(context));
  auto result = std::forward<Handler>(handler)(call);
  if constexpr (std::is_same_v<decltype(result), absl::Status>) {
    return result;
  } else {
    MEA_ASSIGN_OR_RETURN(*response, std::move(result));
    return absl::OkStatus();
  }
}

}  // namespace serve_internal

template <typename Response, typename Handler>
grpc::Status Serve(const grpc::ServerContextBase* context, Response* response,
                   Handler&& handler) {
  return ToGrpcStatus(
      serve_internal::Run(context, response, std::forward<Handler>(handler)));
}

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_SERVE_H_
