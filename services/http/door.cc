#include "services/http/door.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/loopback.h"

namespace mea::services::http {
namespace {

constexpr int kHttpPort = 80;
constexpr int kHttpsPort = 443;

bool IsWildcard(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "*";
}

// A host name or address: letters, digits, '.', '-', '_' and, for IPv6,
// ':' (brackets are taken off before).
bool IsHostText(absl::string_view host, bool ipv6) {
  if (host.empty()) return false;
  for (char c : host) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
        c == '-' || c == '_' || (ipv6 && c == ':')) {
      continue;
    }
    return false;
  }
  return true;
}

bool HasBody(const httplib::Request& request) {
  if (!request.body.empty()) return true;
  if (request.has_header("Transfer-Encoding")) return true;
  std::int64_t length = 0;
  return absl::SimpleAtoi(request.get_header_value("Content-Length"),
                          &length) &&
         length > 0;
}

bool IsJson(absl::string_view content_type) {
  absl::string_view media = content_type.substr(0, content_type.find(';'));
  return absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(media),
                                "application/json");
}

}  // namespace

std::optional<Authority> ParseAuthority(absl::string_view text) {
  Authority authority;
  absl::string_view port;
  bool ipv6 = false;
  if (absl::StartsWith(text, "[")) {
    const size_t close = text.find(']');
    if (close == absl::string_view::npos) return std::nullopt;
    authority.host = std::string(text.substr(1, close - 1));
    absl::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (!absl::ConsumePrefix(&rest, ":") || rest.empty()) return std::nullopt;
      port = rest;
    }
    ipv6 = true;
  } else {
    const size_t colon = text.rfind(':');
    authority.host = std::string(text.substr(0, colon));
    if (colon != absl::string_view::npos) {
      port = text.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
  }
  if (!IsHostText(authority.host, ipv6)) return std::nullopt;
  if (!port.empty()) {
    for (char c : port) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        return std::nullopt;
      }
    }
    if (!absl::SimpleAtoi(port, &authority.port) || authority.port < 1 ||
        authority.port > 65535) {
      return std::nullopt;
    }
  }
  absl::AsciiStrToLower(&authority.host);
  return authority;
}

absl::StatusOr<DoorRules> DoorRules::Make(const DoorOptions& options) {
  DoorRules rules;
  rules.https_ = options.https;
  const std::string listen = absl::AsciiStrToLower(options.listen_host);
  if (IsWildcard(listen)) {
    if (options.allowed_hosts.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "HTTP on a wildcard address (\"", options.listen_host,
          "\") needs --http_allowed_hosts naming the host names clients use "
          "(e.g. --http_allowed_hosts=mea.example.no); requests for other "
          "names are refused"));
    }
  } else {
    rules.exact_.emplace(listen, options.port);
  }
  if (IsLoopbackAddress(absl::StrCat(
          absl::StrContains(listen, ':') ? "[" + listen + "]" : listen, ":",
          options.port))) {
    for (const char* name : {"localhost", "127.0.0.1", "::1"}) {
      rules.exact_.emplace(name, options.port);
    }
  }
  for (const std::string& entry : options.allowed_hosts) {
    std::optional<Authority> authority = ParseAuthority(entry);
    if (!authority.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--http_allowed_hosts: \"", entry,
          "\" is not a host name with an optional port (mea.example.no, "
          "mea.example.no:8443, [2001:db8::1])"));
    }
    if (authority->port == -1) {
      rules.any_port_.insert(authority->host);
    } else {
      rules.exact_.emplace(authority->host, authority->port);
    }
  }
  return rules;
}

bool DoorRules::Allows(const Authority& authority, int default_port) const {
  if (any_port_.count(authority.host) > 0) return true;
  const int port = authority.port == -1 ? default_port : authority.port;
  return exact_.count({authority.host, port}) > 0;
}

bool DoorRules::AllowsHost(absl::string_view host) const {
  std::optional<Authority> authority = ParseAuthority(host);
  return authority.has_value() &&
         Allows(*authority, https_ ? kHttpsPort : kHttpPort);
}

bool DoorRules::IsOwnOrigin(absl::string_view origin,
                            bool via_trusted_proxy) const {
  int default_port = 0;
  if (absl::ConsumePrefix(&origin, "https://")) {
    if (!https_ && !via_trusted_proxy) return false;
    default_port = kHttpsPort;
  } else if (absl::ConsumePrefix(&origin, "http://")) {
    if (https_) return false;
    default_port = kHttpPort;
  } else {
    return false;  // "null", other schemes
  }
  std::optional<Authority> authority = ParseAuthority(origin);
  return authority.has_value() && Allows(*authority, default_port);
}

std::optional<Refusal> DoorRules::Check(const httplib::Request& request,
                                        bool via_trusted_proxy) const {
  const std::string host = request.get_header_value("Host");
  if (!AllowsHost(host)) {
    return Refusal{
        421, absl::PermissionDeniedError(absl::StrCat(
                 "this server does not answer for host \"", host,
                 "\"; it answers for the address it listens on and the names "
                 "given with --http_allowed_hosts"))};
  }
  const bool reads_only = request.method == "GET" || request.method == "HEAD";
  if (!reads_only && request.has_header("Origin")) {
    const std::string origin = request.get_header_value("Origin");
    if (!IsOwnOrigin(origin, via_trusted_proxy)) {
      return Refusal{403,
                     absl::PermissionDeniedError(absl::StrCat(
                         request.method, " from origin \"", origin,
                         "\" refused: only this server's own pages may change "
                         "data"))};
    }
  }
  if (HasBody(request) && !IsJson(request.get_header_value("Content-Type"))) {
    return Refusal{415, absl::InvalidArgumentError(absl::StrCat(
                            "the request body must be application/json, not \"",
                            request.get_header_value("Content-Type"), "\""))};
  }
  return std::nullopt;
}

}  // namespace mea::services::http
