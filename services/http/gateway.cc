#include "services/http/gateway.h"

#include <httplib.h>

#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"
#include "services/auth/server_security.h"
#include "services/http/api.h"
#include "services/http/calendar.h"
#include "services/http/exchange.h"
#include "services/http/exports.h"
#include "services/http/routes.h"
#include "common/loopback.h"
#include "common/limits.h"

namespace mea::services::http {
namespace {

// As large as the gRPC server accepts (a results batch of ~100 000 rows).

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

// Requests whose method no route takes, as httplib reports them: it
// refuses a method it does not know (BREW) with 400 before any handler.
bool IsUnknownMethod(const std::string& method) {
  static const auto* const kKnown = new std::set<std::string>{
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  return !method.empty() && kKnown->count(method) == 0;
}

// The feeds and exports: GET (and HEAD) only.
constexpr char kSecretariatFeed[] = R"(/v1/calendar/secretariat\.ics)";
constexpr char kOrganisationFeed[] =
    R"(/v1/calendar/organisations/([^/]+)\.ics)";
constexpr char kDueExport[] = R"(/v1/exports/dueItems\.(csv|xlsx))";
constexpr char kSettlementExport[] =
    R"(/v1/exports/agreements/([^/]+)/settlements/([^/]+)\.(csv|xlsx))";

bool IsFeedOrExport(const std::string& path) {
  static const auto* const kPattern = new std::regex(
      absl::StrCat("(", kSecretariatFeed, ")|(", kOrganisationFeed, ")|(",
                   kDueExport, ")|(", kSettlementExport, ")"));
  return std::regex_match(path, *kPattern);
}

// httplib's own refusals (a malformed request, an oversized body) get the
// same JSON error body as the API's.
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
                                      request.method, " ", RawPathOf(request))),
      response.status);
}

absl::Status CheckExposure(const GatewayOptions& options) {
  if (IsLoopbackAddress(options.listen_address)) {
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
        "plain HTTP only listens on a loopback address; give --tls_cert and "
        "--tls_key for HTTPS on ",
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

  absl::StatusOr<TrustedProxies> proxies =
      TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies.ok()) return proxies.status();
  DoorOptions door;
  door.listen_host = address->host;
  door.port = address->port;
  door.https = !options.tls_cert_path.empty() && !options.tls_key_path.empty();
  door.allowed_hosts = options.allowed_hosts;
  // Checked before binding; made again with the bound port below.
  if (absl::Status rules = DoorRules::Make(door).status(); !rules.ok()) {
    return rules;
  }

  std::unique_ptr<HttpGateway> gateway(new HttpGateway());
  gateway->https_ = door.https;
  gateway->trusted_proxies_ = *std::move(proxies);
  gateway->channel_ = std::move(channel);
  gateway->clock_ = clock;
  gateway->routes_ = *std::move(routes);
  if (!options.web_root.empty()) {
    absl::StatusOr<StaticFiles> files =
        StaticFiles::Open(options.web_root, options.serve_source_maps);
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
  door.port = gateway->port_;
  absl::StatusOr<DoorRules> rules = DoorRules::Make(door);
  if (!rules.ok()) return rules.status();
  gateway->door_ = *std::move(rules);
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

httplib::Server::Handler HttpGateway::Guarded(Handler handler) const {
  return [this, handler = std::move(handler)](const httplib::Request& request,
                                              httplib::Response& response) {
    const bool via_proxy = trusted_proxies_.Contains(request.remote_addr);
    if (std::optional<Refusal> refusal = door_.Check(request, via_proxy)) {
      WriteErrorWithCode(response, refusal->status, refusal->http_status);
      return;
    }
    std::vector<std::string> forwarded_for;
    for (size_t i = 0; i < request.get_header_value_count("X-Forwarded-For");
         ++i) {
      forwarded_for.push_back(request.get_header_value("X-Forwarded-For", i));
    }
    absl::StatusOr<exports::Metadata> metadata = ForwardedMetadata(
        request, ClientAddress(request.remote_addr, request.remote_port,
                               forwarded_for, trusted_proxies_));
    if (!metadata.ok()) {
      WriteError(response, metadata.status());
      return;
    }
    handler(request, response, *metadata);
  };
}

std::string HttpGateway::AllowedMethods(const std::string& raw_path) const {
  std::optional<std::string> path = PercentDecode(raw_path);
  if (!path.has_value()) return "";
  if (IsFeedOrExport(*path)) return "GET, HEAD";
  if (absl::StartsWith(raw_path, "/v1/")) {
    // No route has the empty method: every route of the path is listed.
    return routes_.Find("", raw_path).allowed_methods;
  }
  return static_files_.has_value() ? "GET, HEAD" : "";
}

void HttpGateway::WriteMethodNotAllowed(const httplib::Request& request,
                                        httplib::Response& response,
                                        bool unknown_method) const {
  const std::string path = RawPathOf(request);
  const std::string allowed = AllowedMethods(path);
  if (allowed.empty()) {
    if (unknown_method) {
      WriteErrorWithCode(response,
                         absl::UnimplementedError(absl::StrCat(
                             "unknown method ", request.method, " on ", path)),
                         501);
    } else {
      WriteError(response, absl::NotFoundError(absl::StrCat(
                               "no route for ", request.method, " ", path)));
    }
    return;
  }
  response.set_header("Allow", allowed);
  WriteErrorWithCode(
      response,
      absl::UnimplementedError(absl::StrCat(
          request.method, " is not allowed on ", path, "; allowed: ", allowed)),
      405);
}

namespace {

// `handler` for every method httplib routes on `pattern`; the handler
// itself answers 405 for those the path does not take.
void HandleEveryMethod(httplib::Server& server, const std::string& pattern,
                       const httplib::Server::Handler& handler) {
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Patch(pattern, handler);
  server.Put(pattern, handler);
  server.Delete(pattern, handler);
  server.Options(pattern, handler);
}

}  // namespace

void HttpGateway::RegisterHandlers() {
  httplib::Server& server = *server_;
  server.set_payload_max_length(kMaxMessageBytes);
  server.set_post_routing_handler(
      [https = https_](const httplib::Request&, httplib::Response& response) {
        response.set_header("Content-Security-Policy", kContentSecurityPolicy);
        response.set_header("X-Content-Type-Options", "nosniff");
        response.set_header("X-Frame-Options", "DENY");
        response.set_header("Referrer-Policy", "no-referrer");
        // Browsers honour it over HTTPS only (RFC 6797); a year.
        if (https) {
          response.set_header("Strict-Transport-Security", "max-age=31536000");
        }
      });
  server.set_error_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        if (response.status == 400 && IsUnknownMethod(request.method)) {
          WriteMethodNotAllowed(request, response, /*unknown_method=*/true);
          return;
        }
        FillEmptyError(request, response);
      });

  server.Get(
      kSecretariatFeed, Guarded([this](const httplib::Request& request,
                                       httplib::Response& response,
                                       const exports::Metadata& metadata) {
        HandleCalendar(channel_, *clock_, "", metadata, request, response);
      }));
  server.Get(kOrganisationFeed,
             Guarded([this](const httplib::Request& request,
                            httplib::Response& response,
                            const exports::Metadata& metadata) {
               HandleCalendar(channel_, *clock_, request.matches[1], metadata,
                              request, response);
             }));
  server.Get(kDueExport, Guarded([this](const httplib::Request& request,
                                        httplib::Response& response,
                                        const exports::Metadata& metadata) {
               HandleDueExport(channel_, request.matches[1], metadata, request,
                               response);
             }));
  server.Get(
      kSettlementExport, Guarded([this](const httplib::Request& request,
                                        httplib::Response& response,
                                        const exports::Metadata& metadata) {
        HandleSettlementExport(channel_, request.matches[1], request.matches[2],
                               request.matches[3], metadata, request, response);
      }));

  // Every method reaches a handler (after httplib has read the body, so
  // that a refused request leaves nothing unread on the connection); the
  // handlers answer 405 for a method the path does not take.
  const httplib::Server::Handler api = Guarded(
      [this](const httplib::Request& request, httplib::Response& response,
             const exports::Metadata& metadata) {
        if (IsFeedOrExport(request.path)) {
          WriteMethodNotAllowed(request, response, false);
          return;
        }
        HandleApiCall(routes_, channel_, metadata, request, response);
      });
  HandleEveryMethod(server, R"(/v1/.*)", api);

  const httplib::Server::Handler files =
      Guarded([this](const httplib::Request& request,
                     httplib::Response& response, const exports::Metadata&) {
        if (request.method != "GET" && request.method != "HEAD") {
          WriteMethodNotAllowed(request, response, false);
          return;
        }
        if (!static_files_.has_value()) {
          WriteError(response,
                     absl::NotFoundError("no web root is configured"));
          return;
        }
        static_files_->Serve(request, response);
      });
  HandleEveryMethod(server, R"(/.*)", files);
}

}  // namespace mea::services::http
