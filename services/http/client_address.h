// Who is calling through the HTTP door, as the gRPC services are told: the
// TCP peer of the HTTP connection, or, when that peer is a reverse proxy
// mead was told to trust (mead --http_trusted_proxy), the client the proxy
// names in X-Forwarded-For. The gateway sends it with every in-process call
// as the metadata `mea-http-client-address`, which the auth interceptor
// honours for in-process calls only (a TCP client cannot claim an address).
//
// Forwarded headers from any other peer are ignored: anybody can write
// them, so only a proxy that overwrites or appends to them can vouch for
// them. The address is for logs; the token still decides who the caller is.
#ifndef MEA_SERVICES_HTTP_CLIENT_ADDRESS_H_
#define MEA_SERVICES_HTTP_CLIENT_ADDRESS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mea::services::http {

// An IP address in its canonical text ("203.0.113.5", "2001:db8::7"); an
// IPv4-mapped IPv6 address ("::ffff:192.0.2.1", as a dual-stack socket
// reports IPv4 peers) becomes its IPv4 form. Brackets around IPv6 are
// accepted. nullopt for anything that is not an address (a name, a port).
std::optional<std::string> CanonicalIp(absl::string_view text);

// "203.0.113.5:41234" or "[::1]:5000"; `ip` as CanonicalIp would print it.
std::string FormatPeer(const std::string& ip, int port);

// Thread safety: immutable once parsed; Contains may run on any number of
// threads at once.
// The addresses of --http_trusted_proxy.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Each an IP address (no port, no range); INVALID_ARGUMENT otherwise.
  static absl::StatusOr<TrustedProxies> Parse(
      const std::vector<std::string>& addresses);

  bool Contains(absl::string_view ip) const;
  bool empty() const { return canonical_.empty(); }

 private:
  std::vector<std::string> canonical_;
};

// The client address for a request from TCP peer `peer_ip`:`peer_port`
// with these X-Forwarded-For header values (in the order received; each a
// comma-separated list, the nearest hop last):
// - the peer is not a trusted proxy: the peer, "203.0.113.5:41234";
// - it is: X-Forwarded-For is read from the right, skipping trusted
//   proxies; the first other address is the client, without port
//   ("198.51.100.7", "[2001:db8::7]"). If every hop is a trusted proxy, the
//   left-most is. A hop that is not an IP address ends the walk: the
//   nearest address known for sure is given (the peer, or the last trusted
//   hop read), never the unreadable text.
std::string ClientAddress(const std::string& peer_ip, int peer_port,
                          const std::vector<std::string>& forwarded_for,
                          const TrustedProxies& trusted);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_CLIENT_ADDRESS_H_
