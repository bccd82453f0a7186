#include "services/auth/call_auth.h"

#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace mea::services::auth {
namespace {

struct Registry {
  std::mutex mutex;
  absl::flat_hash_map<const grpc::ServerContextBase*, CallAuth> calls;
};

Registry& Calls() {
  static auto* registry = new Registry();
  return *registry;
}

absl::Status Refuse(const identity::Principal& principal, absl::string_view rpc) {
  std::string needed = policy::NeededRoles(rpc);
  if (principal.role == identity::Role::kPublic) {
    return absl::UnauthenticatedError(
        absl::StrCat(needed, "; send a bearer token"));
  }
  return absl::PermissionDeniedError(
      absl::StrCat(needed, "; the caller has role ", identity::RoleName(principal.role)));
}

}  // namespace

CallAuth DecideCall(const Authenticator& authenticator, absl::string_view rpc,
                    std::optional<absl::string_view> authorization) {
  CallAuth call;
  call.rpc = std::string(rpc);
  absl::StatusOr<identity::Principal> principal = authenticator.Identify(authorization);
  if (!principal.ok()) {
    call.refusal = principal.status();
    return call;
  }
  call.identified = true;
  call.principal = *std::move(principal);
  call.access = policy::Decide(rpc, call.principal.role);
  if (call.access == policy::Access::kDeny) {
    call.refusal = Refuse(call.principal, rpc);
  }
  return call;
}

absl::StatusOr<CallAuth> AuthorizeCall(const grpc::ServerContextBase* context) {
  Registry& registry = Calls();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto found = registry.calls.find(context);
  if (found == registry.calls.end()) {
    return absl::PermissionDeniedError(
        "the call was not authorized (no decision was made for it)");
  }
  if (!found->second.refusal.ok()) return found->second.refusal;
  return found->second;
}

absl::Status RequireOwnOrganisation(const CallAuth& call,
                                    absl::Span<const std::string> owners) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  for (const std::string& owner : owners) {
    if (!owner.empty() && owner == call.principal.organisation) {
      return absl::OkStatus();
    }
  }
  return absl::PermissionDeniedError(absl::StrCat(
      policy::NeededRoles(call.rpc), "; the caller is ",
      identity::RoleName(call.principal.role), " of ", call.principal.organisation));
}

void RememberCall(const grpc::ServerContextBase* context, CallAuth call) {
  Registry& registry = Calls();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.calls[context] = std::move(call);
}

void ForgetCall(const grpc::ServerContextBase* context) {
  Registry& registry = Calls();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.calls.erase(context);
}

}  // namespace mea::services::auth
