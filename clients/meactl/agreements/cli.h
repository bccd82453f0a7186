// Internal to meactl: the agreement command families and what they share.
// Dispatch and help are in agreement_commands.cc.
#ifndef MEA_CLIENTS_MEACTL_AGREEMENTS_CLI_H_
#define MEA_CLIENTS_MEACTL_AGREEMENTS_CLI_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/meactl/cli.h"
#include "google/protobuf/message.h"
#include "mea/v1/agreements.grpc.pb.h"

namespace mea::meactl::agreement_cli {

// agreements create|get|list|update|activate|terminate|expire
// (agreement_crud_commands.cc).
int RunAgreements(Context& context, const std::vector<std::string>& args);
// results upload (results_upload_command.cc).
int RunResults(Context& context, const std::vector<std::string>& args);
// settle, settlements list|get (agreement_settle_commands.cc).
int RunSettle(Context& context, const std::vector<std::string>& args);
int RunSettlements(Context& context, const std::vector<std::string>& args);
// simulate, compare (agreement_simulate_commands.cc).
int RunSimulate(Context& context, const std::vector<std::string>& args);
int RunCompare(Context& context, const std::vector<std::string>& args);

// Parses the words of a command; prints the problem and returns nullopt.
std::optional<Args> ParseArgs(const Context& context,
                              const std::vector<std::string>& words,
                              const std::vector<std::string>& boolean_flags);

// Prints "meactl: MESSAGE" and returns kExitUsage.
int Usage(const Context& context, const std::string& message);

// False (after printing them) when the command was given flags it does not
// know.
bool NoUnknownFlags(const Context& context, const Args& args);

// Reads FILE ("-": stdin) as JSON into `message`; prints why not.
bool ReadJsonFile(const Context& context, const std::string& path,
                  google::protobuf::Message* message);

std::unique_ptr<v1::AgreementService::Stub> Stub(const Context& context);

}  // namespace mea::meactl::agreement_cli

#endif  // MEA_CLIENTS_MEACTL_AGREEMENTS_CLI_H_
