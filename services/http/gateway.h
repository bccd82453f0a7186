// mead's HTTP/JSON door beside gRPC (cpp-httplib), on its own thread:
//
//   /v1/...                         the RPCs, routed by their google.api.http
//                                   annotations (services/http/api.h)
//   /v1/calendar/...ics             deadline feeds (services/http/calendar.h)
//   /v1/exports/...csv|xlsx         spreadsheets (services/http/exports.h)
//   everything else (GET)           the web app's files, when a web root is
//                                   given (services/http/static.h)
//
// Before any route, the door refuses requests for another host, changes
// from another origin and bodies that are not JSON (services/http/door.h).
// Every call goes through the gRPC services on `channel` (the server's
// in-process channel) with the request's Authorization header and the
// client's address (services/http/client_address.h) as metadata: the same
// validation, authentication, authorization, redaction and audit as a gRPC
// client gets. Every response carries Content-Security-Policy (self only),
// X-Content-Type-Options: nosniff, X-Frame-Options: DENY and
// Referrer-Policy: no-referrer; over HTTPS also Strict-Transport-Security.
// A method a known path does not take (OPTIONS, BREW, ...) is 405 with
// Allow; an unknown method on an unknown path is 501.
// docs/http-api.md describes the routes for clients.
#ifndef MEA_SERVICES_HTTP_GATEWAY_H_
#define MEA_SERVICES_HTTP_GATEWAY_H_

#include <grpcpp/channel.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "services/http/client_address.h"
#include "services/http/door.h"
#include "services/http/exchange.h"
#include "services/http/routes.h"
#include "services/http/static.h"

namespace mea::services::http {

// The same rules as mead's gRPC port (docs/security.md): HTTPS when the
// certificate and key are given (with a client CA, client certificates are
// required); plain HTTP, and development mode, on a loopback address only.
struct GatewayOptions {
  // host:port; port 0 picks a free one (see HttpGateway::port()).
  std::string listen_address;
  // Folder of the web app's files; empty: no files, only the API.
  std::string web_root;
  // PEM files, as for gRPC.
  std::string tls_cert_path;
  std::string tls_key_path;
  std::string tls_client_ca_path;
  // mead without --tokens: every caller may do everything.
  bool development_mode = true;
  // Further names the door answers for (--http_allowed_hosts: "name" or
  // "name:port"; services/http/door.h).
  std::vector<std::string> allowed_hosts;
  // Reverse proxies whose X-Forwarded-For is believed
  // (--http_trusted_proxy; services/http/client_address.h).
  std::vector<std::string> trusted_proxies;
  // Serve the web app's source maps (*.map); off: they are 404.
  bool serve_source_maps = false;
};

// Thread safety: Start, Stop and the destructor belong to the owner's
// thread. Requests are served concurrently on httplib's worker threads; they
// read only what Start fixed (the route table, the door's rules, the trusted
// proxies, the web root) and share the channel and the clock, which are
// thread-safe. Stop waits for the requests in progress to finish.
class HttpGateway {
 public:
  // Builds the route table from the TrackingService and AgreementService
  // annotations, binds the address and starts serving. FAILED_PRECONDITION
  // when the address breaks the rules above. `clock` (today, for
  // the calendar window and DTSTAMP) must outlive the gateway.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Start(
      const GatewayOptions& options, std::shared_ptr<grpc::Channel> channel,
      const Clock* clock);
  ~HttpGateway();

  int port() const { return port_; }

  // Stops accepting connections and waits for the serving thread. Safe to
  // call more than once.
  void Stop();

 private:
  HttpGateway() = default;
  // What a route does once the door has let the request in: OK when it
  // has written its answer, else the error Guarded writes
  // (services/http/exchange.h).
  using Handler = std::function<absl::Status(const Exchange& exchange)>;
  // `handler` behind the door's rules, with the metadata its calls carry
  // (Authorization, client address) and its error written: the one
  // preamble and epilogue every route shares.
  httplib::Server::Handler Guarded(Handler handler) const;
  // The methods `raw_path` takes ("GET, HEAD"), "" for an unknown path.
  std::string AllowedMethods(const std::string& raw_path) const;
  // 405 with Allow for a known path, else 404 (501 for `unknown_method`).
  void WriteMethodNotAllowed(const httplib::Request& request,
                             httplib::Response& response,
                             bool unknown_method) const;
  void RegisterHandlers();
  // Runs the bound server on thread_.
  absl::Status Serve();

  bool https_ = false;
  DoorRules door_;
  TrustedProxies trusted_proxies_;
  std::shared_ptr<grpc::Channel> channel_;
  const Clock* clock_ = nullptr;
  RouteTable routes_;
  std::optional<StaticFiles> static_files_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_GATEWAY_H_
