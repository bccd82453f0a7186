#include "clients/meactl/auth_cli.h"

#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "clients/meactl/transport.h"

namespace mea::meactl {
namespace {

std::string Environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// The flag's value, else the environment variable's.
std::string FlagOrEnvironment(const std::string& flag, const char* variable) {
  return flag.empty() ? Environment(variable) : flag;
}

bool ReadPem(Context& context, const std::string& path, std::string& pem) {
  if (path.empty()) return true;
  std::optional<std::string> text = ReadInput(context, path);
  if (!text.has_value()) return false;
  pem = *text;
  return true;
}

// The CA certificates of `transport` into `pem`; false after saying why.
bool ReadRoots(Context& context, const Transport& transport, std::string& pem) {
  std::ifstream file(transport.roots_path, std::ios::binary);
  std::stringstream buffer;
  if (file) buffer << file.rdbuf();
  pem = buffer.str();
  if (absl::StrContains(pem, "-----BEGIN CERTIFICATE-----")) return true;
  if (transport.kind == TransportKind::kTlsPinnedCa) {
    *context.err << "meactl: --tls_ca " << transport.roots_path
                 << ": no PEM certificate could be read\n";
  } else {
    *context.err
        << "meactl: " << context.server
        << " is not a loopback address, so meactl uses TLS (a token is never "
           "sent in clear text beyond this machine), but no CA certificates "
           "could be read from "
        << transport.roots_path
        << "; install ca-certificates, set SSL_CERT_FILE, or give --tls_ca "
           "FILE\n";
  }
  return false;
}

// A token must be one word: a stray newline or space from an editor is
// trimmed, anything else is refused rather than sent.
bool SetToken(Context& context, std::string text, const std::string& from) {
  std::string token(absl::StripAsciiWhitespace(text));
  for (char c : token) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
      *context.err << "meactl: the token in " << from
                   << " must be one word without spaces\n";
      return false;
    }
  }
  context.token = token;
  return true;
}

}  // namespace

bool LoadCredentials(const CredentialFlags& flags, Context& context) {
  const std::string token = Environment("MEA_TOKEN");
  const std::string token_file =
      FlagOrEnvironment(flags.token_file, "MEA_TOKEN_FILE");
  if (!token.empty()) {
    if (!SetToken(context, token, "MEA_TOKEN")) return false;
  } else if (!token_file.empty()) {
    std::optional<std::string> text = ReadInput(context, token_file);
    if (!text.has_value() || !SetToken(context, *text, token_file)) {
      return false;
    }
  }
  const std::string ca = FlagOrEnvironment(flags.tls_ca, "MEA_TLS_CA");
  const std::string cert = FlagOrEnvironment(flags.tls_cert, "MEA_TLS_CERT");
  const std::string key = FlagOrEnvironment(flags.tls_key, "MEA_TLS_KEY");
  if (cert.empty() != key.empty()) {
    *context.err << "meactl: --tls_cert and --tls_key go together\n";
    return false;
  }
  absl::StatusOr<Transport> transport =
      ChooseTransport(context.server, ca, SystemRootsPath(), !cert.empty());
  if (!transport.ok()) {
    *context.err << "meactl: " << transport.status().message() << "\n";
    return false;
  }
  if (transport->kind != TransportKind::kPlaintext &&
      !ReadRoots(context, *transport, context.tls_ca_pem)) {
    return false;
  }
  return ReadPem(context, cert, context.tls_cert_pem) &&
         ReadPem(context, key, context.tls_key_pem);
}

void PrintAuthHelp(std::ostream& out) {
  out << "\nRevisjonsspor (audit trail) and tokens:\n"
         "  audit list [--resource R] [--principal P] [--page_size N]\n"
         "             [--page_token T] [--all]\n"
         "                         who changed what, oldest first\n"
         "  audit verify [--anchor SEQ:HASH]\n"
         "                         recompute the hash chain; names the first\n"
         "                         broken entry (exit 1 when broken)\n"
         "  token new --name N --organisation O --role ROLE\n"
         "            [--valid_until YYYY-MM-DD] --token_out FILE\n"
         "                         make a token: the token goes to FILE (mode\n"
         "                         0600), the token-file line to stdout\n"
         "  token hash             the SHA-256 of a token read from stdin\n"
         "\nCredentials: the token comes from $MEA_TOKEN, else the file of\n"
         "--token_file FILE or $MEA_TOKEN_FILE (never from the command line).\n"
         "TLS: to a loopback server (127.0.0.0/8, [::1], localhost) meactl\n"
         "uses plain TCP; to any other it uses TLS with the system's CA\n"
         "certificates ($SSL_CERT_FILE, else "
         "/etc/ssl/certs/ca-certificates.crt),\n"
         "or with the one CA of --tls_ca FILE ($MEA_TLS_CA), which also turns\n"
         "TLS on for loopback. A client certificate: --tls_cert FILE\n"
         "--tls_key FILE ($MEA_TLS_CERT, $MEA_TLS_KEY).\n";
}

}  // namespace mea::meactl
