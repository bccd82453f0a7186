// mead: the mea server. Serves the gRPC API on --listen (and HTTP/JSON on
// --http_listen) with the SQLite database at --db; SIGTERM or SIGINT shuts
// it down gracefully.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/server/private_files.h"
#include "services/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve gRPC on (port 0 picks a free port)");
ABSL_FLAG(std::string, db, "data/mea.db", "SQLite database file");
ABSL_FLAG(bool, demo, false,
          "load the demo dataset (dates relative to today) into an empty "
          "database");
ABSL_FLAG(std::string, tls_cert, "",
          "TLS certificate chain (PEM); with --tls_key turns on TLS, which "
          "is required unless --listen is a loopback address");
ABSL_FLAG(std::string, tls_key, "", "TLS private key (PEM)");
ABSL_FLAG(std::string, tls_client_ca, "",
          "with TLS: require client certificates signed by this CA (PEM)");
ABSL_FLAG(std::string, tokens, "",
          "token file (docs/security.md): bearer tokens' SHA-256 with their "
          "principal and role; without it mead runs in development mode, "
          "loopback only, where every caller may do everything");
ABSL_FLAG(std::string, audit_key_file, "",
          "key of the audit trail (revisjonsspor, docs/security.md): entries "
          "are HMAC-SHA256 under it, so that whoever can write the database "
          "but not read the key cannot rewrite them unnoticed; empty: plain "
          "SHA-256 chain");
ABSL_FLAG(std::string, http_listen, "",
          "host:port to serve HTTP/JSON, the calendar feeds, exports and the "
          "web app on (docs/http-api.md); empty: no HTTP");
ABSL_FLAG(std::vector<std::string>, http_allowed_hosts, {},
          "comma-separated host names (or name:port) the HTTP door answers "
          "for besides the address of --http_listen (and, on loopback, "
          "localhost, 127.0.0.1 and [::1]); a request naming another Host is "
          "refused (421), as are changes from other origins "
          "(docs/security.md)");
ABSL_FLAG(std::vector<std::string>, http_trusted_proxy, {},
          "comma-separated IP addresses of reverse proxies in front of the "
          "HTTP door; only from these is X-Forwarded-For believed for the "
          "client address that mead logs");
ABSL_FLAG(bool, http_serve_source_maps, false,
          "also serve the web app's source maps (*.map), for debugging; off, "
          "they are 404");
ABSL_FLAG(std::string, web_root, "",
          "folder of the web app's files served at / over HTTP; default "
          "clients/web/dist when that folder exists");
ABSL_FLAG(std::string, backup_dir, "",
          "folder that `meactl backup NAME` writes online backups into: "
          "mead's own, mode 0700, outside the web root (checked at start); "
          "empty: backups are off");
ABSL_FLAG(std::string, port_file, "",
          "once serving, write the gRPC port to this file (for scripts and "
          "tests that listen on port 0)");
ABSL_FLAG(std::string, today, "",
          "pretend today is this date (YYYY-MM-DD); for tests and demos");

namespace {

volatile std::sig_atomic_t stop_requested = 0;

void RequestStop(int) { stop_requested = 1; }

std::optional<absl::CivilDay> ParseToday(const std::string& text) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day) || absl::FormatCivilTime(day) != text) {
    return std::nullopt;
  }
  return day;
}

// --web_root, else the web app's build output when run from the checkout.
std::string WebRoot(const std::string& flag) {
  constexpr char kDefault[] = "clients/web/dist";
  if (!flag.empty()) return flag;
  std::error_code error;
  return std::filesystem::is_directory(kDefault, error) ? kDefault : "";
}

// Written to a temporary name and renamed, so that a reader polling for
// the file never sees it half written.
bool WritePortFile(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << port << "\n";
    if (!file.flush()) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

// mead's flags are Abseil's, spelt with underscores (--tls_cert), like
// meactl's. A hyphenated spelling (--tls-cert) is refused rather than taken
// for it, so that help, docs and scripts keep one spelling. Returns the
// first hyphenated flag of the command line (its name without dashes), or
// nullopt.
std::optional<std::string> HyphenatedFlag(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view word = argv[i];
    if (word == "--") break;
    if (word.size() < 2 || word[0] != '-') continue;
    absl::string_view name = word.substr(word[1] == '-' ? 2 : 1);
    const size_t equals = name.find('=');
    const bool has_value = equals != absl::string_view::npos;
    name = name.substr(0, equals);
    if (name.find('-') != absl::string_view::npos) return std::string(name);
    // "--db FILE": the next word is the flag's value, whatever it holds.
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (!has_value && flag != nullptr && !flag->IsOfType<bool>()) ++i;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything is opened: the database, its -wal and -shm, backups
  // and the port file hold or point at confidential data.
  mea::services::MakeNewFilesPrivate();
  absl::SetProgramUsageMessage(
      "mea server: decisions, follow-up plans (oppfølging), agreements and "
      "settlements over gRPC");
  if (std::optional<std::string> name = HyphenatedFlag(argc, argv)) {
    std::string underscored = *name;
    std::replace(underscored.begin(), underscored.end(), '-', '_');
    std::cerr << "mead: unknown flag --" << *name
              << ": mead's flags are spelt with underscores (--" << underscored
              << "; see mead --help)\n";
    return 2;
  }
  absl::ParseCommandLine(argc, argv);

  std::optional<mea::FixedClock> fixed_clock;
  const std::string today = absl::GetFlag(FLAGS_today);
  if (!today.empty()) {
    std::optional<absl::CivilDay> day = ParseToday(today);
    if (!day.has_value()) {
      std::cerr << "mead: --today: not a valid date (YYYY-MM-DD): " << today
                << "\n";
      return 2;
    }
    fixed_clock.emplace(*day);
  }

  mea::services::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.database_path = absl::GetFlag(FLAGS_db);
  options.load_demo = absl::GetFlag(FLAGS_demo);
  options.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.tls_client_ca_path = absl::GetFlag(FLAGS_tls_client_ca);
  options.tokens_path = absl::GetFlag(FLAGS_tokens);
  options.audit_key_path = absl::GetFlag(FLAGS_audit_key_file);
  options.clock = fixed_clock.has_value() ? &*fixed_clock : nullptr;
  options.http_listen = absl::GetFlag(FLAGS_http_listen);
  options.web_root = WebRoot(absl::GetFlag(FLAGS_web_root));
  options.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  options.http_allowed_hosts = absl::GetFlag(FLAGS_http_allowed_hosts);
  options.http_trusted_proxies = absl::GetFlag(FLAGS_http_trusted_proxy);
  options.http_serve_source_maps = absl::GetFlag(FLAGS_http_serve_source_maps);

  auto server = mea::services::MeaServer::Start(options);
  if (!server.ok()) {
    std::cerr << "mead: " << server.status() << "\n";
    return 1;
  }
  std::signal(SIGTERM, RequestStop);
  std::signal(SIGINT, RequestStop);
  // After the start, so that the -wal and -shm files exist: SQLite gives
  // them the database file's mode, not the umask.
  for (const std::string& warning :
       mea::services::OpenDatabaseFileWarnings(options.database_path)) {
    std::cerr << "mead: WARNING: " << warning << std::endl;
  }
  std::cerr << "mead: serving on " << (*server)->address() << " with "
            << options.database_path << std::endl;
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty() && !WritePortFile(port_file, (*server)->port())) {
    std::cerr << "mead: cannot write --port_file " << port_file << "\n";
    return 1;
  }
  if ((*server)->http_port() != 0) {
    std::cerr << "mead: HTTP on port " << (*server)->http_port();
    if (!options.web_root.empty()) {
      std::cerr << ", web app from " << options.web_root;
    }
    std::cerr << std::endl;
  }

  // gRPC's own threads serve calls; this one waits for a signal.
  while (!stop_requested) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "mead: shutting down" << std::endl;
  (*server)->Shutdown();
  (*server)->Wait();
  return 0;
}
