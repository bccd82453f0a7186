// Bearer tokens: the token file's format, which tokens are refused (wrong,
// missing, expired, revoked), revocation without a restart, and that no
// token ever reaches a log or meactl's output.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "identity/token_file.h"
#include "tests/auth/background_process.h"
#include "tests/auth/rpc_cases.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

namespace auth = services::auth;

constexpr char kHash[] =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST(TokenFileTest, ReadsPrincipalsAndOptions) {
  auto entries = identity::ParseTokenFile(
      absl::StrCat("# comment\n\n", kHash,
                   "\tSiri\tSekretariatet for Nye metoder\tSECRETARIAT\t"
                   "valid_until=2026-12-31\trevoked\r\n"));
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  const identity::TokenEntry& entry = (*entries)[0];
  EXPECT_EQ(identity::HashHex(entry.hash), kHash);
  EXPECT_EQ(identity::HashHex(identity::HashToken("test")), kHash);
  EXPECT_EQ(entry.principal.name, "Siri");
  EXPECT_EQ(entry.principal.organisation, "Sekretariatet for Nye metoder");
  EXPECT_EQ(entry.principal.role, identity::Role::kSecretariat);
  EXPECT_EQ(entry.principal.credential, "token:9f86d081884c");
  EXPECT_EQ(entry.valid_until, absl::CivilDay(2026, 12, 31));
  EXPECT_TRUE(entry.revoked);
}

TEST(TokenFileTest, NamesTheLineOfEveryProblem) {
  const std::string good = absl::StrCat(kHash, "\tA\tOrg\tPROCUREMENT\n");
  struct Case {
    std::string line;
    std::string problem;
  };
  for (const Case& bad : std::vector<Case>{
           {"abc\tA\tOrg\tPROCUREMENT", "64 lowercase hex"},
           {absl::StrCat(kHash, "\tA\tOrg"), "separated by TAB"},
           {absl::StrCat(kHash, "\tA\tOrg\tADMIN"), "role must be"},
           {absl::StrCat(kHash, "\tA\tOrg\tPUBLIC"), "role must be"},
           {absl::StrCat(kHash, "\t\tOrg\tPROCUREMENT"), "name is empty"},
           {absl::StrCat(kHash, "\tA\t\tSUPPLIER"), "needs its organisation"},
           {absl::StrCat(kHash,
                         "\tA\tOrg\tPROCUREMENT\tvalid_until=2026-02-30"),
            "valid_until"},
           {absl::StrCat(kHash, "\tA\tOrg\tPROCUREMENT\tforever"),
            "unknown option"},
           {good.substr(0, good.size() - 1), "appears twice"},
       }) {
    auto parsed =
        identity::ParseTokenFile(absl::StrCat("# head\n", good, bad.line, "\n"));
    ASSERT_FALSE(parsed.ok()) << bad.line;
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), "line 3: "))
        << parsed.status();
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), bad.problem))
        << parsed.status();
    EXPECT_FALSE(absl::StrContains(parsed.status().message(), kHash));
  }
}

class TokenTest : public ::testing::Test {
 protected:
  TokenTest() : server_(SecureServer::Options{.tls = false}) {}

  grpc::Status ListAudit(Caller caller) {
    return FindRpcCase("/mea.v1.AuditService/ListAuditEntries")
        .call(server_, caller, Target::kOwn)
        .status;
  }
  grpc::Status GetMethod(Caller caller) {
    return FindRpcCase("/mea.v1.TrackingService/ListMethods")
        .call(server_, caller, Target::kOwn)
        .status;
  }

  SecureServer server_;
};

TEST_F(TokenTest, WrongMissingExpiredAndRevokedTokensAreRefused) {
  EXPECT_TRUE(ListAudit(Caller::kSecretariat).ok());
  // The last valid day of a token still counts.
  EXPECT_TRUE(ListAudit(Caller::kProcurement).ok());
  for (Caller caller :
       {Caller::kWrong, Caller::kPublic, Caller::kExpired, Caller::kRevoked}) {
    SCOPED_TRACE(CallerName(caller));
    EXPECT_EQ(ListAudit(caller).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  // The public view needs no token, but a bad token is not the public.
  EXPECT_TRUE(GetMethod(Caller::kPublic).ok());
  for (Caller caller : {Caller::kWrong, Caller::kExpired, Caller::kRevoked}) {
    SCOPED_TRACE(CallerName(caller));
    EXPECT_EQ(GetMethod(caller).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_F(TokenTest, AMalformedAuthorizationHeaderIsRefused) {
  auto stub = server_.Tracking();
  for (const char* header :
       {"Basic c2VjcmV0", "Bearer", "Bearer two words", "bearer  "}) {
    grpc::ClientContext call;
    call.AddMetadata("authorization", header);
    v1::ListMethodsResponse response;
    EXPECT_EQ(stub->ListMethods(&call, v1::ListMethodsRequest(), &response)
                  .error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << header;
  }
}

TEST_F(TokenTest, RevokingInTheFileTakesEffectWithoutRestart) {
  ASSERT_TRUE(ListAudit(Caller::kSecretariat).ok());
  std::string file = ReadText(server_.tokens_path());
  WriteText(server_.tokens_path(),
            absl::StrReplaceAll(
                file, {{"\tSECRETARIAT\n", "\tSECRETARIAT\trevoked\n"}}));
  EXPECT_EQ(ListAudit(Caller::kSecretariat).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(ListAudit(Caller::kForumMember).ok());
}

TEST_F(TokenTest, AnUnusableTokenFileRefusesEveryTokenUntilFixed) {
  const std::string file = ReadText(server_.tokens_path());
  WriteText(server_.tokens_path(), file + "not a token line\n");
  EXPECT_EQ(ListAudit(Caller::kSecretariat).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  WriteText(server_.tokens_path(), file);
  EXPECT_TRUE(ListAudit(Caller::kSecretariat).ok());
}

TEST_F(TokenTest, MeactlReadsItsTokenFromTheEnvironmentOrAFile) {
  CommandResult none = RunMeactl(server_.address(), {"audit", "list"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(none.err, "UNAUTHENTICATED")) << none.err;

  CommandResult from_file =
      RunMeactl(server_.address(),
                {"--token_file", server_.TokenFile(Caller::kSecretariat),
                 "audit", "list"});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;

  setenv("MEA_TOKEN", server_.token(Caller::kSecretariat).c_str(), 1);
  CommandResult from_environment =
      RunMeactl(server_.address(), {"audit", "list"});
  unsetenv("MEA_TOKEN");
  EXPECT_EQ(from_environment.exit_code, 0) << from_environment.err;

  const std::string secret = server_.token(Caller::kSecretariat);
  CommandResult argument =
      RunMeactl(server_.address(), {"--token", secret, "audit", "list"});
  EXPECT_EQ(argument.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(argument.err, "never given on the command"));
  EXPECT_FALSE(absl::StrContains(argument.err + argument.out, secret));
}

TEST_F(TokenTest, MeactlTokenNewMakesATokenTheServerAccepts) {
  const std::string token_path = server_.folder().File("new-token");
  CommandResult made = RunCommand(
      BinaryPath("meactl"),
      {"token", "new", "--name", "Nina Ny", "--organisation", "Helse Nord RHF",
       "--role", "FORUM_MEMBER", "--token_out", token_path});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string token(absl::StripAsciiWhitespace(ReadText(token_path)));
  EXPECT_FALSE(absl::StrContains(made.out, token));
  struct stat info;
  ASSERT_EQ(stat(token_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);

  CommandResult hashed =
      RunCommand(BinaryPath("meactl"), {"token", "hash"}, token + "\n");
  ASSERT_EQ(hashed.exit_code, 0);
  EXPECT_TRUE(absl::StartsWith(made.out, hashed.out.substr(0, 64)));

  std::ofstream(server_.tokens_path(), std::ios::app) << made.out;
  CommandResult list = RunMeactl(server_.address(),
                                 {"--token_file", token_path, "audit", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;

  // It refuses to overwrite an existing token file.
  EXPECT_EQ(RunCommand(BinaryPath("meactl"),
                       {"token", "new", "--name", "X", "--role", "SECRETARIAT",
                        "--token_out", token_path})
                .exit_code,
            1);
}

// The real mead with a token file: right, wrong, expired and revoked
// tokens are used, and afterwards neither mead's log nor meactl's output
// holds any of them.
TEST(TokenLogTest, NoTokenEverAppearsInALog) {
  SecureServer tokens(SecureServer::Options{.tls = false});
  const std::string log_path = tokens.folder().File("mead.log");
  BackgroundProcess mead(
      BinaryPath("mead"),
      {"--listen", "127.0.0.1:0", "--db", tokens.folder().File("logged.db"),
       "--tokens", tokens.tokens_path(), "--today", "2026-03-02"},
      log_path);
  ASSERT_TRUE(mead.WaitForLog("serving on ")) << mead.Log();
  const std::string log = mead.Log();
  const size_t at = log.find("serving on ") + std::string("serving on ").size();
  const std::string address = log.substr(at, log.find(' ', at) - at);

  std::string outputs;
  for (Caller caller : {Caller::kSecretariat, Caller::kWrong, Caller::kExpired,
                        Caller::kRevoked, Caller::kRegistry}) {
    for (const std::vector<std::string>& command :
         std::vector<std::vector<std::string>>{
             {"methods", "create", "--id", "ID2026_001", "--title", "T",
              "--substance", "S", "--supplier", "Leverandør A AS"},
             {"audit", "list"}}) {
      std::vector<std::string> args = {"--token_file",
                                       tokens.TokenFile(caller)};
      args.insert(args.end(), command.begin(), command.end());
      CommandResult result = RunMeactl(address, args);
      outputs += result.out + result.err;
    }
  }
  EXPECT_EQ(mead.Stop(), 0);
  const std::string final_log = mead.Log();
  // The log did record the refusals, so it was looked at, not empty.
  EXPECT_TRUE(absl::StrContains(final_log, "refused")) << final_log;
  EXPECT_TRUE(absl::StrContains(final_log, "unknown token")) << final_log;
  for (Caller caller : {Caller::kSecretariat, Caller::kWrong, Caller::kExpired,
                        Caller::kRevoked, Caller::kRegistry}) {
    SCOPED_TRACE(CallerName(caller));
    EXPECT_FALSE(absl::StrContains(final_log, tokens.token(caller)));
    EXPECT_FALSE(absl::StrContains(outputs, tokens.token(caller)));
  }
}

}  // namespace
}  // namespace mea::testing
