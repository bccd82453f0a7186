// meactl simulate and meactl compare: what-if evaluation (hva om) on the
// server, nothing stored.
#include <string>
#include <vector>

#include "clients/meactl/agreements/cli.h"
#include "clients/meactl/agreements/print.h"
#include "google/protobuf/util/json_util.h"
#include "evaluation/settlement_json.h"

namespace mea::meactl::agreement_cli {
namespace {

// Draft terms from FILE: AgreementTerms JSON, or the `agreement` of an
// EvaluationInput, so that a worked example can be used as a draft.
bool ReadTerms(const Context& context, const std::string& path,
               v1::AgreementTerms* terms) {
  std::optional<std::string> text = ReadInput(context, path);
  if (!text.has_value()) return false;
  if (google::protobuf::util::JsonStringToMessage(*text, terms).ok()) {
    return true;
  }
  v1::EvaluationInput input;
  if (google::protobuf::util::JsonStringToMessage(*text, &input).ok()) {
    *terms = input.agreement();
    return true;
  }
  *context.err << "meactl: " << path
               << ": neither agreement terms (id, method_id, unit_price, "
                  "clauses) nor an evaluation input\n";
  return ParseJson(context, *text, terms);
}

// Results from FILE: a Results document or an EvaluationInput's results.
bool ReadResults(const Context& context, const std::string& path,
                 v1::Results* results) {
  std::optional<std::string> text = ReadInput(context, path);
  if (!text.has_value()) return false;
  if (google::protobuf::util::JsonStringToMessage(*text, results).ok()) {
    return true;
  }
  v1::EvaluationInput input;
  if (google::protobuf::util::JsonStringToMessage(*text, &input).ok()) {
    *results = input.results();
    return true;
  }
  *context.err << "meactl: " << path
               << ": neither results nor an evaluation input\n";
  return ParseJson(context, *text, results);
}

int ShowSettlement(const Context& context, const v1::Settlement& settlement) {
  if (context.json()) {
    // Exactly the document `meactl evaluate --output json` prints.
    *context.out << evaluation::SettlementToJson(settlement);
  } else {
    PrintSettlement(context, settlement);
  }
  return kExitOk;
}

bool FillStoredDraft(const Context& context, const Args& args,
                     v1::StoredResultsDraft* draft) {
  draft->set_agreement_id(args.Get("agreement"));
  draft->mutable_period()->set_start(args.Get("from"));
  draft->mutable_period()->set_end(args.Get("to"));
  draft->set_as_of(args.Get("as_of"));
  if (args.Has("terms")) {
    return ReadTerms(context, args.Get("terms"), draft->mutable_terms());
  }
  return true;
}

}  // namespace

int RunSimulate(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {});
  if (!args.has_value()) return kExitUsage;
  v1::SimulateSettlementRequest request;
  if (args->Has("agreement")) {
    if (!args->positional().empty() || !args->Has("from") || !args->Has("to")) {
      return Usage(context,
                   "simulate --agreement ID [--terms FILE] --from D --to D");
    }
    if (!FillStoredDraft(context, *args, request.mutable_stored())) {
      return kExitUsage;
    }
  } else if (args->positional().size() == 1) {
    if (!ReadJsonFile(context, args->positional()[0],
                      request.mutable_input())) {
      return kExitUsage;
    }
  } else {
    return Usage(context, "simulate FILE|- or simulate --agreement ID ...");
  }
  if (!NoUnknownFlags(context, *args)) return kExitUsage;
  v1::SimulateSettlementResponse response;
  grpc::Status status = Stub(context)->SimulateSettlement(
      context.NewCallContext().get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  return ShowSettlement(context, response.settlement());
}

int RunCompare(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseArgs(context, words, {});
  if (!args.has_value()) return kExitUsage;
  if (!args->positional().empty() || !args->Has("first") ||
      !args->Has("second") || !args->Has("from") || !args->Has("to") ||
      args->Has("agreement") == args->Has("results")) {
    return Usage(context,
                 "compare --first FILE --second FILE --from D --to D "
                 "[--as_of D] (--agreement ID | --results FILE)");
  }
  v1::CompareDraftsRequest request;
  request.set_agreement_id(args->Get("agreement"));
  request.mutable_period()->set_start(args->Get("from"));
  request.mutable_period()->set_end(args->Get("to"));
  request.set_as_of(args->Get("as_of"));
  if (!ReadTerms(context, args->Get("first"), request.mutable_first()) ||
      !ReadTerms(context, args->Get("second"), request.mutable_second())) {
    return kExitUsage;
  }
  if (args->Has("results") &&
      !ReadResults(context, args->Get("results"), request.mutable_results())) {
    return kExitUsage;
  }
  if (!NoUnknownFlags(context, *args)) return kExitUsage;
  v1::CompareDraftsResponse response;
  grpc::Status status = Stub(context)->CompareDrafts(
      context.NewCallContext().get(), request, &response);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, response);
  } else {
    PrintComparison(context, response);
  }
  return kExitOk;
}

}  // namespace mea::meactl::agreement_cli
