// meactl agreements: create, get, list, update, activate, expire, terminate.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "clients/meactl/agreements/cli.h"
#include "clients/meactl/agreements/print.h"
#include "clients/meactl/list.h"

namespace mea::meactl::agreement_cli {
namespace {

int Show(const Context& context, const v1::Agreement& agreement) {
  if (context.json()) {
    PrintJson(context, agreement);
  } else {
    PrintAgreement(context, agreement);
  }
  return kExitOk;
}

// "draft" or "DRAFT" -> DRAFT; false for anything else.
bool ParseState(const std::string& text, v1::Agreement::State* state) {
  return v1::Agreement::State_Parse(absl::AsciiStrToUpper(text), state) &&
         *state != v1::Agreement::STATE_UNSPECIFIED;
}

// Applies --supplier, --valid_from, ... over what the file holds.
bool ApplyFlags(const Context& context, const Args& args,
                v1::Agreement& agreement) {
  if (args.Has("supplier")) agreement.set_supplier(args.Get("supplier"));
  if (args.Has("valid_from")) agreement.set_valid_from(args.Get("valid_from"));
  if (args.Has("valid_to")) agreement.set_valid_to(args.Get("valid_to"));
  if (args.Has("title")) agreement.set_title(args.Get("title"));
  if (args.Has("decision")) {
    int64_t decision = 0;
    if (!absl::SimpleAtoi(args.Get("decision"), &decision)) {
      Usage(context, "--decision must be a decision id (a number)");
      return false;
    }
    agreement.set_decision_id(decision);
  }
  if (args.Has("state")) {
    v1::Agreement::State state;
    if (!ParseState(args.Get("state"), &state)) {
      Usage(context, "--state must be draft, active, expired or terminated");
      return false;
    }
    agreement.set_state(state);
  }
  return true;
}

int Create(Context& context, const Args& args) {
  if (args.positional().size() != 2) {
    return Usage(context, "agreements create FILE|-");
  }
  v1::CreateAgreementRequest request;
  if (!ReadJsonFile(context, args.positional()[1],
                    request.mutable_agreement()) ||
      !ApplyFlags(context, args, *request.mutable_agreement())) {
    return kExitUsage;
  }
  if (!NoUnknownFlags(context, args)) return kExitUsage;
  v1::Agreement agreement;
  grpc::Status status = Stub(context)->CreateAgreement(
      context.NewCallContext().get(), request, &agreement);
  if (!status.ok()) return ReportError(context, status);
  return Show(context, agreement);
}

int Get(Context& context, const Args& args) {
  if (args.positional().size() != 2) return Usage(context, "agreements get ID");
  if (!NoUnknownFlags(context, args)) return kExitUsage;
  v1::GetAgreementRequest request;
  request.set_id(args.positional()[1]);
  v1::Agreement agreement;
  grpc::Status status = Stub(context)->GetAgreement(
      context.NewCallContext().get(), request, &agreement);
  if (!status.ok()) return ReportError(context, status);
  return Show(context, agreement);
}

int List(Context& context, const Args& args) {
  v1::ListAgreementsRequest request;
  request.set_method_id(args.Get("method"));
  request.set_supplier(args.Get("supplier"));
  if (args.Has("state")) {
    v1::Agreement::State state;
    if (!ParseState(args.Get("state"), &state)) {
      return Usage(context,
                   "--state must be draft, active, expired or terminated");
    }
    request.set_state(state);
  }
  std::optional<Paging> paging = ReadPaging(context, args);
  if (!paging.has_value() || !NoUnknownFlags(context, args)) return kExitUsage;
  return RunList(
      context, *Stub(context), &v1::AgreementService::Stub::ListAgreements,
      request, *paging, [&](const v1::ListAgreementsResponse& merged) {
        PrintAgreementList(
            context, {merged.agreements().begin(), merged.agreements().end()});
      });
}

int Send(Context& context, const v1::UpdateAgreementRequest& request) {
  v1::Agreement agreement;
  grpc::Status status = Stub(context)->UpdateAgreement(
      context.NewCallContext().get(), request, &agreement);
  if (!status.ok()) return ReportError(context, status);
  return Show(context, agreement);
}

int Update(Context& context, const Args& args) {
  if (args.positional().size() != 3) {
    return Usage(context, "agreements update ID FILE|- [--mask paths]");
  }
  v1::UpdateAgreementRequest request;
  if (!ReadJsonFile(context, args.positional()[2],
                    request.mutable_agreement())) {
    return kExitUsage;
  }
  request.mutable_agreement()->set_id(args.positional()[1]);
  for (absl::string_view path :
       absl::StrSplit(args.Get("mask"), ',', absl::SkipWhitespace())) {
    request.mutable_update_mask()->add_paths(
        std::string(absl::StripAsciiWhitespace(path)));
  }
  if (!NoUnknownFlags(context, args)) return kExitUsage;
  return Send(context, request);
}

int ChangeState(Context& context, const Args& args,
                v1::Agreement::State state) {
  if (args.positional().size() != 2) {
    return Usage(context, "agreements " + args.positional()[0] + " ID");
  }
  if (!NoUnknownFlags(context, args)) return kExitUsage;
  v1::UpdateAgreementRequest request;
  request.mutable_agreement()->set_id(args.positional()[1]);
  request.mutable_agreement()->set_state(state);
  request.mutable_update_mask()->add_paths("state");
  return Send(context, request);
}

}  // namespace

int RunAgreements(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {"all"});
  if (!args.has_value()) return kExitUsage;
  if (args->positional().empty()) {
    return Usage(context,
                 "agreements create|get|list|update|activate|expire|"
                 "terminate");
  }
  const std::string& verb = args->positional()[0];
  if (verb == "create") return Create(context, *args);
  if (verb == "get") return Get(context, *args);
  if (verb == "list") return List(context, *args);
  if (verb == "update") return Update(context, *args);
  if (verb == "activate") {
    return ChangeState(context, *args, v1::Agreement::ACTIVE);
  }
  if (verb == "expire") {
    return ChangeState(context, *args, v1::Agreement::EXPIRED);
  }
  if (verb == "terminate") {
    return ChangeState(context, *args, v1::Agreement::TERMINATED);
  }
  return Usage(context, "unknown agreements command " + verb);
}

}  // namespace mea::meactl::agreement_cli
