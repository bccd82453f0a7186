// meactl audit list|verify: the audit trail (revisjonsspor) of every change,
// and the check of its hash chain.
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "clients/meactl/auth_cli.h"
#include "clients/meactl/list.h"
#include "clients/meactl/tracking/cli.h"
#include "mea/v1/audit.grpc.pb.h"

namespace mea::meactl {
namespace {

using tracking_cli::ParseCommand;
using tracking_cli::RejectUnknownFlags;
using tracking_cli::Usage;

constexpr char kListUsage[] =
    "meactl audit list [--resource R] [--principal P] [--page_size N] "
    "[--page_token T] [--all]";
constexpr char kVerifyUsage[] = "meactl audit verify [--anchor SEQ:HASH]";

std::unique_ptr<v1::AuditService::Stub> Stub(const Context& context) {
  return v1::AuditService::NewStub(context.Channel());
}

// "/mea.v1.TrackingService/CreateMethod" -> "CreateMethod".
std::string ShortRpc(const std::string& rpc) {
  size_t slash = rpc.rfind('/');
  return slash == std::string::npos ? rpc : rpc.substr(slash + 1);
}

void PrintEntries(const Context& context,
                  const v1::ListAuditEntriesResponse& response) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::AuditEntry& entry : response.entries()) {
    rows.push_back({std::to_string(entry.sequence()), entry.time(),
                    entry.principal(), entry.role(), ShortRpc(entry.rpc()),
                    entry.resource(), entry.reason()});
  }
  PrintTable(context,
             {"SEQ", "TIME", "PRINCIPAL", "ROLE", "RPC", "RESOURCE", "REASON"},
             rows);
}

int List(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args =
      ParseCommand(context, words, 0, kListUsage, {"all"});
  if (!args.has_value()) return kExitUsage;
  v1::ListAuditEntriesRequest request;
  request.set_resource(args->Get("resource"));
  request.set_principal(args->Get("principal"));
  std::optional<Paging> paging = ReadPaging(context, *args);
  if (!paging.has_value() || !RejectUnknownFlags(context, *args, kListUsage)) {
    return kExitUsage;
  }
  return RunList(context, *Stub(context),
                 &v1::AuditService::Stub::ListAuditEntries, request, *paging,
                 [&](const v1::ListAuditEntriesResponse& merged) {
                   PrintEntries(context, merged);
                 });
}

// One line per group of rows changed behind mea's back.
void PrintChangedOutside(const Context& context,
                         const v1::VerifyAuditChainResponse& response) {
  for (const v1::ChangedOutside& group : response.changed_outside()) {
    const char* what = group.kind() == v1::ChangedOutside::ADDED ? "added"
                       : group.kind() == v1::ChangedOutside::DELETED
                           ? "deleted"
                           : "changed";
    *context.out << what << " outside mea: " << group.table() << " "
                 << group.group_key() << "\n";
  }
}

// Reads --anchor SEQ:HASH into the request; false after printing.
bool ParseAnchor(const Context& context, const std::string& text,
                 v1::VerifyAuditChainRequest& request) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  int64_t sequence = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &sequence) ||
      sequence <= 0) {
    Usage(context,
          "--anchor must be SEQ:HASH, e.g. 42:3f0c... (from an "
          "earlier audit verify)");
    return false;
  }
  request.set_known_head_sequence(sequence);
  request.set_known_head_hash(parts[1]);
  return true;
}

int Verify(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 0, kVerifyUsage);
  if (!args.has_value()) return kExitUsage;
  v1::VerifyAuditChainRequest request;
  if (args->Has("anchor") &&
      !ParseAnchor(context, args->Get("anchor"), request)) {
    return kExitUsage;
  }
  if (!RejectUnknownFlags(context, *args, kVerifyUsage)) return kExitUsage;
  v1::VerifyAuditChainResponse response;
  auto call = context.NewCallContext();
  grpc::Status status =
      Stub(context)->VerifyAuditChain(call.get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else if (response.intact()) {
    *context.out << "intact: " << response.entries() << " entries";
    // Roles that may not see confidential figures get no hash, hence no
    // anchor (docs/security.md).
    if (response.has_head_hash()) {
      *context.out << "; anchor for a later check: --anchor "
                   << response.head_sequence() << ":" << response.head_hash();
    }
    *context.out << "\n";
    if (response.keyed_from() > 0) {
      *context.out << "keyed (HMAC-SHA256) from entry " << response.keyed_from()
                   << "\n";
    }
  } else {
    if (response.first_broken_sequence() > 0) {
      *context.out << "BROKEN at entry " << response.first_broken_sequence()
                   << ": " << response.problem() << "\n";
    } else {
      *context.out << "BROKEN: " << response.problem() << "\n";
    }
    PrintChangedOutside(context, response);
  }
  return response.intact() ? kExitOk : kExitFailed;
}

}  // namespace

int RunAuditCommand(Context& context, const std::vector<std::string>& args) {
  const std::vector<std::string> rest =
      args.empty() ? args
                   : std::vector<std::string>(args.begin() + 1, args.end());
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "list") return List(context, rest);
  if (sub == "verify") return Verify(context, rest);
  return Usage(context, "usage: meactl audit list|verify ...");
}

}  // namespace mea::meactl
