// The HTTP server around the API: the web app's files (content types, no
// way out of the web root), HTTPS, and the same exposure rules as gRPC.
#include "services/server/server.h"

#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "identity/token_file.h"
#include "tests/http/http_fixture.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  HttpServer mead_;
};

TEST_F(StaticFilesTest, ServesTheWebRootWithContentTypes) {
  HttpAnswer index = mead_.Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>mea</title>");
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");

  HttpAnswer script = mead_.Get("/app.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mead_.Get("/style.css").Header("Content-Type"),
            "text/css; charset=utf-8");
  EXPECT_EQ(mead_.Get("/reports/").body, "<p>reports</p>");
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndexButMissingFilesAre404) {
  HttpAnswer route = mead_.Get("/methods/ID2025_017");
  ASSERT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html><title>mea</title>");
  EXPECT_EQ(mead_.Get("/missing.png").status, 404);
}

TEST_F(StaticFilesTest, NothingOutsideTheWebRootIsServed) {
  for (const std::string& path :
       {std::string("/../secret.txt"), std::string("/%2e%2e/secret.txt"),
        std::string("/reports/..%2f..%2fsecret.txt"),
        std::string("/reports/%2E%2E/%2E%2E/secret.txt"),
        std::string("/link.txt"), std::string("/..%5csecret.txt")}) {
    HttpAnswer answer = mead_.Get(path);
    EXPECT_NE(answer.status, 200) << path;
    EXPECT_FALSE(absl::StrContains(answer.body, "outside the web root"))
        << path;
  }
}

TEST_F(StaticFilesTest, SourceMapsAreNotServedUnlessAskedFor) {
  HttpAnswer map = mead_.Get("/app.js.map");
  EXPECT_EQ(map.status, 404);
  EXPECT_FALSE(absl::StrContains(map.body, "main.ts"));
  EXPECT_EQ(mead_.Get("/APP.JS.MAP").status, 404);

  HttpServer::Options options;
  options.serve_source_maps = true;
  HttpServer debugging(options);
  HttpAnswer served = debugging.Get("/app.js.map");
  EXPECT_EQ(served.status, 200);
  EXPECT_TRUE(absl::StrContains(served.body, "main.ts"));
}

std::string Raw(const std::string& method, const std::string& path, int port) {
  return absl::StrCat(method, " ", path, " HTTP/1.1\r\nHost: 127.0.0.1:", port,
                      "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

// A known path answers a method it does not take with 405 and the methods
// it does take; an unknown method on an unknown path is 501.
TEST_F(StaticFilesTest, OtherMethodsAre405WithAllowOr501) {
  struct Case {
    std::string method;
    std::string path;
    int status;
    std::string allow;
  };
  const std::vector<Case> cases = {
      {"OPTIONS", "/v1/methods", 405, "POST, GET"},
      {"BREW", "/v1/methods", 405, "POST, GET"},
      {"PUT", "/v1/methods/ID2025_017", 405, "GET, PATCH"},
      {"TRACE", "/v1/methods/ID2025_017", 405, "GET, PATCH"},
      {"POST", "/v1/exports/dueItems.csv", 405, "GET, HEAD"},
      {"OPTIONS", "/v1/calendar/secretariat.ics", 405, "GET, HEAD"},
      {"DELETE", "/", 405, "GET, HEAD"},
      {"OPTIONS", "/app.js", 405, "GET, HEAD"},
      {"BREW", "/v1/nothing", 501, ""},
      {"OPTIONS", "/v1/nothing", 404, ""},
  };
  for (const Case& c : cases) {
    HttpAnswer answer =
        RawHttp(mead_.http_port(), Raw(c.method, c.path, mead_.http_port()));
    EXPECT_EQ(answer.status, c.status) << c.method << " " << c.path;
    EXPECT_EQ(answer.Header("Allow"), c.allow) << c.method << " " << c.path;
    EXPECT_EQ(ParseError(answer.body).code, c.status) << answer.body;
    EXPECT_EQ(answer.Header("X-Content-Type-Options"), "nosniff");
  }
}

std::string MakeSelfSignedCertificate(TempDir& folder) {
  CommandResult made =
      RunCommand("/usr/bin/openssl",
                 {"req", "-x509", "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                  folder.File("key.pem"), "-out", folder.File("cert.pem"),
                  "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                  "subjectAltName=IP:127.0.0.1,DNS:localhost"});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  return folder.File("cert.pem");
}

TEST(HttpsTest, ServesHttpsWithTheTlsFilesAndRefusesPlainHttp) {
  TempDir pki;
  const std::string certificate = MakeSelfSignedCertificate(pki);
  HttpServer::Options options;
  options.tls_cert_path = certificate;
  options.tls_key_path = pki.File("key.pem");
  HttpServer mead(options);

  httplib::SSLClient client("127.0.0.1", mead.http_port());
  client.set_ca_cert_path(certificate.c_str());
  client.enable_server_certificate_verification(true);
  auto answer = client.Get("/v1/methods");
  ASSERT_TRUE(answer) << httplib::to_string(answer.error());
  EXPECT_EQ(answer->status, 200) << answer->body;
  // Browsers keep to HTTPS for a year once they have seen it (RFC 6797).
  EXPECT_EQ(answer->get_header_value("Strict-Transport-Security"),
            "max-age=31536000");
  auto missing = client.Get("/v1/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->get_header_value("Strict-Transport-Security"),
            "max-age=31536000");

  httplib::Client plain("127.0.0.1", mead.http_port());
  plain.set_read_timeout(5, 0);
  auto refused = plain.Get("/v1/methods");
  EXPECT_TRUE(!refused || refused->status != 200);
}

absl::Status StartWithHttpOn(const std::string& http_listen,
                             const std::string& tokens_path = "") {
  TempDir folder;
  services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = folder.File("mea.db");
  options.http_listen = http_listen;
  options.tokens_path = tokens_path;
  return services::MeaServer::Start(options).status();
}

TEST(HttpsTest, PlainHttpSendsNoStrictTransportSecurity) {
  HttpServer mead;
  EXPECT_EQ(mead.Get("/v1/methods").Header("Strict-Transport-Security"), "");
}

TEST(ExposureTest, HttpBeyondLoopbackNeedsTokensAndTls) {
  absl::Status development = StartWithHttpOn("0.0.0.0:0");
  EXPECT_EQ(development.code(), absl::StatusCode::kFailedPrecondition)
      << development;
  EXPECT_TRUE(absl::StrContains(development.message(), "development mode"));

  TempDir folder;
  const std::string tokens = folder.File("tokens");
  identity::Principal procurement{"Innkjøper", "Sykehusinnkjøp HF",
                                        identity::Role::kProcurement, ""};
  std::ofstream(tokens) << identity::FormatTokenLine(
                               identity::HashToken("secret-token"),
                               procurement, std::nullopt)
                        << "\n";
  absl::Status plain = StartWithHttpOn("0.0.0.0:0", tokens);
  EXPECT_EQ(plain.code(), absl::StatusCode::kFailedPrecondition) << plain;
  EXPECT_TRUE(absl::StrContains(plain.message(), "--tls_cert")) << plain;

  EXPECT_EQ(StartWithHttpOn("127.0.0.1").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(StartWithHttpOn("127.0.0.1:0").ok());
}

TEST(ExposureTest, MeadRefusesDevelopmentModeHttpBeyondLoopback) {
  TempDir folder;
  CommandResult refused = RunCommand(
      BinaryPath("mead"), {"--listen=127.0.0.1:0", "--http_listen=0.0.0.0:0",
                           "--db=" + folder.File("mea.db")});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(refused.err, "loopback")) << refused.err;
}

}  // namespace
}  // namespace mea::testing
