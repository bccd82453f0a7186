// The tracking command families of meactl: dispatch and help. Each family
// lives in its own tracking_*_commands.cc.
#include <ostream>

#include "clients/meactl/commands.h"
#include "clients/meactl/tracking/cli.h"

namespace mea::meactl {
namespace {

using Family = int (*)(Context&, const std::vector<std::string>&);

struct TrackingFamily {
  const char* name;
  Family run;
};

constexpr TrackingFamily kFamilies[] = {
    {"methods", tracking_cli::RunMethods},
    {"decisions", tracking_cli::RunDecisions},
    {"obligations", tracking_cli::RunObligations},
    {"reassessments", tracking_cli::RunReassessments},
    {"due", tracking_cli::RunDue},
    {"dossier", tracking_cli::RunDossier},
};

}  // namespace

bool IsTrackingCommand(const std::string& command) {
  for (const TrackingFamily& family : kFamilies) {
    if (command == family.name) return true;
  }
  return false;
}

void PrintTrackingHelp(std::ostream& out) {
  out << R"(
Metoder og beslutninger (methods and decisions):
  methods create --id ID --title T --substance S --supplier S
                 [--brand B] [--indication I] [--area A] | --file F|-
                                 register a method (metode), e.g. ID2021_045
  methods get ID                 show one method and its status
  methods list [--area A] [--status S] [--supplier S] [--page_size N]
                 [--page_token T] [--all]
  methods update ID [--title T] [--substance S] [--brand B] [--indication I]
                 [--supplier S] [--area A]
                                 change only the fields given
  decisions create FILE|-        record a decision (beslutning) from JSON; a
                                 midlertidig innføring (temporary introduction)
                                 needs its follow_up plan: utfallsmål (outcome
                                 measures), dataansvar (data obligations),
                                 revurdering (reassessment), exit-plan
  decisions get ID               a decision with its follow-up plan
  decisions list [--method ID] [--type T] [--page_size N] [--page_token T]
                 [--all]

Oppfølging (follow-up):
  obligations deliver ID --reference R [--date D]
                                 a data obligation (dataansvar) was delivered
  obligations waive ID --reason R
                                 a data obligation is waived (frafalt)
  reassessments start DECISION_ID
                                 the revurdering (reassessment) begins
  reassessments complete DECISION_ID --outcome X [--date D] [--reason R]
                 [--subgroup S] [--new_deadline D] [--decision_file F]
                                 X: permanent_introduction (varig innføring),
                                 renegotiate_price (ny prisforhandling; needs
                                 --decision_file), phase_out (utfasing),
                                 phase_out_except_subgroup (--subgroup),
                                 extension (forlengelse: --new_deadline,
                                 --reason)

Oversikt (overview):
  due [--until D] [--organisation O] [--method M] [--area A]
      [--kind reassessment,data_obligation,agreement_expiry,outcome_trigger]
      [--page_size N] [--page_token T] [--all]
                                 what is due (frister), overdue (forfalt)
                                 first; default: the next 90 days
  dossier METHOD_ID              everything about one case (saksoversikt)
)";
}

int RunTrackingCommand(Context& context, const std::string& command,
                       const std::vector<std::string>& args) {
  for (const TrackingFamily& family : kFamilies) {
    if (command == family.name) return family.run(context, args);
  }
  return tracking_cli::Usage(context, "unknown command " + command);
}

}  // namespace mea::meactl
