// meactl: the command-line client of mea.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/meactl/auth_cli.h"
#include "clients/meactl/cli.h"
#include "clients/meactl/commands.h"
#include "clients/meactl/evaluate_command.h"
#include "clients/meactl/export_command.h"

namespace {

void PrintHelp(std::ostream& out) {
  out << "meactl: the command-line client of mea (Nye metoder: midlertidig\n"
         "innføring, oppfølging og alternative prisavtaler)\n\n"
         "usage: meactl [--server HOST:PORT] [--output table|json|csv]\n"
         "              [--token_file FILE] [--tls_ca FILE [--tls_cert FILE "
         "--tls_key FILE]]\n"
         "              COMMAND ...\n\n"
         "  evaluate FILE|-        settle an evaluation input locally "
         "(oppgjør), no server\n";
  mea::meactl::PrintTrackingHelp(out);
  mea::meactl::PrintAgreementHelp(out);
  mea::meactl::PrintAuthHelp(out);
  mea::meactl::PrintAdminHelp(out);
  mea::meactl::PrintExportHelp(out);
  out << "\n--output csv prints lists, and the settlement of evaluate, as "
         "CSV (RFC 4180)\non stdout; other text goes to stderr.\n"
         "The server defaults to $MEA_SERVER or 127.0.0.1:50051.\n"
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
  mea::meactl::CredentialFlags credentials;
  std::vector<std::string> words(argv + 1, argv + argc);
  size_t next = 0;
  while (next < words.size() && words[next].rfind("--", 0) == 0) {
    std::string flag = words[next];
    std::string value;
    size_t equals = flag.find('=');
    if (equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    }
    if (!mea::meactl::CheckFlagSpelling(flag.substr(2), std::cerr)) {
      return mea::meactl::kExitUsage;
    }
    if (equals == std::string::npos && flag != "--help" &&
        next + 1 < words.size()) {
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
    } else if (flag == "--token_file") {
      credentials.token_file = value;
    } else if (flag == "--tls_ca") {
      credentials.tls_ca = value;
    } else if (flag == "--tls_cert") {
      credentials.tls_cert = value;
    } else if (flag == "--tls_key") {
      credentials.tls_key = value;
    } else if (flag == "--token") {
      // Never echo the value: it may be the secret itself.
      std::cerr << "meactl: a token is never given on the command line "
                   "(ps and shell history show it); set MEA_TOKEN or use "
                   "--token_file FILE\n";
      return mea::meactl::kExitUsage;
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
  if (context.output != "table" && context.output != "json" &&
      context.output != "csv") {
    std::cerr << "meactl: --output must be table, json or csv\n";
    return mea::meactl::kExitUsage;
  }
  if (context.csv()) {
    context.table_out = &std::cout;
    context.out = &std::cerr;
  }

  if (command == "help") {
    PrintHelp(std::cout);
    return 0;
  }
  // Commands that call no server read no token or TLS files: a missing
  // $MEA_TOKEN_FILE is no reason to refuse them.
  if (command == "token") {
    return mea::meactl::RunTokenCommand(context, args);
  }
  if (command == "evaluate") {
    if (context.output != "table") args.push_back("--output=" + context.output);
    return mea::meactl::RunEvaluateCommand(args, std::cin, std::cout,
                                           std::cerr);
  }
  if (!mea::meactl::LoadCredentials(credentials, context)) {
    return mea::meactl::kExitUsage;
  }
  if (command == "audit") {
    return mea::meactl::RunAuditCommand(context, args);
  }
  if (command == "backup") {
    return mea::meactl::RunBackupCommand(context, args);
  }
  if (command == "export") {
    return mea::meactl::RunExportCommand(context, args);
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
