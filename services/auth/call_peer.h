// Who is on the other end of a call, for the log of refusals.
//
// Over TCP (plain or TLS) that is gRPC's peer, "ipv4:127.0.0.1:50712" or
// "ipv6:[::1]:50712". The HTTP door (services/http/gateway.h) calls the
// services over the server's in-process channel, which tells nothing about
// the HTTP client; the door names its client in the metadata key below,
// and that key is believed only on the in-process channel: a client over
// TCP can send any metadata it likes, so there it is ignored.
#ifndef MEA_SERVICES_AUTH_CALL_PEER_H_
#define MEA_SERVICES_AUTH_CALL_PEER_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace mea::services::auth {

// Set by the HTTP door on its in-process calls: the HTTP client's address.
inline constexpr char kHttpClientAddressHeader[] = "mea-http-client-address";

// How a call reached the server, as gRPC 1.51 reports it.
struct CallTransport {
  // ServerContext::peer(): "ipv4:127.0.0.1:50712"; gRPC's placeholder
  // "unknown" in-process.
  std::string peer;
  // The auth context's "transport_security_type": "ssl" over TLS,
  // "insecure" over plain TCP; none in-process (no security connector).
  std::string security_type;
};

// Whether the call came over the in-process channel, which only code
// inside mead can open: gRPC names neither a peer nor a transport security
// type for it, and names both for every TCP connection, plain or TLS.
bool IsInProcess(const CallTransport& transport);

// The peer to log: "http:<address>" for an in-process call that names its
// HTTP client, "inproc" for one that does not, else the TCP peer. Control
// characters and overlong text are replaced, so a peer cannot forge log
// lines.
std::string CallPeer(const CallTransport& transport,
                     std::optional<absl::string_view> http_client_address);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_CALL_PEER_H_
