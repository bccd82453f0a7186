// THE authorization policy of mea: one table, full RPC name × role →
// allow, allow for the caller's own organisation, or deny. Every call is
// decided here, from the RPC name and the caller's role alone, before its
// handler reads anything (services/auth/call_auth.h); docs/security.md
// shows the same table, and a test keeps the two equal.
//
// An RPC missing from the table is denied to every role but LOCAL. LOCAL
// (development mode and the server's own calls) is allowed everything.
#ifndef MEA_SERVICES_AUTH_POLICY_H_
#define MEA_SERVICES_AUTH_POLICY_H_

#include <array>
#include <span>
#include <string>

#include "absl/strings/string_view.h"
#include "identity/principal.h"

namespace mea::services::policy {

enum class Access {
  kDeny,
  kAllow,
  // Allowed on the resources of the caller's own organisation only; the
  // handler checks the owner in its transaction (what "own" means for each
  // RPC is the row's `own_means`).
  kAllowOwnOrganisation,
};

struct Row {
  // "/mea.v1.TrackingService/CreateMethod".
  absl::string_view rpc;
  // In the order of identity::kPolicyRoles: SECRETARIAT, PROCUREMENT,
  // FORUM_MEMBER, SUPPLIER, REGISTRY, PUBLIC.
  std::array<Access, 6> access;
  // For kAllowOwnOrganisation cells: whose resource counts as one's own.
  absl::string_view own_means;
};

std::span<const Row> Table();
// The row of `rpc`, or nullptr.
const Row* Find(absl::string_view rpc);
// The access `role` has to `rpc`.
Access Decide(absl::string_view rpc, identity::Role role);

// Words for a refusal, naming the roles that would be allowed, e.g.
// "requires role SECRETARIAT, or SUPPLIER or REGISTRY of the resource's
// organisation". Never says whether the resource exists.
std::string NeededRoles(absl::string_view rpc);

// Who sees confidential fields (the (mea.v1.confidential) option):
// PROCUREMENT and FORUM_MEMBER (they negotiate and decide on the price),
// LOCAL, and a SUPPLIER in the messages its own organisation owns. Nobody
// else: not the secretariat, registries or the public.
enum class ConfidentialAccess { kNone, kOwnOrganisation, kAll };
ConfidentialAccess SeesConfidential(identity::Role role);

// The table as Markdown, as docs/security.md shows it.
std::string RenderMarkdown();

}  // namespace mea::services::policy

#endif  // MEA_SERVICES_AUTH_POLICY_H_
