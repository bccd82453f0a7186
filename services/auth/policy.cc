#include "services/auth/policy.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace mea::services::policy {
namespace {

constexpr Access A = Access::kAllow;
constexpr Access O = Access::kAllowOwnOrganisation;
constexpr Access D = Access::kDeny;

constexpr char kObligationOwner[] = "the obligation's responsible organisation";
constexpr char kDueOwner[] =
    "items owed by the caller's organisation (the list is filtered)";
constexpr char kResultsOwner[] =
    "SUPPLIER: the agreement's supplier; REGISTRY: an organisation "
    "responsible for a data obligation of the agreement's method";
constexpr char kSettlementOwner[] = "the agreement's supplier";

// Cells in the order SECRETARIAT, PROCUREMENT, FORUM_MEMBER, SUPPLIER,
// REGISTRY, PUBLIC: A allow, O own organisation only, D deny.
constexpr Row kTable[] = {
    // TrackingService: the secretariat records, everybody reads decisions.
    {"/mea.v1.TrackingService/CreateMethod", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/GetMethod", {A, A, A, A, A, A}, ""},
    {"/mea.v1.TrackingService/ListMethods", {A, A, A, A, A, A}, ""},
    {"/mea.v1.TrackingService/UpdateMethod", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/CreateDecision", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/GetDecision", {A, A, A, A, A, A}, ""},
    {"/mea.v1.TrackingService/ListDecisions", {A, A, A, A, A, A}, ""},
    {"/mea.v1.TrackingService/DeliverDataObligation",
     {A, D, D, O, O, D},
     kObligationOwner},
    {"/mea.v1.TrackingService/WaiveDataObligation", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/StartReassessment", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/CompleteReassessment", {A, D, D, D, D, D}, ""},
    {"/mea.v1.TrackingService/ListDueItems", {A, A, A, O, O, D}, kDueOwner},
    // The dossier is open to all, so that no role sees less of a case than
    // the public; its handler includes only what the caller may see
    // through the other RPCs (services/tracking/due_handlers.cc).
    {"/mea.v1.TrackingService/GetDossier", {A, A, A, A, A, A}, ""},
    // AgreementService: procurement negotiates and settles; the public
    // form of every agreement is readable by all (figures redacted).
    {"/mea.v1.AgreementService/CreateAgreement", {D, A, D, D, D, D}, ""},
    {"/mea.v1.AgreementService/GetAgreement", {A, A, A, A, A, A}, ""},
    {"/mea.v1.AgreementService/ListAgreements", {A, A, A, A, A, A}, ""},
    {"/mea.v1.AgreementService/UpdateAgreement", {D, A, D, D, D, D}, ""},
    {"/mea.v1.AgreementService/UploadResults",
     {D, A, D, O, O, D},
     kResultsOwner},
    {"/mea.v1.AgreementService/SettleAgreement", {D, A, D, D, D, D}, ""},
    {"/mea.v1.AgreementService/GetSettlement",
     {A, A, A, O, D, D},
     kSettlementOwner},
    {"/mea.v1.AgreementService/ListSettlements",
     {A, A, A, O, D, D},
     kSettlementOwner},
    {"/mea.v1.AgreementService/SimulateSettlement", {D, A, A, D, D, D}, ""},
    {"/mea.v1.AgreementService/CompareDrafts", {D, A, A, D, D, D}, ""},
    // AuditService: those who must explain decisions afterwards.
    {"/mea.v1.AuditService/ListAuditEntries", {A, A, A, D, D, D}, ""},
    {"/mea.v1.AuditService/VerifyAuditChain", {A, A, A, D, D, D}, ""},
    // AdminService: a backup copies every figure (and the patient-level
    // results) to a file: only a role that may see every figure may take
    // one, and of those only procurement, which answers for the prices
    // (docs/security.md, "Backups").
    {"/mea.v1.AdminService/BackupDatabase", {D, A, D, D, D, D}, ""},
    // Infrastructure: health checks and reflection reveal no data.
    {"/grpc.health.v1.Health/Check", {A, A, A, A, A, A}, ""},
    {"/grpc.health.v1.Health/Watch", {A, A, A, A, A, A}, ""},
    {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
     {A, A, A, A, A, A},
     ""},
};

size_t RoleColumn(identity::Role role) {
  for (size_t i = 0; i < identity::kPolicyRoles.size(); ++i) {
    if (identity::kPolicyRoles[i] == role) return i;
  }
  return identity::kPolicyRoles.size();
}

absl::string_view ShortName(absl::string_view rpc) {
  size_t slash = rpc.rfind('/');
  return slash == absl::string_view::npos ? rpc : rpc.substr(slash + 1);
}

absl::string_view Cell(Access access) {
  switch (access) {
    case Access::kAllow:
      return "allow";
    case Access::kAllowOwnOrganisation:
      return "own organisation";
    case Access::kDeny:
      return "deny";
  }
  return "deny";
}

}  // namespace

std::span<const Row> Table() { return kTable; }

const Row* Find(absl::string_view rpc) {
  for (const Row& row : kTable) {
    if (row.rpc == rpc) return &row;
  }
  return nullptr;
}

Access Decide(absl::string_view rpc, identity::Role role) {
  if (role == identity::Role::kLocal) return Access::kAllow;
  const Row* row = Find(rpc);
  size_t column = RoleColumn(role);
  if (row == nullptr || column >= row->access.size()) return Access::kDeny;
  return row->access[column];
}

std::string NeededRoles(absl::string_view rpc) {
  const Row* row = Find(rpc);
  if (row == nullptr) {
    return absl::StrCat(ShortName(rpc), " is not open to any role");
  }
  std::vector<absl::string_view> allowed;
  std::vector<absl::string_view> own;
  for (size_t i = 0; i < identity::kPolicyRoles.size(); ++i) {
    absl::string_view name = identity::RoleName(identity::kPolicyRoles[i]);
    if (row->access[i] == Access::kAllow) allowed.push_back(name);
    if (row->access[i] == Access::kAllowOwnOrganisation) own.push_back(name);
  }
  std::string needed =
      absl::StrCat(ShortName(rpc), " requires role ",
                   allowed.empty() ? "" : absl::StrJoin(allowed, ", "));
  if (!own.empty()) {
    absl::StrAppend(&needed, allowed.empty() ? "" : ", or ",
                    absl::StrJoin(own, " or "), " for ", row->own_means,
                    " when that is the caller's organisation");
  }
  return needed;
}

ConfidentialAccess SeesConfidential(identity::Role role) {
  switch (role) {
    case identity::Role::kProcurement:
    case identity::Role::kForumMember:
    case identity::Role::kLocal:
      return ConfidentialAccess::kAll;
    case identity::Role::kSupplier:
      return ConfidentialAccess::kOwnOrganisation;
    case identity::Role::kSecretariat:
    case identity::Role::kRegistry:
    case identity::Role::kPublic:
      return ConfidentialAccess::kNone;
  }
  return ConfidentialAccess::kNone;
}

std::string RenderMarkdown() {
  std::string out = "| RPC |";
  for (identity::Role role : identity::kPolicyRoles) {
    absl::StrAppend(&out, " ", identity::RoleName(role), " |");
  }
  absl::StrAppend(&out, "\n| --- |");
  for (size_t i = 0; i < identity::kPolicyRoles.size(); ++i) {
    absl::StrAppend(&out, " --- |");
  }
  absl::StrAppend(&out, "\n");
  for (const Row& row : kTable) {
    absl::StrAppend(&out, "| `", row.rpc, "` |");
    for (Access access : row.access)
      absl::StrAppend(&out, " ", Cell(access), " |");
    absl::StrAppend(&out, "\n");
  }
  absl::StrAppend(&out, "\n*own organisation* means:\n\n");
  for (const Row& row : kTable) {
    if (row.own_means.empty()) continue;
    absl::StrAppend(&out, "- `", ShortName(row.rpc), "`: ", row.own_means,
                    "\n");
  }
  return out;
}

}  // namespace mea::services::policy
