// The agreement command families of meactl: dispatch, help and the helpers
// they share. Each family lives in its own agreement_*/results_* file.
#include <ostream>

#include "clients/meactl/agreements/cli.h"
#include "clients/meactl/commands.h"

namespace mea::meactl {
namespace {

using Family = int (*)(Context&, const std::vector<std::string>&);

struct AgreementFamily {
  const char* name;
  Family run;
};

constexpr AgreementFamily kFamilies[] = {
    {"agreements", agreement_cli::RunAgreements},
    {"results", agreement_cli::RunResults},
    {"settle", agreement_cli::RunSettle},
    {"settlements", agreement_cli::RunSettlements},
    {"simulate", agreement_cli::RunSimulate},
    {"compare", agreement_cli::RunCompare},
};

}  // namespace

namespace agreement_cli {

std::optional<Args> ParseArgs(const Context& context,
                              const std::vector<std::string>& words,
                              const std::vector<std::string>& boolean_flags) {
  return Args::Parse(words, boolean_flags, *context.err);
}

int Usage(const Context& context, const std::string& message) {
  *context.err << "meactl: " << message << " (see meactl --help)\n";
  return kExitUsage;
}

bool NoUnknownFlags(const Context& context, const Args& args) {
  std::vector<std::string> unused = args.Unused();
  for (const std::string& flag : unused) {
    *context.err << "meactl: unknown flag " << flag << "\n";
  }
  return unused.empty();
}

bool ReadJsonFile(const Context& context, const std::string& path,
                  google::protobuf::Message* message) {
  std::optional<std::string> text = ReadInput(context, path);
  return text.has_value() && ParseJson(context, *text, message);
}

std::unique_ptr<v1::AgreementService::Stub> Stub(const Context& context) {
  return v1::AgreementService::NewStub(context.Channel());
}

}  // namespace agreement_cli

bool IsAgreementCommand(const std::string& command) {
  for (const AgreementFamily& family : kFamilies) {
    if (command == family.name) return true;
  }
  return false;
}

int RunAgreementCommand(Context& context, const std::string& command,
                        const std::vector<std::string>& args) {
  for (const AgreementFamily& family : kFamilies) {
    if (command == family.name) return family.run(context, args);
  }
  return agreement_cli::Usage(context, "unknown command " + command);
}

void PrintAgreementHelp(std::ostream& out) {
  out << R"(
Avtaler (alternative prisavtaler / managed-entry agreements):
  agreements create FILE|- [--supplier S] [--valid_from D] [--valid_to D]
                 [--decision ID] [--title T] [--state draft|active]
                                 register an agreement from Agreement JSON
                                 (id, method_id, unit_price, clauses as in
                                 evaluation.md); flags fill in or override
  agreements get ID              terms (konfidensielle / confidential) and
                                 the public form (offentlig form)
  agreements list [--method M] [--supplier S] [--state S] [--page_size N]
                 [--page_token T] [--all]
  agreements update ID FILE|- [--mask decision_id,supplier,state,valid_from,
                 valid_to,unit_price,clauses,title]
                                 change the masked fields (all when no mask)
  agreements activate|expire|terminate ID
                                 DRAFT -> ACTIVE -> EXPIRED | TERMINATED

Resultater (results delivered by registries and suppliers):
  results upload AGREEMENT_ID FILE... [--batch_size N] [--batch_id PREFIX]
                 [--kind dispensings|patients|assessments|group_outcomes]
                 [--correction_reason R]
                                 JSON (Results, or an EvaluationInput's
                                 results) or CSV (docs/results-formats.md),
                                 sent in batches (default 10000 rows) with
                                 ids from the file's digest: rerunning is
                                 safe (idempotent); a correction (rettelse)
                                 of known patients or group outcomes needs
                                 --correction_reason

Oppgjør (settlements):
  settle AGREEMENT_ID --from D --to D [--as_of D]
                                 settle a period and store the numbered,
                                 immutable settlement
  settlements list AGREEMENT_ID [--page_size N] [--page_token T] [--all]
  settlements get AGREEMENT_ID NUMBER
                                 lines with explanations, totals, patient
                                 outcomes and triggers (utløsere)
  simulate FILE|-                what-if (hva om) on a whole EvaluationInput
  simulate --agreement ID [--terms FILE] --from D --to D [--as_of D]
                                 draft terms (AgreementTerms JSON) on the
                                 agreement's stored results
  compare --first FILE --second FILE --from D --to D [--as_of D]
          (--agreement ID | --results FILE)
                                 two drafts on the same results, line by line
)";
}

}  // namespace mea::meactl
