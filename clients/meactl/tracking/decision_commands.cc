// meactl decisions create|get|list: decisions (beslutninger) with their
// follow-up plans.
#include <ostream>

#include "clients/meactl/list.h"
#include "clients/meactl/tracking/cli.h"
#include "clients/meactl/tracking/print.h"

namespace mea::meactl::tracking_cli {
namespace {

constexpr char kListUsage[] =
    "meactl decisions list [--method ID] [--type T] [--page_size N] "
    "[--page_token T] [--all]";

int PrintAnswer(const Context& context, const grpc::Status& status,
                const v1::Decision& decision) {
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, decision);
  } else {
    PrintDecision(context, decision);
  }
  return kExitOk;
}

int Create(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl decisions create FILE|-";
  std::optional<Args> args = ParseCommand(context, words, 1, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  std::optional<std::string> json = ReadInput(context, args->positional()[0]);
  v1::CreateDecisionRequest request;
  if (!json.has_value() ||
      !ParseJson(context, *json, request.mutable_decision())) {
    return kExitUsage;
  }
  v1::Decision response;
  auto call = context.NewCallContext();
  return PrintAnswer(
      context, Stub(context)->CreateDecision(call.get(), request, &response),
      response);
}

int Get(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl decisions get ID";
  std::optional<Args> args = ParseCommand(context, words, 1, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  std::optional<int64_t> id =
      ParseId(context, args->positional()[0], "decision id");
  if (!id.has_value()) return kExitUsage;
  v1::GetDecisionRequest request;
  request.set_id(*id);
  v1::Decision response;
  auto call = context.NewCallContext();
  return PrintAnswer(context,
                     Stub(context)->GetDecision(call.get(), request, &response),
                     response);
}

std::optional<v1::ListDecisionsRequest> ListRequest(const Context& context,
                                                    const Args& args) {
  v1::ListDecisionsRequest request;
  request.set_method_id(args.Get("method"));
  if (args.Has("type")) {
    auto type = ParseEnum<v1::Decision::IntroductionType>(
        context, args.Get("type"), "--type");
    if (!type.has_value()) return std::nullopt;
    request.set_introduction_type(*type);
  }
  return request;
}

void PrintDecisionTable(const Context& context,
                        const v1::ListDecisionsResponse& response) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::Decision& decision : response.decisions()) {
    std::string history =
        decision.superseded_by_decision_id() == 0
            ? "gjeldende (current)"
            : "erstattet av (superseded by) #" +
                  std::to_string(decision.superseded_by_decision_id());
    rows.push_back({std::to_string(decision.id()), decision.decision_date(),
                    decision.method_id(),
                    EnumText(decision.introduction_type()),
                    BodyText(decision.body()), history});
  }
  PrintTable(context, {"ID", "DATE", "METHOD", "TYPE", "BODY", "HISTORY"},
             rows);
}

int List(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args =
      ParseCommand(context, words, 0, kListUsage, {"all"});
  if (!args.has_value()) return kExitUsage;
  std::optional<v1::ListDecisionsRequest> request = ListRequest(context, *args);
  std::optional<Paging> paging = ReadPaging(context, *args);
  if (!request.has_value() || !paging.has_value() ||
      !RejectUnknownFlags(context, *args, kListUsage)) {
    return kExitUsage;
  }
  return RunList(context, *Stub(context),
                 &v1::TrackingService::Stub::ListDecisions, *request, *paging,
                 [&](const v1::ListDecisionsResponse& merged) {
                   PrintDecisionTable(context, merged);
                 });
}

}  // namespace

int RunDecisions(Context& context, const std::vector<std::string>& args) {
  const std::vector<std::string> rest =
      args.empty() ? args
                   : std::vector<std::string>(args.begin() + 1, args.end());
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "create") return Create(context, rest);
  if (sub == "get") return Get(context, rest);
  if (sub == "list") return List(context, rest);
  return Usage(context, "usage: meactl decisions create|get|list ...");
}

}  // namespace mea::meactl::tracking_cli
