#ifndef MEA_CLIENTS_MEACTL_EVALUATE_COMMAND_H_
#define MEA_CLIENTS_MEACTL_EVALUATE_COMMAND_H_

// `meactl evaluate FILE [--output table|json|csv]`: settles an EvaluationInput
// JSON document (evaluation.md) locally, without a server, so that a
// procurement officer can see what a draft agreement would have cost.

#include <iosfwd>
#include <string>
#include <vector>

namespace mea::meactl {

// Runs the command. `args` are the words after `meactl evaluate`: FILE ("-"
// reads `in`), `--output table|json|csv` or `--output=table|json|csv`
// (default table), or `--help`.
//
// Returns the exit status of cli.h: kExitOk (0) when settled; kExitUsage (2)
// for invalid input, an unreadable file or wrong arguments.
//
// json: exactly the Settlement JSON of evaluation.md on `out`. table: a
// readable report on `out`. csv: the settlement table of export/tables.h as
// CSV (export/csv.h), the form `meactl export settlement` writes, without
// a settlement number or input digest (nothing was stored). Invalid input:
// every violation as "path: description", one per line, on `err`, and nothing
// on `out`.
int RunEvaluateCommand(const std::vector<std::string>& args, std::istream& in,
                       std::ostream& out, std::ostream& err);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_EVALUATE_COMMAND_H_
