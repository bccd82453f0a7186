#include "services/auth/server_security.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/support/client_interceptor.h>

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/auth/auth_interceptor.h"
#include "services/auth/auth_log.h"
#include "common/loopback.h"

namespace mea::services::auth {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view flag) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read ", path));
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsCredentials(
    const SecurityOptions& options) {
  absl::StatusOr<std::string> cert =
      ReadPem(options.tls_cert_path, "--tls_cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(options.tls_key_path, "--tls_key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!options.tls_client_ca_path.empty()) {
    absl::StatusOr<std::string> ca =
        ReadPem(options.tls_client_ca_path, "--tls_client_ca");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(
    const SecurityOptions& options, bool loopback) {
  const bool tls =
      !options.tls_cert_path.empty() || !options.tls_key_path.empty();
  if (tls && (options.tls_cert_path.empty() || options.tls_key_path.empty())) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (!tls && !options.tls_client_ca_path.empty()) {
    return absl::InvalidArgumentError(
        "--tls_client_ca needs --tls_cert and --tls_key");
  }
  if (tls) return TlsCredentials(options);
  if (!loopback) {
    return absl::FailedPreconditionError(absl::StrCat(
        "plain TCP is only allowed on loopback, not on ",
        options.listen_address, "; give --tls_cert and --tls_key"));
  }
  AuthLog(absl::StrCat("WARNING: plain TCP without TLS on ",
                       options.listen_address,
                       "; only this machine can reach it"));
  return grpc::InsecureServerCredentials();
}

absl::StatusOr<std::unique_ptr<Authenticator>> MakeAuthenticator(
    const SecurityOptions& options, bool loopback, const Clock* clock) {
  if (options.tokens_path.empty()) {
    if (!loopback) {
      return absl::FailedPreconditionError(absl::StrCat(
          "without --tokens (development mode) mead only listens on "
          "loopback, not on ",
          options.listen_address));
    }
    AuthLog(
        "WARNING: DEVELOPMENT MODE: no --tokens, every caller is the "
        "principal 'local' and may do everything; never use this for real "
        "agreements");
    return Authenticator::Development();
  }
  absl::StatusOr<std::unique_ptr<TokenStore>> tokens =
      TokenStore::Open(options.tokens_path);
  if (!tokens.ok()) return tokens.status();
  return Authenticator::WithTokens(*std::move(tokens), clock);
}

// Adds the server's own bearer token to every call of a channel.
class OwnTokenInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit OwnTokenInterceptor(const std::string* token) : token_(token) {}
  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::
                PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert(
          {kAuthorizationHeader, "Bearer " + *token_});
    }
    methods->Proceed();
  }

 private:
  const std::string* token_;
};

class OwnTokenFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit OwnTokenFactory(const std::string* token) : token_(token) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new OwnTokenInterceptor(token_);
  }

 private:
  const std::string* token_;
};

}  // namespace

absl::StatusOr<ServerSecurity> PrepareServerSecurity(
    const SecurityOptions& options, const Clock* clock) {
  const bool loopback = IsLoopbackAddress(options.listen_address);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      Credentials(options, loopback);
  if (!credentials.ok()) return credentials.status();
  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator =
      MakeAuthenticator(options, loopback, clock);
  if (!authenticator.ok()) return authenticator.status();
  return ServerSecurity{*std::move(credentials), *std::move(authenticator)};
}

std::vector<
    std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
AuthInterceptors(const Authenticator* authenticator) {
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      factories;
  factories.push_back(std::make_unique<AuthInterceptorFactory>(authenticator));
  return factories;
}

std::shared_ptr<grpc::Channel> ServerOwnChannel(
    grpc::Server& server, const Authenticator& authenticator) {
  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      factories;
  factories.push_back(
      std::make_unique<OwnTokenFactory>(&authenticator.internal_token()));
  return server.experimental().InProcessChannelWithInterceptors(
      grpc::ChannelArguments(), std::move(factories));
}

}  // namespace mea::services::auth
