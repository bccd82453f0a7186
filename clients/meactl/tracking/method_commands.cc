// meactl methods create|get|list|update: the cases (metoder) of Nye metoder.
#include <ostream>

#include "absl/strings/str_cat.h"
#include "clients/meactl/list.h"
#include "clients/meactl/tracking/cli.h"

namespace mea::meactl::tracking_cli {
namespace {

constexpr char kCreateUsage[] =
    "meactl methods create --id ID --title T --substance S --supplier S "
    "[--brand B] [--indication I] [--area A] | --file F|-";
constexpr char kUpdateUsage[] =
    "meactl methods update ID [--title T] [--substance S] [--brand B] "
    "[--indication I] [--supplier S] [--area A]";
constexpr char kListUsage[] =
    "meactl methods list [--area A] [--status S] [--supplier S] "
    "[--page_size N] [--page_token T] [--all]";

// Flag name and proto field of each descriptive field.
struct MethodFlag {
  const char* flag;
  const char* field;
  void (v1::Method::*set)(const std::string&);
};

const MethodFlag kMethodFlags[] = {
    {"title", "title", &v1::Method::set_title},
    {"substance", "active_substance", &v1::Method::set_active_substance},
    {"brand", "brand_name", &v1::Method::set_brand_name},
    {"indication", "indication", &v1::Method::set_indication},
    {"supplier", "supplier", &v1::Method::set_supplier},
    {"area", "therapeutic_area", &v1::Method::set_therapeutic_area},
};

void PrintMethod(const Context& context, const v1::Method& method) {
  if (context.json()) {
    PrintJson(context, method);
    return;
  }
  *context.out << method.id() << "  " << method.title() << "\n";
  PrintFields(context, {{"status", EnumText(method.status())},
                        {"virkestoff (substance)", method.active_substance()},
                        {"handelsnavn (brand)", method.brand_name()},
                        {"indikasjon (indication)", method.indication()},
                        {"leverandør (supplier)", method.supplier()},
                        {"terapiområde (area)", method.therapeutic_area()},
                        {"opprettet (created)", method.create_time()},
                        {"endret (updated)", method.update_time()}});
}

int CallAndPrint(const Context& context, grpc::Status status,
                 const v1::Method& method) {
  if (!status.ok()) return ReportError(context, status);
  PrintMethod(context, method);
  return kExitOk;
}

// The method from --file, or from the flags.
std::optional<v1::Method> MethodFromArgs(const Context& context,
                                         const Args& args) {
  v1::Method method;
  if (args.Has("file")) {
    std::optional<std::string> json = ReadInput(context, args.Get("file"));
    if (!json.has_value() || !ParseJson(context, *json, &method)) {
      return std::nullopt;
    }
    return method;
  }
  method.set_id(args.Get("id"));
  for (const MethodFlag& flag : kMethodFlags) {
    (method.*flag.set)(args.Get(flag.flag));
  }
  return method;
}

int Create(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 0, kCreateUsage);
  if (!args.has_value()) return kExitUsage;
  std::optional<v1::Method> method = MethodFromArgs(context, *args);
  if (!method.has_value()) return kExitUsage;
  if (!RejectUnknownFlags(context, *args, kCreateUsage)) return kExitUsage;
  v1::CreateMethodRequest request;
  *request.mutable_method() = *method;
  v1::Method response;
  auto call = context.NewCallContext();
  return CallAndPrint(
      context, Stub(context)->CreateMethod(call.get(), request, &response),
      response);
}

int Get(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl methods get ID";
  std::optional<Args> args = ParseCommand(context, words, 1, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  v1::GetMethodRequest request;
  request.set_id(args->positional()[0]);
  v1::Method response;
  auto call = context.NewCallContext();
  return CallAndPrint(context,
                      Stub(context)->GetMethod(call.get(), request, &response),
                      response);
}

int Update(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 1, kUpdateUsage);
  if (!args.has_value()) return kExitUsage;
  v1::UpdateMethodRequest request;
  request.mutable_method()->set_id(args->positional()[0]);
  for (const MethodFlag& flag : kMethodFlags) {
    if (!args->Has(flag.flag)) continue;
    (request.mutable_method()->*flag.set)(args->Get(flag.flag));
    request.mutable_update_mask()->add_paths(flag.field);
  }
  if (!RejectUnknownFlags(context, *args, kUpdateUsage)) return kExitUsage;
  if (request.update_mask().paths().empty()) {
    return Usage(context,
                 std::string("nothing to update; usage: ") + kUpdateUsage);
  }
  v1::Method response;
  auto call = context.NewCallContext();
  return CallAndPrint(
      context, Stub(context)->UpdateMethod(call.get(), request, &response),
      response);
}

void PrintMethodTable(const Context& context,
                      const v1::ListMethodsResponse& response) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::Method& method : response.methods()) {
    rows.push_back({method.id(), EnumText(method.status()),
                    method.therapeutic_area(), method.supplier(),
                    Shorten(method.title(), 60)});
  }
  PrintTable(context, {"ID", "STATUS", "AREA", "SUPPLIER", "TITLE"}, rows);
}

std::optional<v1::ListMethodsRequest> ListRequest(const Context& context,
                                                  const Args& args) {
  v1::ListMethodsRequest request;
  request.set_therapeutic_area(args.Get("area"));
  request.set_supplier(args.Get("supplier"));
  if (args.Has("status")) {
    auto status =
        ParseEnum<v1::Method::Status>(context, args.Get("status"), "--status");
    if (!status.has_value()) return std::nullopt;
    request.set_status(*status);
  }
  return request;
}

int List(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args =
      ParseCommand(context, words, 0, kListUsage, {"all"});
  if (!args.has_value()) return kExitUsage;
  std::optional<v1::ListMethodsRequest> request = ListRequest(context, *args);
  std::optional<Paging> paging = ReadPaging(context, *args);
  if (!request.has_value() || !paging.has_value() ||
      !RejectUnknownFlags(context, *args, kListUsage)) {
    return kExitUsage;
  }
  return RunList(context, *Stub(context),
                 &v1::TrackingService::Stub::ListMethods, *request, *paging,
                 [&](const v1::ListMethodsResponse& merged) {
                   PrintMethodTable(context, merged);
                 });
}

}  // namespace

int RunMethods(Context& context, const std::vector<std::string>& args) {
  const std::vector<std::string> rest =
      args.empty() ? args
                   : std::vector<std::string>(args.begin() + 1, args.end());
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "create") return Create(context, rest);
  if (sub == "get") return Get(context, rest);
  if (sub == "list") return List(context, rest);
  if (sub == "update") return Update(context, rest);
  return Usage(context, "usage: meactl methods create|get|list|update ...");
}

}  // namespace mea::meactl::tracking_cli
