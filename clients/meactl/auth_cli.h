// meactl's side of docs/security.md: where the caller's credentials come
// from, and the `audit` and `token` commands.
//
// The bearer token comes from $MEA_TOKEN, else from the file named by
// --token_file or $MEA_TOKEN_FILE. Never from a command-line argument: those
// are visible to every user in `ps` and end up in shell history.
// TLS (clients/meactl/transport.h): plain TCP only to a loopback server;
// to any other, TLS with the system's CA certificates, or with the one CA
// of --tls_ca FILE (or $MEA_TLS_CA); --tls_cert/--tls_key (or
// $MEA_TLS_CERT/$MEA_TLS_KEY) present a client certificate to a server that
// requires one.
#ifndef MEA_CLIENTS_MEACTL_AUTH_CLI_H_
#define MEA_CLIENTS_MEACTL_AUTH_CLI_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "clients/meactl/cli.h"

namespace mea::meactl {

// The global flags that name credential files (empty: not given).
struct CredentialFlags {
  std::string token_file;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
};

// Fills context.token and the TLS PEMs from the flags and the environment,
// for context.server (set before). On a problem prints it and returns
// false, before any connection is made.
bool LoadCredentials(const CredentialFlags& flags, Context& context);

// meactl audit list|verify (audit_commands.cc).
int RunAuditCommand(Context& context, const std::vector<std::string>& args);
// meactl token new|hash (token_commands.cc); needs no server.
int RunTokenCommand(Context& context, const std::vector<std::string>& args);
void PrintAuthHelp(std::ostream& out);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_AUTH_CLI_H_
