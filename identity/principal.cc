#include "identity/principal.h"

namespace mea::identity {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kSecretariat:
      return "SECRETARIAT";
    case Role::kProcurement:
      return "PROCUREMENT";
    case Role::kForumMember:
      return "FORUM_MEMBER";
    case Role::kSupplier:
      return "SUPPLIER";
    case Role::kRegistry:
      return "REGISTRY";
    case Role::kPublic:
      return "PUBLIC";
    case Role::kLocal:
      return "LOCAL";
  }
  return "PUBLIC";
}

std::optional<Role> ParseTokenRole(absl::string_view name) {
  for (Role role : kPolicyRoles) {
    if (role != Role::kPublic && RoleName(role) == name) return role;
  }
  return std::nullopt;
}

Principal PublicPrincipal() {
  return Principal{"anonymous", "", Role::kPublic, "none"};
}

Principal LocalPrincipal() {
  return Principal{"local", "local", Role::kLocal, "local"};
}

}  // namespace mea::identity
