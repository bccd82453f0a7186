// A real mead for HTTP tests: MeaServer with its HTTP gateway on a free
// loopback port, a fresh SQLite file, a fixed today and a web root with a
// few files (and the source map app.js.map); a real HTTP client (cpp-httplib)
// to talk to it. Seed() fills it through the HTTP API the way a web client
// would.
#ifndef MEA_TESTS_HTTP_HTTP_FIXTURE_H_
#define MEA_TESTS_HTTP_HTTP_FIXTURE_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "common/clock.h"
#include "services/server/server.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {

inline constexpr char kMethodId[] = "ID2025_017";
inline constexpr char kAgreementId[] = "SI-2025-0042";
inline constexpr char kRegistry[] = "Kreftregisteret";
inline constexpr char kSupplier[] = "Bayer AS";

struct HttpAnswer {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  std::string Header(const std::string& name) const;
};

// The parts of a JSON error body ({"error": {...}}).
struct ErrorBody {
  int code = 0;
  std::string status;
  std::string message;
  // (field, description) of the BadRequest detail.
  std::vector<std::pair<std::string, std::string>> violations;
  bool HasViolation(const std::string& field) const;
};
ErrorBody ParseError(const std::string& body);

// Parses JSON into `message`; fails the test when it does not fit.
void ParseInto(const std::string& json, google::protobuf::Message* message);

// Sends `request` (the raw bytes of one HTTP/1.1 request; give
// "Connection: close") to 127.0.0.1:`port` over a plain TCP socket and
// reads the answer to the end: for what an HTTP client library will not
// send (a forged Host, methods such as BREW).
HttpAnswer RawHttp(int port, const std::string& request);

// Runs tests/http/`script` (a Python reader built on an independent
// library) on `file` and parses each line it prints as JSON.
std::vector<google::protobuf::Value> ReadWithPython(const std::string& script,
                                                    const std::string& file);

class HttpServer {
 public:
  struct Options {
    // mead --tokens; empty: development mode.
    std::string tokens_path;
    // HTTPS with these PEM files.
    std::string tls_cert_path;
    std::string tls_key_path;
    // mead --http_allowed_hosts, --http_trusted_proxy,
    // --http_serve_source_maps.
    std::vector<std::string> allowed_hosts;
    std::vector<std::string> trusted_proxies;
    bool serve_source_maps = false;
  };
  HttpServer() : HttpServer(Options{}) {}
  explicit HttpServer(const Options& options);

  services::MeaServer& server() { return *server_; }
  std::string grpc_address() const { return server_->address(); }
  int http_port() const { return server_->http_port(); }
  std::string base_url() const;
  const std::string& web_root() const { return web_root_; }
  TempDir& folder() { return folder_; }
  absl::CivilDay today() const { return today_; }

  HttpAnswer Send(const std::string& method, const std::string& path,
                  const std::string& body = "",
                  const httplib::Headers& headers = {});
  HttpAnswer Get(const std::string& path,
                 const httplib::Headers& headers = {}) {
    return Send("GET", path, "", headers);
  }
  HttpAnswer Post(const std::string& path, const std::string& body,
                  const httplib::Headers& headers = {}) {
    return Send("POST", path, body, headers);
  }

  // Through HTTP: method kMethodId with a temporary introduction (data
  // obligations of Kreftregisteret and Bayer AS, a reassessment), agreement
  // kAgreementId (ACTIVE, flat discount and an outcome guarantee that is
  // not met), one results batch and settlement number 1. Fails the test on
  // any error. With tokens, `tracking` (the secretariat's Authorization)
  // records the case and `agreements` (procurement's) the agreement.
  void Seed(const httplib::Headers& tracking = {},
            const httplib::Headers& agreements = {});
  int64_t decision_id() const { return decision_id_; }
  int64_t registry_obligation_id() const { return registry_obligation_; }
  int64_t supplier_obligation_id() const { return supplier_obligation_; }

 private:
  TempDir folder_;
  absl::CivilDay today_;
  FixedClock clock_;
  std::string web_root_;
  std::unique_ptr<services::MeaServer> server_;
  std::unique_ptr<httplib::Client> client_;
  int64_t decision_id_ = 0;
  int64_t registry_obligation_ = 0;
  int64_t supplier_obligation_ = 0;
};

// JSON documents a client would send.
std::string MethodJson(const std::string& id);
std::string TemporaryDecisionJson(const std::string& method_id,
                                  absl::CivilDay today);
std::string AgreementJson(const std::string& id, const std::string& method_id,
                          absl::CivilDay today);
std::string BatchJson(const std::string& batch_id);

}  // namespace mea::testing

#endif  // MEA_TESTS_HTTP_HTTP_FIXTURE_H_
