#include "clients/meactl/transport.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "common/loopback.h"

namespace mea::meactl {

absl::StatusOr<Transport> ChooseTransport(absl::string_view server,
                                          absl::string_view ca_path,
                                          absl::string_view system_roots_path,
                                          bool client_certificate) {
  if (!ca_path.empty()) {
    return Transport{TransportKind::kTlsPinnedCa, std::string(ca_path)};
  }
  if (IsLoopbackAddress(server)) {
    if (client_certificate) {
      return absl::InvalidArgumentError(
          "a client certificate needs TLS; to a loopback server meactl uses "
          "plain TCP unless --tls_ca names the server's CA");
    }
    return Transport{TransportKind::kPlaintext, ""};
  }
  return Transport{TransportKind::kTlsSystemRoots,
                   std::string(system_roots_path)};
}

std::string SystemRootsPath() {
  const char* file = std::getenv("SSL_CERT_FILE");
  return file != nullptr && *file != '\0' ? file : kSystemRootsPath;
}

}  // namespace mea::meactl
