// The HTTP door answers only this server's own names, takes changes only
// from its own pages and bodies only as JSON (services/http/door.h): the
// rules one by one, then a real mead refusing what a web site in the
// user's browser could send it (DNS rebinding, a cross-site form or
// text/plain "simple request"), in development mode and with tokens.
#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "identity/principal.h"
#include "identity/token_file.h"
#include "services/http/door.h"
#include "tests/http/http_fixture.h"

namespace mea::testing {
namespace {

using services::http::DoorOptions;
using services::http::DoorRules;
using services::http::ParseAuthority;

DoorRules Rules(const std::string& listen_host, int port, bool https = false,
                std::vector<std::string> allowed = {}) {
  DoorOptions options;
  options.listen_host = listen_host;
  options.port = port;
  options.https = https;
  options.allowed_hosts = std::move(allowed);
  absl::StatusOr<DoorRules> rules = DoorRules::Make(options);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : DoorRules();
}

TEST(DoorRulesTest, AuthoritiesParseLikeHostHeaders) {
  EXPECT_EQ(ParseAuthority("Mea.Example.NO:8443")->host, "mea.example.no");
  EXPECT_EQ(ParseAuthority("mea.example.no:8443")->port, 8443);
  EXPECT_EQ(ParseAuthority("mea.example.no")->port, -1);
  EXPECT_EQ(ParseAuthority("[::1]:5000")->host, "::1");
  EXPECT_EQ(ParseAuthority("[::1]:5000")->port, 5000);
  for (const char* bad :
       {"", ":80", "host:", "host:0", "host:99999", "host:8o", "a b",
        "user@host", "[::1", "[::1]x", "::1", "host/path"}) {
    EXPECT_FALSE(ParseAuthority(bad).has_value()) << bad;
  }
}

TEST(DoorRulesTest, OnLoopbackTheListenAddressAndItsLocalNamesAreAllowed) {
  DoorRules rules = Rules("127.0.0.1", 8080);
  for (const char* host :
       {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"}) {
    EXPECT_TRUE(rules.AllowsHost(host)) << host;
  }
  for (const char* host :
       {"attacker.example", "attacker.example:8080", "127.0.0.1:9090",
        "127.0.0.1", "127.0.0.2:8080", "", "localhost.attacker.example:8080"}) {
    EXPECT_FALSE(rules.AllowsHost(host)) << host;
  }
  // Port 80 is the default: a Host without port means it.
  EXPECT_TRUE(Rules("127.0.0.1", 80).AllowsHost("localhost"));
}

TEST(DoorRulesTest, AllowedHostsAddNamesOnAnyPortOrOneExactly) {
  DoorRules rules =
      Rules("10.0.0.5", 8443, true, {"mea.example.no", "alt.example.no:9000"});
  EXPECT_TRUE(rules.AllowsHost("10.0.0.5:8443"));
  EXPECT_TRUE(rules.AllowsHost("mea.example.no"));
  EXPECT_TRUE(rules.AllowsHost("mea.example.no:8443"));
  EXPECT_TRUE(rules.AllowsHost("alt.example.no:9000"));
  EXPECT_FALSE(rules.AllowsHost("alt.example.no"));
  // Not on loopback: no local names.
  EXPECT_FALSE(rules.AllowsHost("localhost:8443"));
  EXPECT_FALSE(rules.AllowsHost("attacker.example"));
}

TEST(DoorRulesTest, AWildcardListenAddressNeedsAllowedHosts) {
  DoorOptions options;
  options.listen_host = "0.0.0.0";
  options.port = 8443;
  EXPECT_EQ(DoorRules::Make(options).status().code(),
            absl::StatusCode::kFailedPrecondition);
  options.allowed_hosts = {"mea.example.no"};
  ASSERT_TRUE(DoorRules::Make(options).ok());
  EXPECT_FALSE(DoorRules::Make(options)->AllowsHost("0.0.0.0:8443"));
  options.allowed_hosts = {"mea.example.no/x"};
  EXPECT_EQ(DoorRules::Make(options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DoorRulesTest, OwnOriginsHaveTheDoorsSchemeAndAnAllowedHost) {
  DoorRules plain = Rules("127.0.0.1", 8080);
  EXPECT_TRUE(plain.IsOwnOrigin("http://127.0.0.1:8080", false));
  EXPECT_TRUE(plain.IsOwnOrigin("http://localhost:8080", false));
  for (const char* origin :
       {"http://attacker.example", "http://attacker.example:8080",
        "http://127.0.0.1:9090", "https://127.0.0.1:8080", "null", "",
        "file://", "http://127.0.0.1:8080.attacker.example"}) {
    EXPECT_FALSE(plain.IsOwnOrigin(origin, false)) << origin;
  }
  DoorRules https = Rules("10.0.0.5", 8443, true, {"mea.example.no"});
  EXPECT_TRUE(https.IsOwnOrigin("https://mea.example.no", false));
  EXPECT_FALSE(https.IsOwnOrigin("http://mea.example.no", false));
  // Behind a trusted proxy that ends TLS, the page is https, the door not.
  DoorRules proxied = Rules("127.0.0.1", 8080, false, {"mea.example.no"});
  EXPECT_FALSE(proxied.IsOwnOrigin("https://mea.example.no", false));
  EXPECT_TRUE(proxied.IsOwnOrigin("https://mea.example.no", true));
}

std::string Raw(const std::string& method, const std::string& path,
                const std::string& host, const std::string& extra_headers = "",
                const std::string& body = "") {
  return absl::StrCat(method, " ", path, " HTTP/1.1\r\nHost: ", host, "\r\n",
                      extra_headers, "Content-Length: ", body.size(),
                      "\r\nConnection: close\r\n\r\n", body);
}

class DoorTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(mead_.Seed()); }
  std::string Own() const { return absl::StrCat("127.0.0.1:", port()); }
  int port() const { return mead_.http_port(); }
  bool MethodExists(const std::string& id) {
    return mead_.Get("/v1/methods/" + id).status == 200;
  }
  HttpServer mead_;
};

// DNS rebinding: attacker.example resolves to 127.0.0.1, and the page's
// requests carry its name.
TEST_F(DoorTest, ARequestForAnotherHostIsRefusedBeforeAnythingIsRead) {
  const std::string agreement = absl::StrCat("/v1/agreements/", kAgreementId);
  HttpAnswer own = RawHttp(port(), Raw("GET", agreement, Own()));
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_TRUE(absl::StrContains(own.body, "45210.50"));

  for (const std::string& host : {std::string("attacker.example"),
                                  absl::StrCat("attacker.example:", port()),
                                  absl::StrCat("127.0.0.1:", port() + 1)}) {
    for (const std::string& path :
         {agreement, std::string("/"), std::string("/v1/exports/dueItems.csv"),
          std::string("/v1/calendar/secretariat.ics")}) {
      HttpAnswer answer = RawHttp(port(), Raw("GET", path, host));
      EXPECT_EQ(answer.status, 421) << host << path;
      EXPECT_FALSE(absl::StrContains(answer.body, "45210.50"));
      EXPECT_EQ(ParseError(answer.body).code, 421) << answer.body;
      EXPECT_TRUE(absl::StrContains(ParseError(answer.body).message, host));
    }
  }
  EXPECT_EQ(
      RawHttp(port(), Raw("GET", agreement, absl::StrCat("localhost:", port())))
          .status,
      200);
  // HTTP/1.0 without Host names nobody.
  HttpAnswer no_host =
      RawHttp(port(), absl::StrCat("GET ", agreement, " HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(no_host.status, 421);
}

TEST_F(DoorTest, AChangeFromAnotherOriginIsRefused) {
  const std::string json = "Content-Type: application/json\r\n";
  HttpAnswer foreign =
      RawHttp(port(), Raw("POST", "/v1/methods", Own(),
                          json + "Origin: http://attacker.example\r\n",
                          MethodJson("ID2025_100")));
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_EQ(ParseError(foreign.body).status, "PERMISSION_DENIED");
  EXPECT_FALSE(MethodExists("ID2025_100"));

  HttpAnswer opaque =
      RawHttp(port(), Raw("POST", "/v1/methods", Own(),
                          json + "Origin: null\r\n", MethodJson("ID2025_101")));
  EXPECT_EQ(opaque.status, 403) << opaque.body;
  EXPECT_FALSE(MethodExists("ID2025_101"));

  // The web app's own page, and clients that send no Origin (curl).
  HttpAnswer own =
      RawHttp(port(), Raw("POST", "/v1/methods", Own(),
                          json + "Origin: http://" + Own() + "\r\n",
                          MethodJson("ID2025_102")));
  EXPECT_EQ(own.status, 200) << own.body;
  HttpAnswer none = RawHttp(port(), Raw("POST", "/v1/methods", Own(), json,
                                        MethodJson("ID2025_103")));
  EXPECT_EQ(none.status, 200) << none.body;

  // Reading from another origin is the browser's business (CORS: no
  // Access-Control-Allow-Origin, so the page cannot read the answer).
  HttpAnswer read = RawHttp(port(), Raw("GET", "/v1/methods", Own(),
                                        "Origin: http://attacker.example\r\n"));
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.Header("Access-Control-Allow-Origin"), "");
}

// A cross-site page may POST text/plain, a form or multipart without a
// preflight; none of them is JSON, none reaches a handler.
TEST_F(DoorTest, ABodyThatIsNotJsonIs415) {
  const std::string json_body = MethodJson("ID2025_110");
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"text/plain", json_body},
      {"text/plain;charset=UTF-8", json_body},
      {"application/x-www-form-urlencoded", json_body},
      {"multipart/form-data; boundary=x",
       absl::StrCat("--x\r\nContent-Disposition: form-data; name=\"m\"\r\n\r\n",
                    json_body, "\r\n--x--\r\n")}};
  for (const auto& [type, body] : bodies) {
    HttpAnswer answer =
        RawHttp(port(), Raw("POST", "/v1/methods", Own(),
                            "Content-Type: " + type + "\r\n", body));
    EXPECT_EQ(answer.status, 415) << type << answer.body;
    EXPECT_EQ(ParseError(answer.body).code, 415);
  }
  HttpAnswer untyped = RawHttp(
      port(), Raw("POST", "/v1/methods", Own(), "", MethodJson("ID2025_110")));
  EXPECT_EQ(untyped.status, 415) << untyped.body;
  EXPECT_FALSE(MethodExists("ID2025_110"));

  HttpAnswer json =
      RawHttp(port(), Raw("POST", "/v1/methods", Own(),
                          "Content-Type: Application/JSON; charset=utf-8\r\n",
                          MethodJson("ID2025_111")));
  EXPECT_EQ(json.status, 200) << json.body;
  // A bodiless POST needs no type.
  HttpAnswer bodiless =
      RawHttp(port(), Raw("POST",
                          absl::StrCat("/v1/decisions/", mead_.decision_id(),
                                       "/reassessment:start"),
                          Own()));
  EXPECT_EQ(bodiless.status, 200) << bodiless.body;
}

// With tokens the rules are the same: a stolen browser session (a token
// the page keeps) must not be usable from another site either.
TEST(DoorWithTokensTest, TheRulesHoldWithTokensToo) {
  TempDir folder;
  const std::string tokens = folder.File("tokens");
  std::ofstream(tokens) << identity::FormatTokenLine(
                               identity::HashToken("secretariat-token"),
                               {"Sekretær", "Sekretariatet for Nye metoder",
                                identity::Role::kSecretariat, ""},
                               std::nullopt)
                        << "\n";
  HttpServer::Options options;
  options.tokens_path = tokens;
  HttpServer mead(options);
  const int port = mead.http_port();
  const std::string own = absl::StrCat("127.0.0.1:", port);
  const std::string bearer = "Authorization: Bearer secretariat-token\r\n";
  const std::string json = "Content-Type: application/json\r\n";

  EXPECT_EQ(RawHttp(port, Raw("GET", "/v1/methods", "attacker.example", bearer))
                .status,
            421);
  EXPECT_EQ(
      RawHttp(port, Raw("POST", "/v1/methods", own,
                        bearer + json + "Origin: http://attacker.example\r\n",
                        MethodJson("ID2025_120")))
          .status,
      403);
  EXPECT_EQ(RawHttp(port, Raw("POST", "/v1/methods", own,
                              bearer + "Content-Type: text/plain\r\n",
                              MethodJson("ID2025_120")))
                .status,
            415);
  EXPECT_EQ(mead.Get("/v1/methods/ID2025_120").status, 404);
  HttpAnswer allowed =
      RawHttp(port, Raw("POST", "/v1/methods", own,
                        bearer + json + "Origin: http://" + own + "\r\n",
                        MethodJson("ID2025_120")));
  EXPECT_EQ(allowed.status, 200) << allowed.body;
}

TEST(DoorFlagsTest, AllowedHostsAreAnswered) {
  HttpServer::Options options;
  options.allowed_hosts = {"mea.example.no"};
  HttpServer mead(options);
  EXPECT_EQ(
      RawHttp(mead.http_port(), Raw("GET", "/v1/methods", "mea.example.no"))
          .status,
      200);
  EXPECT_EQ(
      RawHttp(mead.http_port(), Raw("GET", "/v1/methods", "other.example.no"))
          .status,
      421);
}

}  // namespace
}  // namespace mea::testing
