// What every meactl command shares: where the server is, how to print, how
// to read flags, and how to report a failed call.
//
// Exit status: 0 success, 1 the server refused or failed the call, 2 bad
// input or usage (invalid file, unknown flag, INVALID_ARGUMENT).
#ifndef MEA_CLIENTS_MEACTL_CLI_H_
#define MEA_CLIENTS_MEACTL_CLI_H_

#include <grpcpp/grpcpp.h>

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/message.h"

namespace mea::meactl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// meactl's flags are spelt with underscores, like mead's (Abseil's):
// --page_size, --tls_cert. A hyphenated spelling (--page-size) is refused
// rather than taken for it. For a flag `name` (without the leading dashes)
// that holds a hyphen, prints that, with the underscore form as hint, and
// returns false.
bool CheckFlagSpelling(const std::string& name, std::ostream& err);

// Parsed command line of one command: positional words and --flags.
// "--name=value" and "--name value" are both accepted; a flag listed in
// `boolean_flags` takes no value; a hyphenated flag is refused
// (CheckFlagSpelling).
class Args {
 public:
  static std::optional<Args> Parse(
      const std::vector<std::string>& words,
      const std::vector<std::string>& boolean_flags, std::ostream& err);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& flag) const { return flags_.count(flag) > 0; }
  std::string Get(const std::string& flag,
                  const std::string& fallback = "") const;
  // Flags the command did not ask about; call last to reject typos.
  std::vector<std::string> Unused() const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> flags_;
  mutable std::map<std::string, bool> used_;
};

struct Context {
  // --server, else $MEA_SERVER, else 127.0.0.1:50051.
  std::string server;
  // --output: "table" (default), "json" or "csv".
  std::string output = "table";
  std::istream* in;
  std::ostream* out;
  std::ostream* err;
  // Where PrintTable writes; nullptr: `out`. With --output csv, main points
  // this at stdout and `out` at stderr, so that stdout carries nothing but
  // the CSV (counts and paging hints go to stderr).
  std::ostream* table_out = nullptr;
  // The bearer token sent with every call (empty: none, the public view);
  // see auth_cli.h for where it comes from.
  std::string token;
  // PEM texts: the CAs trusted for the server's certificate (the --tls_ca
  // file or the system's, see transport.h; TLS when set), and an optional
  // client certificate with its key.
  std::string tls_ca_pem;
  std::string tls_cert_pem;
  std::string tls_key_pem;

  // TLS when tls_ca_pem is set; else plain TCP if the server is a loopback
  // address, and TLS with gRPC's default roots if not: never plain TCP
  // beyond this machine, even when LoadCredentials was not called.
  std::shared_ptr<grpc::Channel> Channel() const;
  // A client context with a deadline of 30 s, carrying the token as
  // "authorization: Bearer <token>".
  std::unique_ptr<grpc::ClientContext> NewCallContext() const;
  bool json() const { return output == "json"; }
  bool csv() const { return output == "csv"; }
};

// Prints "meactl: CODE: message" and every field violation on stderr.
// Returns kExitUsage for INVALID_ARGUMENT, kExitFailed otherwise.
int ReportError(const Context& context, const grpc::Status& status);

// Prints `message` as JSON with proto field names, zeros included.
void PrintJson(const Context& context,
               const google::protobuf::Message& message);

// Parses JSON (proto field names or lowerCamelCase) into `message`; on
// failure prints the reason and returns false.
bool ParseJson(const Context& context, const std::string& json,
               google::protobuf::Message* message);

// Reads a whole file, or stdin for "-"; on failure prints and returns
// nullopt.
std::optional<std::string> ReadInput(const Context& context,
                                     const std::string& path);

// Prints rows as an aligned text table with a header row; with --output
// csv as RFC 4180 CSV instead (export/csv.h), header first.
void PrintTable(const Context& context, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_CLI_H_
