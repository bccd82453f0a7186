// meactl settle and meactl settlements list|get: settling a period
// (oppgjør) and reading the stored, immutable settlements.
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "clients/meactl/agreements/cli.h"
#include "clients/meactl/agreements/print.h"
#include "clients/meactl/list.h"

namespace mea::meactl::agreement_cli {
namespace {

int ShowStored(const Context& context, const v1::StoredSettlement& stored) {
  if (context.json()) {
    PrintJson(context, stored);
  } else {
    PrintStoredSettlement(context, stored);
  }
  return kExitOk;
}

int ListSettlements(Context& context, const Args& args) {
  if (args.positional().size() != 2) {
    return Usage(context, "settlements list AGREEMENT_ID");
  }
  v1::ListSettlementsRequest request;
  request.set_agreement_id(args.positional()[1]);
  std::optional<Paging> paging = ReadPaging(context, args);
  if (!paging.has_value() || !NoUnknownFlags(context, args)) return kExitUsage;
  return RunList(context, *Stub(context),
                 &v1::AgreementService::Stub::ListSettlements, request, *paging,
                 [&](const v1::ListSettlementsResponse& merged) {
                   PrintSettlementList(context, {merged.settlements().begin(),
                                                 merged.settlements().end()});
                 });
}

int GetSettlement(Context& context, const Args& args) {
  int64_t number = 0;
  if (args.positional().size() != 3 ||
      !absl::SimpleAtoi(args.positional()[2], &number)) {
    return Usage(context, "settlements get AGREEMENT_ID NUMBER");
  }
  if (!NoUnknownFlags(context, args)) return kExitUsage;
  v1::GetSettlementRequest request;
  request.set_agreement_id(args.positional()[1]);
  request.set_number(number);
  v1::StoredSettlement stored;
  grpc::Status status = Stub(context)->GetSettlement(
      context.NewCallContext().get(), request, &stored);
  if (!status.ok()) return ReportError(context, status);
  return ShowStored(context, stored);
}

}  // namespace

int RunSettle(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {});
  if (!args.has_value()) return kExitUsage;
  if (args->positional().size() != 1 || !args->Has("from") ||
      !args->Has("to")) {
    return Usage(context, "settle AGREEMENT_ID --from D --to D [--as_of D]");
  }
  v1::SettleAgreementRequest request;
  request.set_agreement_id(args->positional()[0]);
  request.mutable_period()->set_start(args->Get("from"));
  request.mutable_period()->set_end(args->Get("to"));
  request.set_as_of(args->Get("as_of"));
  if (!NoUnknownFlags(context, *args)) return kExitUsage;
  v1::StoredSettlement stored;
  grpc::Status status = Stub(context)->SettleAgreement(
      context.NewCallContext().get(), request, &stored);
  if (!status.ok()) return ReportError(context, status);
  return ShowStored(context, stored);
}

int RunSettlements(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {"all"});
  if (!args.has_value()) return kExitUsage;
  const std::string verb =
      args->positional().empty() ? "" : args->positional()[0];
  if (verb == "list") return ListSettlements(context, *args);
  if (verb == "get") return GetSettlement(context, *args);
  return Usage(context, "settlements list|get AGREEMENT_ID ...");
}

}  // namespace mea::meactl::agreement_cli
