// How mead protects its port (docs/security.md):
// - TLS when --tls_cert and --tls_key are given; with --tls_client_ca every
//   client must also present a certificate signed by that CA.
// - Plain TCP only on a loopback address, with a warning in the log.
// - Bearer tokens from --tokens FILE; without it, development mode (every
//   caller may do everything), allowed only on loopback and logged loudly.
#ifndef MEA_SERVICES_AUTH_SERVER_SECURITY_H_
#define MEA_SERVICES_AUTH_SERVER_SECURITY_H_

#include <grpcpp/channel.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/auth/authenticator.h"
#include "common/clock.h"
#include "common/loopback.h"

namespace mea::services::auth {

struct SecurityOptions {
  // host:port the server listens on.
  std::string listen_address;
  // PEM files; cert and key go together.
  std::string tls_cert_path;
  std::string tls_key_path;
  std::string tls_client_ca_path;
  // Empty: development mode.
  std::string tokens_path;
};

struct ServerSecurity {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::unique_ptr<Authenticator> authenticator;
};

// Applies the rules above; FAILED_PRECONDITION when they are broken,
// INVALID_ARGUMENT for an unusable file. `clock` must outlive the result.
absl::StatusOr<ServerSecurity> PrepareServerSecurity(
    const SecurityOptions& options, const Clock* clock);

// The interceptors that decide, redact and guard every call.
std::vector<
    std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
AuthInterceptors(const Authenticator* authenticator);

// An in-process channel whose calls are the server's own (principal "mead",
// role LOCAL), for loading the demo data.
std::shared_ptr<grpc::Channel> ServerOwnChannel(
    grpc::Server& server, const Authenticator& authenticator);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_SERVER_SECURITY_H_
