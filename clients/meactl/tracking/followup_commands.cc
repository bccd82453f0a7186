// meactl obligations deliver|waive and reassessments start|complete: the
// follow-up (oppfølging) of temporary introductions.
#include <ostream>

#include "absl/strings/str_cat.h"
#include "clients/meactl/tracking/cli.h"
#include "clients/meactl/tracking/print.h"

namespace mea::meactl::tracking_cli {
namespace {

constexpr char kDeliverUsage[] =
    "meactl obligations deliver ID --reference R [--date YYYY-MM-DD]";
constexpr char kWaiveUsage[] = "meactl obligations waive ID --reason R";
constexpr char kCompleteUsage[] =
    "meactl reassessments complete DECISION_ID --outcome X [--date D] "
    "[--reason R] [--subgroup S] [--new_deadline D] [--decision_file F|-]";

std::vector<std::string> Rest(const std::vector<std::string>& args) {
  return args.empty() ? args
                      : std::vector<std::string>(args.begin() + 1, args.end());
}

int PrintObligation(const Context& context, const grpc::Status& status,
                    const v1::DataObligation& obligation) {
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, obligation);
    return kExitOk;
  }
  *context.out << "Dataansvar (data obligation) #" << obligation.id() << " ("
               << obligation.method_id()
               << "): " << EnumText(obligation.state()) << "\n";
  PrintFields(context,
              {{"levert (delivered)", obligation.delivered_date()},
               {"referanse (reference)", obligation.delivery_reference()},
               {"begrunnelse (reason)", obligation.waiver_reason()}});
  return kExitOk;
}

int Deliver(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 1, kDeliverUsage);
  if (!args.has_value()) return kExitUsage;
  std::optional<int64_t> id =
      ParseId(context, args->positional()[0], "data obligation id");
  v1::DeliverDataObligationRequest request;
  request.set_delivered_date(args->Get("date"));
  request.set_delivery_reference(args->Get("reference"));
  if (!id.has_value() || !RejectUnknownFlags(context, *args, kDeliverUsage)) {
    return kExitUsage;
  }
  request.set_id(*id);
  v1::DataObligation response;
  auto call = context.NewCallContext();
  return PrintObligation(
      context,
      Stub(context)->DeliverDataObligation(call.get(), request, &response),
      response);
}

int Waive(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 1, kWaiveUsage);
  if (!args.has_value()) return kExitUsage;
  std::optional<int64_t> id =
      ParseId(context, args->positional()[0], "data obligation id");
  v1::WaiveDataObligationRequest request;
  request.set_reason(args->Get("reason"));
  if (!id.has_value() || !RejectUnknownFlags(context, *args, kWaiveUsage)) {
    return kExitUsage;
  }
  request.set_id(*id);
  v1::DataObligation response;
  auto call = context.NewCallContext();
  return PrintObligation(
      context,
      Stub(context)->WaiveDataObligation(call.get(), request, &response),
      response);
}

void PrintReassessmentLine(const Context& context, const v1::Reassessment& r) {
  *context.out << "Revurdering (reassessment) of decision #" << r.decision_id()
               << ": " << EnumText(r.state()) << ", frist (deadline) "
               << r.deadline() << "\n";
}

int Start(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl reassessments start DECISION_ID";
  std::optional<Args> args = ParseCommand(context, words, 1, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  std::optional<int64_t> id =
      ParseId(context, args->positional()[0], "decision id");
  if (!id.has_value()) return kExitUsage;
  v1::StartReassessmentRequest request;
  request.set_decision_id(*id);
  v1::Reassessment response;
  auto call = context.NewCallContext();
  grpc::Status status =
      Stub(context)->StartReassessment(call.get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else {
    PrintReassessmentLine(context, response);
  }
  return kExitOk;
}

// Without --decision_file, the outcomes that determine the resulting
// decision get it filled in: varig innføring and undergruppe -> INTRODUCED,
// utfasing -> PHASED_OUT, all by Beslutningsforum on the completion date.
// A new price negotiation can end several ways, so it needs the file.
void DefaultResultingDecision(v1::CompleteReassessmentRequest& request) {
  v1::Decision::IntroductionType type;
  switch (request.outcome()) {
    case v1::Reassessment::PERMANENT_INTRODUCTION:
    case v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP:
      type = v1::Decision::INTRODUCED;
      break;
    case v1::Reassessment::PHASE_OUT:
      type = v1::Decision::PHASED_OUT;
      break;
    default:
      return;
  }
  v1::Decision* decision = request.mutable_resulting_decision();
  decision->set_body(v1::Decision::BESLUTNINGSFORUM);
  decision->set_introduction_type(type);
}

std::optional<v1::CompleteReassessmentRequest> CompleteRequest(
    const Context& context, const Args& args) {
  v1::CompleteReassessmentRequest request;
  std::optional<int64_t> id =
      ParseId(context, args.positional()[0], "decision id");
  if (!id.has_value()) return std::nullopt;
  request.set_decision_id(*id);
  if (!args.Has("outcome")) {
    Usage(context,
          std::string("--outcome is required; usage: ") + kCompleteUsage);
    return std::nullopt;
  }
  auto outcome = ParseEnum<v1::Reassessment::Outcome>(
      context, args.Get("outcome"), "--outcome");
  if (!outcome.has_value()) return std::nullopt;
  request.set_outcome(*outcome);
  request.set_completed_date(args.Get("date"));
  request.set_subgroup(args.Get("subgroup"));
  request.set_new_deadline(args.Get("new_deadline"));
  request.set_reason(args.Get("reason"));
  if (args.Has("decision_file")) {
    std::optional<std::string> json =
        ReadInput(context, args.Get("decision_file"));
    if (!json.has_value() ||
        !ParseJson(context, *json, request.mutable_resulting_decision())) {
      return std::nullopt;
    }
  } else {
    DefaultResultingDecision(request);
  }
  return request;
}

void PrintCompletion(const Context& context,
                     const v1::CompleteReassessmentResponse& response) {
  const v1::Reassessment& r = response.reassessment();
  if (r.state() != v1::Reassessment::COMPLETED && r.extensions_size() > 0) {
    const v1::ReassessmentExtension& last =
        r.extensions(r.extensions_size() - 1);
    *context.out << "Revurdering (reassessment) of decision #"
                 << r.decision_id()
                 << " forlenget (extended): " << last.previous_deadline()
                 << " → " << last.new_deadline() << "; " << EnumText(r.state())
                 << "\n";
    return;
  }
  *context.out << "Revurdering (reassessment) of decision #" << r.decision_id()
               << ": " << EnumText(r.state()) << " " << r.completed_date()
               << ", utfall (outcome) " << EnumText(r.outcome()) << "\n";
  if (response.has_resulting_decision()) {
    PrintDecision(context, response.resulting_decision());
  }
}

int Complete(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 1, kCompleteUsage);
  if (!args.has_value()) return kExitUsage;
  std::optional<v1::CompleteReassessmentRequest> request =
      CompleteRequest(context, *args);
  if (!request.has_value() ||
      !RejectUnknownFlags(context, *args, kCompleteUsage)) {
    return kExitUsage;
  }
  v1::CompleteReassessmentResponse response;
  auto call = context.NewCallContext();
  grpc::Status status =
      Stub(context)->CompleteReassessment(call.get(), *request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else {
    PrintCompletion(context, response);
  }
  return kExitOk;
}

}  // namespace

int RunObligations(Context& context, const std::vector<std::string>& args) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "deliver") return Deliver(context, Rest(args));
  if (sub == "waive") return Waive(context, Rest(args));
  return Usage(context, "usage: meactl obligations deliver|waive ID ...");
}

int RunReassessments(Context& context, const std::vector<std::string>& args) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "start") return Start(context, Rest(args));
  if (sub == "complete") return Complete(context, Rest(args));
  return Usage(context,
               "usage: meactl reassessments start|complete DECISION_ID ...");
}

}  // namespace mea::meactl::tracking_cli
