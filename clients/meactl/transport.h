// How meactl reaches mead, so that a bearer token never crosses a network
// in clear text (docs/security.md, "meactl and TLS"):
//
// - --tls_ca FILE (or $MEA_TLS_CA): TLS, trusting only that CA (pinned).
// - otherwise, a loopback server (common/loopback.h, the rule mead
//   applies to its own port): plain TCP; the token stays on this machine.
// - otherwise: TLS, trusting the system's CA certificates, read by meactl
//   from $SSL_CERT_FILE or else /etc/ssl/certs/ca-certificates.crt
//   (Debian's bundle) rather than left to gRPC, whose default can be moved
//   by environment variables and falls back to a bundle of its own.
//
// Plain TCP to any other host is never chosen; what cannot be done safely
// (a client certificate without TLS, no readable CA certificates) is
// refused before any connection is made.
#ifndef MEA_CLIENTS_MEACTL_TRANSPORT_H_
#define MEA_CLIENTS_MEACTL_TRANSPORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mea::meactl {

inline constexpr char kSystemRootsPath[] = "/etc/ssl/certs/ca-certificates.crt";

enum class TransportKind {
  kPlaintext,       // loopback only
  kTlsPinnedCa,     // --tls_ca
  kTlsSystemRoots,  // the system's CA certificates
};

struct Transport {
  TransportKind kind = TransportKind::kPlaintext;
  // The PEM file of the CAs to trust (empty for kPlaintext).
  std::string roots_path;
};

// Chooses the transport to `server` ("host:port") by the rules above.
// `ca_path`: --tls_ca or $MEA_TLS_CA (empty: not given); `system_roots_path`:
// $SSL_CERT_FILE or kSystemRootsPath. INVALID_ARGUMENT for a client
// certificate to a loopback server without --tls_ca (it would not be used).
absl::StatusOr<Transport> ChooseTransport(absl::string_view server,
                                          absl::string_view ca_path,
                                          absl::string_view system_roots_path,
                                          bool client_certificate);

// $SSL_CERT_FILE when set, else kSystemRootsPath.
std::string SystemRootsPath();

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_TRANSPORT_H_
