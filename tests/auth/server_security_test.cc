// How mead guards its port: TLS, client certificates, plain TCP only on
// loopback, development mode only on loopback, and meactl over TLS.
#include "services/auth/server_security.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/auth/rpc_cases.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

absl::Status StartWith(const services::ServerOptions& options) {
  auto server = services::MeaServer::Start(options);
  return server.status();
}

TEST(ServerSecurityTest, PlainTcpAndDevelopmentModeStayOnLoopback) {
  TempDir folder;
  TestPki pki = MakeTestPki(folder.path());
  services::ServerOptions options;
  options.database_path = folder.File("mea.db");
  options.listen_address = "0.0.0.0:0";

  absl::Status plain = StartWith(options);
  EXPECT_EQ(plain.code(), absl::StatusCode::kFailedPrecondition) << plain;
  EXPECT_TRUE(absl::StrContains(plain.message(), "only allowed on loopback"));

  options.tls_cert_path = pki.server_cert;
  options.tls_key_path = pki.server_key;
  absl::Status development = StartWith(options);
  EXPECT_EQ(development.code(), absl::StatusCode::kFailedPrecondition)
      << development;
  EXPECT_TRUE(absl::StrContains(development.message(), "--tokens"));

  options.tls_key_path = "";
  EXPECT_EQ(StartWith(options).code(), absl::StatusCode::kInvalidArgument);
}

// Names that begin like a loopback address are names, which DNS may point
// anywhere: plain TCP on them is refused before gRPC resolves them.
TEST(ServerSecurityTest, PlainTcpIsRefusedOnNamesThatLookLikeLoopback) {
  TempDir folder;
  services::ServerOptions options;
  options.database_path = folder.File("mea.db");
  for (const char* listen :
       {"127.example.com:0", "127.0.0.1.nip.io:0", "localhost.:0"}) {
    options.listen_address = listen;
    absl::Status plain = StartWith(options);
    EXPECT_EQ(plain.code(), absl::StatusCode::kFailedPrecondition)
        << listen << ": " << plain;
    EXPECT_TRUE(absl::StrContains(plain.message(), "only allowed on loopback"))
        << plain;
  }
}

TEST(ServerSecurityTest, AMissingTokenFileStopsTheStart) {
  TempDir folder;
  services::ServerOptions options;
  options.database_path = folder.File("mea.db");
  options.listen_address = "127.0.0.1:0";
  options.tokens_path = folder.File("no-such-file");
  EXPECT_FALSE(StartWith(options).ok());
}

TEST(ServerSecurityTest, ATlsServerRefusesPlainClients) {
  SecureServer server;
  auto plain = v1::TrackingService::NewStub(grpc::CreateChannel(
      server.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  v1::ListMethodsResponse response;
  EXPECT_EQ(plain->ListMethods(&call, v1::ListMethodsRequest(), &response)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(FindRpcCase("/mea.v1.TrackingService/ListMethods")
                  .call(server, Caller::kPublic, Target::kOwn)
                  .status.ok());
}

grpc::Status ListOver(const std::string& address,
                      std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto stub =
      v1::TrackingService::NewStub(grpc::CreateChannel(address, credentials));
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  v1::ListMethodsResponse response;
  return stub->ListMethods(&call, v1::ListMethodsRequest(), &response);
}

TEST(ServerSecurityTest, ClientCertificatesAreVerifiedWhenRequired) {
  SecureServer server(SecureServer::Options{.tls = true, .client_ca = true});
  const TestPki& pki = server.pki();
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = ReadText(pki.ca_cert);
  EXPECT_EQ(ListOver(server.address(), grpc::SslCredentials(tls)).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  grpc::SslCredentialsOptions stranger = tls;
  stranger.pem_cert_chain = ReadText(pki.stranger_cert);
  stranger.pem_private_key = ReadText(pki.stranger_key);
  EXPECT_EQ(
      ListOver(server.address(), grpc::SslCredentials(stranger)).error_code(),
      grpc::StatusCode::UNAVAILABLE);

  grpc::SslCredentialsOptions trusted = tls;
  trusted.pem_cert_chain = ReadText(pki.client_cert);
  trusted.pem_private_key = ReadText(pki.client_key);
  grpc::Status ok = ListOver(server.address(), grpc::SslCredentials(trusted));
  EXPECT_TRUE(ok.ok()) << ok.error_message();
}

TEST(ServerSecurityTest, MeactlTalksTlsWithATokenFile) {
  SecureServer server(SecureServer::Options{.tls = true, .client_ca = true});
  const TestPki& pki = server.pki();
  const std::string token = server.TokenFile(Caller::kSecretariat);
  CommandResult no_ca =
      RunMeactl(server.address(), {"--token_file", token, "audit", "verify"});
  EXPECT_EQ(no_ca.exit_code, 1);
  CommandResult secured = RunMeactl(
      server.address(),
      {"--token_file", token, "--tls_ca", pki.ca_cert, "--tls_cert",
       pki.client_cert, "--tls_key", pki.client_key, "audit", "verify"});
  EXPECT_EQ(secured.exit_code, 0) << secured.err;
  EXPECT_TRUE(absl::StartsWith(secured.out, "intact: ")) << secured.out;
}

// Without --tokens every caller is the LOCAL principal, which may do
// everything, and its changes are audited as "local".
TEST(ServerSecurityTest, DevelopmentModeActsAsLocal) {
  TempDir folder;
  FixedClock clock(absl::CivilDay(2026, 3, 2));
  services::ServerOptions options;
  options.database_path = folder.File("mea.db");
  options.listen_address = "127.0.0.1:0";
  options.clock = &clock;
  auto server = services::MeaServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  CommandResult created =
      RunMeactl((*server)->address(),
                {"methods", "create", "--id", "ID2026_001", "--title", "T",
                 "--substance", "S", "--supplier", "Leverandør A AS"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  CommandResult audit = RunMeactl((*server)->address(), {"audit", "list"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_TRUE(absl::StrContains(audit.out, "local")) << audit.out;
  EXPECT_TRUE(absl::StrContains(audit.out, "LOCAL")) << audit.out;
  EXPECT_TRUE(absl::StrContains(audit.out, "methods/ID2026_001")) << audit.out;
}

}  // namespace
}  // namespace mea::testing
