// meactl export: the due list (frister) or one stored settlement (oppgjør)
// as a CSV or Excel (.xlsx) file, for finance and the secretariat. The data
// come over gRPC; the tables and files are made by the same export library
// as mead's HTTP exports (export/), so both give the same
// figures.
#ifndef MEA_CLIENTS_MEACTL_EXPORT_COMMAND_H_
#define MEA_CLIENTS_MEACTL_EXPORT_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "clients/meactl/cli.h"

namespace mea::meactl {

// `args` are the words after "export".
int RunExportCommand(Context& context, const std::vector<std::string>& args);
void PrintExportHelp(std::ostream& out);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_EXPORT_COMMAND_H_
