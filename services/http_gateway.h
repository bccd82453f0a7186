// mead's HTTP/JSON door beside gRPC (cpp-httplib), on its own thread:
//
//   /v1/...                         the RPCs, routed by their google.api.http
//                                   annotations (services/http_api.h)
//   /v1/calendar/...ics             deadline feeds (services/http_calendar.h)
//   /v1/exports/...csv|xlsx         spreadsheets (services/http_exports.h)
//   everything else (GET)           the web app's files, when a web root is
//                                   given (services/http_static.h)
//
// Every call goes through the gRPC services on `channel` (the server's
// in-process channel) with the request's Authorization header as
// metadata: the same validation, authentication, authorization, redaction
// and audit as a gRPC client gets. Every response carries
// Content-Security-Policy (self only), X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY and Referrer-Policy: no-referrer.
// docs/http-api.md describes the routes for clients.
#ifndef MEA_SERVICES_HTTP_GATEWAY_H_
#define MEA_SERVICES_HTTP_GATEWAY_H_

#include <grpcpp/channel.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/clock.h"
#include "services/http_routes.h"
#include "services/http_static.h"

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
};

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
  void RegisterHandlers();
  // Runs the bound server on thread_.
  absl::Status Serve();

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
