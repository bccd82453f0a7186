// meactl token new|hash: makes bearer tokens for the token file of
// `mead --tokens` (identity/token_file.h). Needs no server.
//
// `token new` writes the token itself only into a new file readable by its
// owner alone, and prints the token-file line (which holds just the hash):
// the secret never passes through the terminal, the command line or a log.
#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <ostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "clients/meactl/auth_cli.h"
#include "clients/meactl/tracking/cli.h"
#include "rules/civil_date.h"
#include "identity/token_file.h"

namespace mea::meactl {
namespace {

using tracking_cli::ParseCommand;
using tracking_cli::RejectUnknownFlags;
using tracking_cli::Usage;

constexpr char kNewUsage[] =
    "meactl token new --name N --organisation O --role "
    "SECRETARIAT|PROCUREMENT|FORUM_MEMBER|SUPPLIER|REGISTRY "
    "[--valid_until YYYY-MM-DD] --token_out FILE";

std::optional<std::string> RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return std::nullopt;
  return "mea_" + absl::BytesToHexString(absl::string_view(
                      reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

// Creates `path` (which must not exist) with mode 0600 holding `token`.
bool WriteSecret(const Context& context, const std::string& path,
                 const std::string& token) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    *context.err << "meactl: cannot create " << path
                 << " (it must not exist yet)\n";
    return false;
  }
  std::string text = token + "\n";
  bool written =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  written = close(fd) == 0 && written;
  if (!written) *context.err << "meactl: cannot write " << path << "\n";
  return written;
}

// The principal and validity from the flags; nullopt after printing.
std::optional<identity::Principal> PrincipalFromArgs(const Context& context,
                                                 const Args& args) {
  std::optional<identity::Role> role = identity::ParseTokenRole(args.Get("role"));
  if (!role.has_value()) {
    Usage(context, std::string("--role is required; usage: ") + kNewUsage);
    return std::nullopt;
  }
  identity::Principal principal{args.Get("name"), args.Get("organisation"), *role,
                            ""};
  if (principal.name.empty() ||
      principal.name.find('\t') != std::string::npos ||
      principal.organisation.find('\t') != std::string::npos) {
    Usage(context, "--name is required; name and organisation hold no TAB");
    return std::nullopt;
  }
  if (principal.organisation.empty() &&
      (*role == identity::Role::kSupplier || *role == identity::Role::kRegistry)) {
    Usage(context, "a SUPPLIER or REGISTRY needs --organisation");
    return std::nullopt;
  }
  return principal;
}

int New(Context& context, const std::vector<std::string>& words) {
  std::optional<Args> args = ParseCommand(context, words, 0, kNewUsage);
  if (!args.has_value()) return kExitUsage;
  std::optional<identity::Principal> principal = PrincipalFromArgs(context, *args);
  if (!principal.has_value()) return kExitUsage;
  std::optional<absl::CivilDay> valid_until;
  if (args->Has("valid_until")) {
    absl::StatusOr<absl::CivilDay> day =
        rules::ParseDate(args->Get("valid_until"));
    if (!day.ok()) {
      return Usage(context, std::string("--valid_until: ") +
                                std::string(day.status().message()));
    }
    valid_until = *day;
  }
  const std::string out = args->Get("token_out");
  if (!RejectUnknownFlags(context, *args, kNewUsage)) return kExitUsage;
  if (out.empty()) {
    return Usage(context,
                 std::string("--token_out is required; usage: ") + kNewUsage);
  }
  std::optional<std::string> token = RandomToken();
  if (!token.has_value()) {
    *context.err << "meactl: no randomness available for a token\n";
    return kExitFailed;
  }
  if (!WriteSecret(context, out, *token)) return kExitFailed;
  *context.out << identity::FormatTokenLine(identity::HashToken(*token), *principal,
                                        valid_until)
               << "\n";
  return kExitOk;
}

int Hash(Context& context, const std::vector<std::string>& words) {
  const char usage[] = "meactl token hash < TOKEN-FILE";
  std::optional<Args> args = ParseCommand(context, words, 0, usage);
  if (!args.has_value() || !RejectUnknownFlags(context, *args, usage)) {
    return kExitUsage;
  }
  std::stringstream buffer;
  buffer << context.in->rdbuf();
  std::string token(absl::StripAsciiWhitespace(buffer.str()));
  if (token.empty()) return Usage(context, "no token on stdin");
  *context.out << identity::HashHex(identity::HashToken(token)) << "\n";
  return kExitOk;
}

}  // namespace

int RunTokenCommand(Context& context, const std::vector<std::string>& args) {
  const std::vector<std::string> rest =
      args.empty() ? args
                   : std::vector<std::string>(args.begin() + 1, args.end());
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "new") return New(context, rest);
  if (sub == "hash") return Hash(context, rest);
  return Usage(context, "usage: meactl token new|hash ...");
}

}  // namespace mea::meactl
