// Who is calling: the principal a bearer token stands for (name,
// organisation, role), and the roles of docs/security.md.
#ifndef MEA_IDENTITY_PRINCIPAL_H_
#define MEA_IDENTITY_PRINCIPAL_H_

#include <array>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace mea::identity {

enum class Role {
  // Sekretariatet for Nye metoder: records decisions and follow-up.
  kSecretariat,
  // Sykehusinnkjøp HF: negotiates, records and settles agreements.
  kProcurement,
  // A member of Beslutningsforum: reads everything to decide.
  kForumMember,
  // A supplier (MT-innehaver): its own organisation's cases only.
  kSupplier,
  // A registry (Kreftregisteret, NPR, ...): delivers results for what is
  // assigned to its organisation.
  kRegistry,
  // No token: the public view.
  kPublic,
  // Development mode (mead without --tokens, loopback only) and the
  // server's own calls: every right. Never given by a token file.
  kLocal,
};

// The roles a token file may grant, in the column order of the policy table.
inline constexpr std::array<Role, 6> kPolicyRoles = {
    Role::kSecretariat, Role::kProcurement, Role::kForumMember,
    Role::kSupplier,    Role::kRegistry,    Role::kPublic};

// "SECRETARIAT", "PROCUREMENT", "FORUM_MEMBER", "SUPPLIER", "REGISTRY",
// "PUBLIC", "LOCAL".
absl::string_view RoleName(Role role);
// The inverse of RoleName for the roles a token file may name (not PUBLIC,
// which is the absence of a token, nor LOCAL).
std::optional<Role> ParseTokenRole(absl::string_view name);

struct Principal {
  std::string name;
  std::string organisation;
  Role role = Role::kPublic;
  // How the caller was identified, for the audit trail: "token:" + the
  // first 12 hex digits of the token's SHA-256, "local", "mead" or "none".
  std::string credential;
};

// The caller without a token.
Principal PublicPrincipal();
// Every caller in development mode.
Principal LocalPrincipal();

}  // namespace mea::identity

#endif  // MEA_IDENTITY_PRINCIPAL_H_
