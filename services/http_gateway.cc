#include "services/http_gateway.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"
#include "services/auth/server_security.h"
#include "services/http_api.h"
#include "services/http_calendar.h"
#include "services/http_exchange.h"
#include "services/http_exports.h"

namespace mea::services::http {
namespace {

// As large as the gRPC server accepts (a results batch of ~100 000 rows).
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

std::vector<const google::protobuf::ServiceDescriptor*> Services() {
  return {
      v1::Method::descriptor()->file()->FindServiceByName("TrackingService"),
      v1::Agreement::descriptor()->file()->FindServiceByName(
          "AgreementService")};
}

struct HostPort {
  std::string host;
  int port = 0;
};

absl::StatusOr<HostPort> ParseListenAddress(const std::string& address) {
  size_t colon = address.rfind(':');
  HostPort parsed;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &parsed.port) ||
      parsed.port < 0 || parsed.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "HTTP listen address must be host:port, got \"", address, "\""));
  }
  parsed.host = address.substr(0, colon);
  // "[::1]:8080": the brackets belong to the URL form only.
  if (parsed.host.size() > 2 && parsed.host.front() == '[' &&
      parsed.host.back() == ']') {
    parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  }
  return parsed;
}

void AddSecurityHeaders(const httplib::Request&, httplib::Response& response) {
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
}

// httplib's own refusals (a malformed request, an oversized body, no
// handler for the method) get the same JSON error body as the API's.
void FillEmptyError(const httplib::Request& request,
                    httplib::Response& response) {
  if (!response.body.empty()) return;
  absl::StatusCode code = absl::StatusCode::kUnknown;
  if (response.status == 404) code = absl::StatusCode::kNotFound;
  if (response.status == 400) code = absl::StatusCode::kInvalidArgument;
  if (response.status == 413) code = absl::StatusCode::kResourceExhausted;
  WriteErrorWithCode(
      response,
      absl::Status(code, absl::StrCat("HTTP ", response.status, " for ",
                                      request.method, " ", request.path)),
      response.status);
}

absl::Status CheckExposure(const GatewayOptions& options) {
  if (auth::IsLoopbackAddress(options.listen_address)) {
    return absl::OkStatus();
  }
  if (options.development_mode) {
    return absl::FailedPreconditionError(absl::StrCat(
        "without --tokens (development mode) HTTP only listens on a loopback "
        "address, not ",
        options.listen_address));
  }
  if (options.tls_cert_path.empty() || options.tls_key_path.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plain HTTP only listens on a loopback address; give --tls-cert and "
        "--tls-key for HTTPS on ",
        options.listen_address));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<httplib::Server>> NewServer(
    const GatewayOptions& options) {
  if (options.tls_cert_path.empty() || options.tls_key_path.empty()) {
    return std::make_unique<httplib::Server>();
  }
  auto server = std::make_unique<httplib::SSLServer>(
      options.tls_cert_path.c_str(), options.tls_key_path.c_str(),
      options.tls_client_ca_path.empty() ? nullptr
                                         : options.tls_client_ca_path.c_str());
  if (!server->is_valid()) {
    return absl::InvalidArgumentError(
        "cannot use the TLS certificate, key or client CA for HTTPS");
  }
  return server;
}

// The bound port, or -1.
int Bind(httplib::Server& server, const HostPort& address) {
  if (address.port == 0) return server.bind_to_any_port(address.host);
  return server.bind_to_port(address.host, address.port) ? address.port : -1;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Start(
    const GatewayOptions& options, std::shared_ptr<grpc::Channel> channel,
    const Clock* clock) {
  absl::StatusOr<HostPort> address = ParseListenAddress(options.listen_address);
  if (!address.ok()) return address.status();
  if (absl::Status exposure = CheckExposure(options); !exposure.ok()) {
    return exposure;
  }
  absl::StatusOr<RouteTable> routes = RouteTable::Build(Services());
  if (!routes.ok()) return routes.status();

  std::unique_ptr<HttpGateway> gateway(new HttpGateway());
  gateway->channel_ = std::move(channel);
  gateway->clock_ = clock;
  gateway->routes_ = *std::move(routes);
  if (!options.web_root.empty()) {
    absl::StatusOr<StaticFiles> files = StaticFiles::Open(options.web_root);
    if (!files.ok()) return files.status();
    gateway->static_files_ = *std::move(files);
  }
  absl::StatusOr<std::unique_ptr<httplib::Server>> server_made =
      NewServer(options);
  if (!server_made.ok()) return server_made.status();
  gateway->server_ = *std::move(server_made);
  gateway->RegisterHandlers();

  gateway->port_ = Bind(*gateway->server_, *address);
  if (gateway->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for HTTP on ", options.listen_address));
  }
  if (absl::Status serving = gateway->Serve(); !serving.ok()) return serving;
  return gateway;
}

absl::Status HttpGateway::Serve() {
  httplib::Server& server = *server_;
  thread_ = std::thread([&server] { server.listen_after_bind(); });
  // Until the thread runs, stop() would not reach it: wait, so that a
  // gateway stopped right after Start still ends.
  for (int waited = 0; !server.is_running(); ++waited) {
    if (waited == 5000) {
      return absl::UnavailableError("the HTTP server did not start");
    }
    absl::SleepFor(absl::Milliseconds(1));
  }
  return absl::OkStatus();
}

HttpGateway::~HttpGateway() { Stop(); }

void HttpGateway::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

void HttpGateway::RegisterHandlers() {
  httplib::Server& server = *server_;
  server.set_payload_max_length(kMaxBodyBytes);
  server.set_post_routing_handler(AddSecurityHeaders);
  server.set_error_handler(FillEmptyError);

  server.Get(
      R"(/v1/calendar/secretariat\.ics)",
      [this](const httplib::Request& request, httplib::Response& response) {
        HandleCalendar(channel_, *clock_, "", request, response);
      });
  server.Get(
      R"(/v1/calendar/organisations/([^/]+)\.ics)",
      [this](const httplib::Request& request, httplib::Response& response) {
        HandleCalendar(channel_, *clock_, request.matches[1], request,
                       response);
      });
  server.Get(
      R"(/v1/exports/dueItems\.(csv|xlsx))",
      [this](const httplib::Request& request, httplib::Response& response) {
        HandleDueExport(channel_, request.matches[1], request, response);
      });
  server.Get(
      R"(/v1/exports/agreements/([^/]+)/settlements/([^/]+)\.(csv|xlsx))",
      [this](const httplib::Request& request, httplib::Response& response) {
        HandleSettlementExport(channel_, request.matches[1], request.matches[2],
                               request.matches[3], request, response);
      });

  auto api = [this](const httplib::Request& request,
                    httplib::Response& response) {
    HandleApiCall(routes_, channel_, request, response);
  };
  server.Get(R"(/v1/.*)", api);
  server.Post(R"(/v1/.*)", api);
  server.Patch(R"(/v1/.*)", api);
  server.Put(R"(/v1/.*)", api);
  server.Delete(R"(/v1/.*)", api);

  server.Get(R"(/.*)", [this](const httplib::Request& request,
                              httplib::Response& response) {
    if (!static_files_.has_value()) {
      WriteError(response, absl::NotFoundError("no web root is configured"));
      return;
    }
    static_files_->Serve(request, response);
  });
}

}  // namespace mea::services::http
