// meactl never sends a bearer token in clear text beyond this machine
// (clients/meactl/transport.h): plain TCP to loopback only, TLS with the
// system's CA certificates to any other server, and what cannot be done
// safely refused before a connection is made.
#include <gtest/gtest.h>

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/meactl/transport.h"
#include "tests/auth/raw_listener.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

using meactl::ChooseTransport;
using meactl::Transport;
using meactl::TransportKind;

constexpr char kRoots[] = "/roots.pem";

TEST(MeactlTransportTest, PlainTcpOnlyToLoopback) {
  struct Case {
    const char* server;
    const char* ca;
    TransportKind kind;
  };
  for (const Case& c : std::vector<Case>{
           {"127.0.0.1:50051", "", TransportKind::kPlaintext},
           {"localhost:50051", "", TransportKind::kPlaintext},
           {"[::1]:50051", "", TransportKind::kPlaintext},
           {"127.0.0.1:50051", "ca.pem", TransportKind::kTlsPinnedCa},
           {"mea.example.no:50051", "ca.pem", TransportKind::kTlsPinnedCa},
           {"mea.example.no:50051", "", TransportKind::kTlsSystemRoots},
           {"10.255.255.1:1", "", TransportKind::kTlsSystemRoots},
           {"127.example.com:50051", "", TransportKind::kTlsSystemRoots},
           {"127.0.0.1.nip.io:50051", "", TransportKind::kTlsSystemRoots},
           {"127.1:50051", "", TransportKind::kTlsSystemRoots},
           {"0x7f.0.0.1:50051", "", TransportKind::kTlsSystemRoots},
           {"localhost.:50051", "", TransportKind::kTlsSystemRoots},
           {"ipv4:127.0.0.1:50051", "", TransportKind::kTlsSystemRoots},
       }) {
    absl::StatusOr<Transport> chosen =
        ChooseTransport(c.server, c.ca, kRoots, /*client_certificate=*/false);
    ASSERT_TRUE(chosen.ok()) << c.server << ": " << chosen.status();
    EXPECT_EQ(chosen->kind, c.kind) << c.server << " --tls_ca=" << c.ca;
    if (c.kind == TransportKind::kTlsSystemRoots) {
      EXPECT_EQ(chosen->roots_path, kRoots);
    }
  }
  // A client certificate would be ignored over plain TCP: refused.
  EXPECT_FALSE(ChooseTransport("127.0.0.1:50051", "", kRoots, true).ok());
  EXPECT_TRUE(ChooseTransport("mea.example.no:1", "", kRoots, true).ok());
  EXPECT_TRUE(ChooseTransport("127.0.0.1:50051", "ca.pem", kRoots, true).ok());
}

class MeactlTokenTest : public ::testing::Test {
 protected:
  MeactlTokenTest() {
    token_file_ = folder_.File("token");
    WriteText(token_file_, kToken + std::string("\n"));
  }
  ~MeactlTokenTest() override { unsetenv("SSL_CERT_FILE"); }

  // meactl --server SERVER --token_file ... audit list.
  CommandResult AuditList(const std::string& server) {
    return RunCommand(BinaryPath("meactl"), {"--server", server, "--token_file",
                                             token_file_, "audit", "list"});
  }

  static constexpr char kToken[] = "mea_transport_test_token_5f3a9c";
  TempDir folder_;
  std::string token_file_;
};

// "ipv4:127.0.0.1:PORT" is not a loopback address by meactl's rule (it is a
// gRPC target URI, and could as well name another host), yet reaches a
// listener this test controls: what arrives there is what a server
// elsewhere would have received. Before the fix it was the HTTP/2 preface
// and, once the listener had sent its SETTINGS, "authorization: Bearer
// <token>" in clear text.
TEST_F(MeactlTokenTest, ATokenNeverReachesANonLoopbackServerInClearText) {
  RawListener listener;
  CommandResult result =
      AuditList(absl::StrCat("ipv4:127.0.0.1:", listener.port()));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  ASSERT_GE(listener.connections(), 1) << "meactl never connected";
  const std::string received = listener.received();
  ASSERT_FALSE(received.empty());
  EXPECT_FALSE(absl::StrContains(received, kToken));
  EXPECT_FALSE(absl::StrContains(received, "PRI * HTTP/2.0"));
  // A TLS handshake record (ClientHello) instead.
  EXPECT_EQ(received[0], '\x16') << "not TLS";
}

// Without a usable CA store there is no safe way to a remote server:
// meactl says so and does not connect at all.
TEST_F(MeactlTokenTest, NoCaCertificatesMeansNoConnection) {
  RawListener listener;
  setenv("SSL_CERT_FILE", folder_.File("no-such-bundle.pem").c_str(), 1);
  CommandResult result =
      AuditList(absl::StrCat("ipv4:127.0.0.1:", listener.port()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(result.err, "is not a loopback address"))
      << result.err;
  EXPECT_TRUE(absl::StrContains(result.err, "no-such-bundle.pem"))
      << result.err;
  EXPECT_EQ(listener.connections(), 0);
  EXPECT_FALSE(absl::StrContains(result.out + result.err, kToken));
}

// To a non-loopback address meactl verifies the server against the
// system's CA certificates, taken from $SSL_CERT_FILE here (the test CA),
// and a real mead over TLS answers; a server whose CA is not in the store
// is refused.
TEST_F(MeactlTokenTest, TlsWithTheSystemsCaCertificatesByDefault) {
  SecureServer server;  // TLS, certificate for 127.0.0.1 from the test CA
  const std::string target = absl::StrCat("ipv4:", server.address());
  const std::string token = server.TokenFile(Caller::kSecretariat);

  setenv("SSL_CERT_FILE", server.pki().ca_cert.c_str(), 1);
  CommandResult trusted = RunCommand(
      BinaryPath("meactl"),
      {"--server", target, "--token_file", token, "audit", "verify"});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_TRUE(absl::StartsWith(trusted.out, "intact: ")) << trusted.out;

  setenv("SSL_CERT_FILE", server.pki().stranger_cert.c_str(), 1);
  CommandResult untrusted = RunCommand(
      BinaryPath("meactl"),
      {"--server", target, "--token_file", token, "audit", "verify"});
  EXPECT_EQ(untrusted.exit_code, 1) << untrusted.err;
  EXPECT_TRUE(absl::StrContains(untrusted.err, "UNAVAILABLE")) << untrusted.err;
}

TEST_F(MeactlTokenTest, AClientCertificateWithoutTlsIsRefused) {
  TempDir pki_folder;
  TestPki pki = MakeTestPki(pki_folder.path());
  CommandResult result =
      RunCommand(BinaryPath("meactl"),
                 {"--server", "127.0.0.1:1", "--tls_cert", pki.client_cert,
                  "--tls_key", pki.client_key, "audit", "list"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(result.err, "a client certificate needs TLS"))
      << result.err;
}

}  // namespace
}  // namespace mea::testing
