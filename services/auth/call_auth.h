// The authorization decision of one call, and the guard every handler
// begins with.
//
// The auth interceptor (services/auth/auth_interceptor.h) decides each call
// when its metadata arrives, before the handler runs: it identifies the
// caller (services/auth/authenticator.h) and looks the RPC and role up in
// the policy table (services/auth/policy.h). gRPC 1.51's synchronous API gives
// an interceptor no way to stop the handler from being called, nor a slot
// on the ServerContext for the decision, so the decision is kept here,
// keyed by the call's ServerContext, for the life of the call; the handler's
// first line, AuthorizeCall(context), returns the refusal before anything
// is read.
#ifndef MEA_SERVICES_AUTH_CALL_AUTH_H_
#define MEA_SERVICES_AUTH_CALL_AUTH_H_

#include <grpcpp/server_context.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/auth/authenticator.h"
#include "identity/principal.h"
#include "services/auth/policy.h"

namespace mea::services::auth {

struct CallAuth {
  // False when the caller's credentials were refused (principal is then
  // the default, not a real caller).
  bool identified = false;
  identity::Principal principal;
  // "/mea.v1.TrackingService/CreateMethod".
  std::string rpc;
  policy::Access access = policy::Access::kDeny;
  // UNAUTHENTICATED or PERMISSION_DENIED when the call may not proceed.
  absl::Status refusal;

  bool own_organisation_only() const {
    return access == policy::Access::kAllowOwnOrganisation;
  }
};

// Decides a call: `authorization` is its metadata value (nullopt if none).
// Logs nothing: the interceptor logs every refused call once, when its
// final status is sent (services/auth/refusal_log.h).
CallAuth DecideCall(const Authenticator& authenticator, absl::string_view rpc,
                    std::optional<absl::string_view> authorization);

// The guard: the call's decision if it may proceed, else its refusal. A
// call the interceptor did not decide is refused (fails closed).
absl::StatusOr<CallAuth> AuthorizeCall(const grpc::ServerContextBase* context);

// For calls allowed for the caller's own organisation only: OK when one of
// `owners` (the organisations that own the resource) is the caller's.
// Otherwise PERMISSION_DENIED naming the roles needed, with the same words
// whether or not the resource exists (pass no owners when it does not), so
// a refusal reveals nothing. OK for calls that are allowed outright.
absl::Status RequireOwnOrganisation(const CallAuth& call,
                                    absl::Span<const std::string> owners);

// The decisions of calls in flight (used by the interceptor).
void RememberCall(const grpc::ServerContextBase* context, CallAuth call);
void ForgetCall(const grpc::ServerContextBase* context);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_CALL_AUTH_H_
