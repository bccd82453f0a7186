// meactl: the command-line client of mea.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/meactl/cli.h"
#include "clients/meactl/commands.h"
#include "clients/meactl/evaluate_command.h"

namespace {

void PrintHelp(std::ostream& out) {
  out << "meactl: the command-line client of mea (Nye metoder: midlertidig\n"
         "innføring, oppfølging og alternative prisavtaler)\n\n"
         "usage: meactl [--server HOST:PORT] [--output table|json] COMMAND "
         "...\n\n"
         "  evaluate FILE|-        settle an evaluation input locally "
         "(oppgjør), no server\n";
  mea::meactl::PrintTrackingHelp(out);
  mea::meactl::PrintAgreementHelp(out);
  out << "\nThe server defaults to $MEA_SERVER or 127.0.0.1:50051.\n"
         "Exit status: 0 ok, 1 refused or failed, 2 invalid input or "
         "usage.\n";
}

}  // namespace

int main(int argc, char** argv) {
  mea::meactl::Context context;
  context.in = &std::cin;
  context.out = &std::cout;
  context.err = &std::cerr;
  const char* server = std::getenv("MEA_SERVER");
  context.server = server != nullptr ? server : "127.0.0.1:50051";

  // Global flags come before the command.
  std::vector<std::string> words(argv + 1, argv + argc);
  size_t next = 0;
  while (next < words.size() && words[next].rfind("--", 0) == 0) {
    std::string flag = words[next];
    std::string value;
    size_t equals = flag.find('=');
    if (equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    } else if (flag != "--help" && next + 1 < words.size()) {
      value = words[++next];
    }
    ++next;
    if (flag == "--help") {
      PrintHelp(std::cout);
      return 0;
    } else if (flag == "--server") {
      context.server = value;
    } else if (flag == "--output") {
      context.output = value;
    } else {
      std::cerr << "meactl: unknown flag " << flag << "\n";
      return mea::meactl::kExitUsage;
    }
  }
  if (next >= words.size()) {
    PrintHelp(std::cerr);
    return mea::meactl::kExitUsage;
  }
  std::string command = words[next];
  std::vector<std::string> args(words.begin() + next + 1, words.end());
  if (context.output != "table" && context.output != "json") {
    std::cerr << "meactl: --output must be table or json\n";
    return mea::meactl::kExitUsage;
  }

  if (command == "help") {
    PrintHelp(std::cout);
    return 0;
  }
  if (command == "evaluate") {
    if (context.output == "json") args.push_back("--output=json");
    return mea::meactl::RunEvaluateCommand(args, std::cin, std::cout,
                                           std::cerr);
  }
  if (mea::meactl::IsTrackingCommand(command)) {
    return mea::meactl::RunTrackingCommand(context, command, args);
  }
  if (mea::meactl::IsAgreementCommand(command)) {
    return mea::meactl::RunAgreementCommand(context, command, args);
  }
  std::cerr << "meactl: unknown command " << command
            << " (see meactl --help)\n";
  return mea::meactl::kExitUsage;
}
