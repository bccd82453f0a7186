// meactl due and meactl dossier: the overview of what is due (frister) and
// everything about one case (saksoversikt) for a decision-forum member.
#include <ostream>

#include "absl/strings/str_split.h"
#include "clients/meactl/list.h"
#include "clients/meactl/tracking/cli.h"
#include "clients/meactl/tracking/print.h"
#include "mea/v1/agreements.pb.h"

namespace mea::meactl::tracking_cli {
namespace {

constexpr char kDueUsage[] =
    "meactl due [--until YYYY-MM-DD] [--organisation O] [--method ID] "
    "[--area A] [--kind reassessment,data_obligation,agreement_expiry,"
    "outcome_trigger] [--page_size N] [--page_token T] [--all]";

bool AddKinds(const Context& context, const std::string& list,
              v1::ListDueItemsRequest& request) {
  for (absl::string_view word :
       absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    auto kind =
        ParseEnum<v1::DueItem::Kind>(context, std::string(word), "--kind");
    if (!kind.has_value()) return false;
    request.add_kinds(*kind);
  }
  return true;
}

void PrintAgreements(const Context& context, const v1::Dossier& dossier) {
  if (dossier.agreements().empty()) return;
  *context.out << "\nAvtaler (agreements):\n";
  std::vector<std::vector<std::string>> rows;
  for (const v1::AgreementSummary& agreement : dossier.agreements()) {
    rows.push_back({agreement.agreement_id(),
                    v1::Agreement::State_Name(agreement.state()),
                    agreement.valid_from() + " – " + agreement.valid_to(),
                    agreement.description()});
  }
  PrintTable(context, {"ID", "STATE", "VALID", "FORM"}, rows);
}

void PrintTimeline(const Context& context, const v1::Dossier& dossier) {
  *context.out << "\nBeslutninger (decisions), nyeste først (newest first):\n";
  std::vector<std::vector<std::string>> rows;
  for (const v1::Decision& decision : dossier.decisions()) {
    rows.push_back(
        {decision.decision_date(), "#" + std::to_string(decision.id()),
         EnumText(decision.introduction_type()), BodyText(decision.body()),
         decision.superseded_by_decision_id() == 0 ? "gjeldende (current)"
                                                   : "erstattet (superseded)"});
  }
  if (rows.empty()) {
    *context.out << "  ingen ennå (none yet): venter på beslutning\n";
    return;
  }
  PrintTable(context, {"DATE", "ID", "TYPE", "BODY", "HISTORY"}, rows);
}

void PrintDossier(const Context& context, const v1::Dossier& dossier) {
  const v1::Method& method = dossier.method();
  *context.out << "Saksoversikt (dossier) " << method.id() << " per "
               << dossier.today() << "\n"
               << method.title() << "\n";
  PrintFields(context, {{"status", EnumText(method.status())},
                        {"virkestoff (substance)", method.active_substance()},
                        {"handelsnavn (brand)", method.brand_name()},
                        {"indikasjon (indication)", method.indication()},
                        {"leverandør (supplier)", method.supplier()},
                        {"terapiområde (area)", method.therapeutic_area()}});
  PrintTimeline(context, dossier);
  for (const v1::Decision& decision : dossier.decisions()) {
    *context.out << "\n";
    PrintDecision(context, decision, dossier.today());
  }
  *context.out << "\nFrister (due items): "
               << DueCountsLine(dossier.overdue_count(),
                                dossier.due_items_size(), dossier.today())
               << "\n";
  if (!dossier.due_items().empty()) PrintDueTable(context, dossier.due_items());
  PrintAgreements(context, dossier);
}

}  // namespace

std::optional<v1::ListDueItemsRequest> DueFilter(const Context& context,
                                                 const Args& args) {
  v1::ListDueItemsRequest request;
  request.set_end_date(args.Get("until"));
  request.set_responsible_organisation(args.Get("organisation"));
  request.set_method_id(args.Get("method"));
  request.set_therapeutic_area(args.Get("area"));
  if (args.Has("kind") && !AddKinds(context, args.Get("kind"), request)) {
    return std::nullopt;
  }
  return request;
}

int RunDue(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args =
      ParseCommand(context, words, 0, kDueUsage, {"all"});
  if (!args.has_value()) return kExitUsage;
  std::optional<v1::ListDueItemsRequest> request = DueFilter(context, *args);
  std::optional<Paging> paging = ReadPaging(context, *args);
  if (!request.has_value() || !paging.has_value() ||
      !RejectUnknownFlags(context, *args, kDueUsage)) {
    return kExitUsage;
  }
  // The counts cover every page, not only the ones printed.
  return RunList(
      context, *Stub(context), &v1::TrackingService::Stub::ListDueItems,
      *request, *paging, [&](const v1::ListDueItemsResponse& merged) {
        *context.out << DueCountsLine(merged.overdue_count(),
                                      merged.total_count(), merged.today())
                     << "\n";
        PrintDueTable(context, merged.items());
      });
}

int RunDossier(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl dossier METHOD_ID";
  std::optional<Args> args = ParseCommand(context, words, 1, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  v1::GetDossierRequest request;
  request.set_method_id(args->positional()[0]);
  v1::Dossier response;
  auto call = context.NewCallContext();
  grpc::Status status =
      Stub(context)->GetDossier(call.get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else {
    PrintDossier(context, response);
  }
  return kExitOk;
}

}  // namespace mea::meactl::tracking_cli
