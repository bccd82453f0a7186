#include "services/http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mea::services::http {
namespace {

// The bracketed form for IPv6, as in a URL authority.
std::string Bracketed(const std::string& ip) {
  return absl::StrContains(ip, ':') ? absl::StrCat("[", ip, "]") : ip;
}

}  // namespace

std::optional<std::string> CanonicalIp(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(text, "[") && absl::EndsWith(text, "]")) {
    text = text.substr(1, text.size() - 2);
  }
  // inet_pton wants a NUL-terminated string; an address is short.
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string address(text);
  char printed[INET6_ADDRSTRLEN] = {};
  in_addr v4;
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    inet_ntop(AF_INET, &v4, printed, sizeof(printed));
    return std::string(printed);
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy_n(&v6.s6_addr[12], 4, reinterpret_cast<unsigned char*>(&v4));
    inet_ntop(AF_INET, &v4, printed, sizeof(printed));
    return std::string(printed);
  }
  inet_ntop(AF_INET6, &v6, printed, sizeof(printed));
  return std::string(printed);
}

std::string FormatPeer(const std::string& ip, int port) {
  return absl::StrCat(Bracketed(ip), ":", port);
}

absl::StatusOr<TrustedProxies> TrustedProxies::Parse(
    const std::vector<std::string>& addresses) {
  TrustedProxies proxies;
  for (const std::string& address : addresses) {
    std::optional<std::string> ip = CanonicalIp(address);
    if (!ip.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--http_trusted_proxy takes IP addresses (no port, no range), got \"",
          address, "\""));
    }
    proxies.canonical_.push_back(*std::move(ip));
  }
  return proxies;
}

bool TrustedProxies::Contains(absl::string_view ip) const {
  std::optional<std::string> canonical = CanonicalIp(ip);
  return canonical.has_value() &&
         std::find(canonical_.begin(), canonical_.end(), *canonical) !=
             canonical_.end();
}

std::string ClientAddress(const std::string& peer_ip, int peer_port,
                          const std::vector<std::string>& forwarded_for,
                          const TrustedProxies& trusted) {
  const std::string peer =
      FormatPeer(CanonicalIp(peer_ip).value_or(peer_ip), peer_port);
  if (!trusted.Contains(peer_ip)) return peer;
  std::vector<std::string> hops;
  for (const std::string& header : forwarded_for) {
    for (absl::string_view hop :
         absl::StrSplit(header, ',', absl::SkipWhitespace())) {
      hops.emplace_back(absl::StripAsciiWhitespace(hop));
    }
  }
  std::string nearest = peer;
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    std::optional<std::string> ip = CanonicalIp(*hop);
    if (!ip.has_value()) return nearest;
    nearest = Bracketed(*ip);
    if (!trusted.Contains(*ip)) return nearest;
  }
  return nearest;
}

}  // namespace mea::services::http
