// Whether an address names this machine: the one rule mead (plain TCP and
// development mode only on loopback) and meactl (a token in clear text only
// to loopback) share, so that both read an address the same way.
//
// The host is parsed, never matched by prefix: "127.example.com" and
// "127.0.0.1.nip.io" are names any DNS server can point anywhere. Accepted,
// with an optional ":port" of decimal digits:
//   - an IPv4 literal in 127.0.0.0/8: four decimal octets 0-255 without
//     leading zeros ("127.0.0.1", "127.1.2.3");
//   - a bracketed IPv6 loopback literal: "[::1]" (any spelling of ::1) or
//     an IPv4-mapped loopback "[::ffff:127.0.0.1]";
//   - the name "localhost" (lowercase, no trailing dot; /etc/hosts maps it
//     to the loopback addresses).
// Refused: everything else, including the shorthand and octal/hex forms
// that inet_aton would accept ("127.1", "0x7f.0.0.1", "0177.0.0.1"), IPv6
// without brackets, zone ids, and gRPC target URIs ("ipv4:127.0.0.1:1",
// "dns:///localhost:1"), which callers then treat as remote.
#ifndef MEA_COMMON_LOOPBACK_H_
#define MEA_COMMON_LOOPBACK_H_

#include "absl/strings/string_view.h"

namespace mea {

// `host_port` is "host", "host:port", "[v6]" or "[v6]:port".
bool IsLoopbackAddress(absl::string_view host_port);

}  // namespace mea

#endif  // MEA_COMMON_LOOPBACK_H_
