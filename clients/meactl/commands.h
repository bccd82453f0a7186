// The command families of meactl. Each returns the process exit status
// (see cli.h). `args` are the words after the command name.
#ifndef MEA_CLIENTS_MEACTL_COMMANDS_H_
#define MEA_CLIENTS_MEACTL_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/meactl/cli.h"

namespace mea::meactl {

// methods, decisions, obligations, reassessments, due, dossier
// (tracking_commands.cc).
int RunTrackingCommand(Context& context, const std::string& command,
                       const std::vector<std::string>& args);
bool IsTrackingCommand(const std::string& command);
void PrintTrackingHelp(std::ostream& out);

// agreements, results, settle, settlements, simulate, compare
// (agreement_commands.cc).
int RunAgreementCommand(Context& context, const std::string& command,
                        const std::vector<std::string>& args);
bool IsAgreementCommand(const std::string& command);
void PrintAgreementHelp(std::ostream& out);

// backup (admin_commands.cc).
int RunBackupCommand(Context& context, const std::vector<std::string>& args);
void PrintAdminHelp(std::ostream& out);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_COMMANDS_H_
