// One spelling of flags: mead's (Abseil's) and meactl's are spelt with
// underscores (--tls_cert); a hyphenated one (--tls-cert) is refused with
// the underscore form as hint, before anything is opened or called. Runs
// the real build/bin/mead and build/bin/meactl.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

// Every "--word-word" in `text`: a hyphenated flag name.
std::vector<std::string> HyphenatedFlags(const std::string& text) {
  static const std::regex kFlag("--[a-z0-9]+(-[a-z0-9]+)+");
  std::vector<std::string> found;
  for (auto match = std::sregex_iterator(text.begin(), text.end(), kFlag);
       match != std::sregex_iterator(); ++match) {
    found.push_back(match->str());
  }
  return found;
}

TEST(MeadFlagsTest, AHyphenatedFlagIsRefusedWithTheUnderscoreForm) {
  TempDir folder;
  const std::string database = folder.File("mea.db");
  const std::vector<std::vector<std::string>> spellings = {
      {"--tls-cert=x"},
      {"--tls-cert", "x"},
      {"-tls-cert=x"},
      {"--http-listen=127.0.0.1:0"},
  };
  const std::vector<std::string> hints = {"--tls_cert", "--tls_cert",
                                          "--tls_cert", "--http_listen"};
  for (size_t i = 0; i < spellings.size(); ++i) {
    std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--db",
                                     database};
    args.insert(args.end(), spellings[i].begin(), spellings[i].end());
    const CommandResult result = RunCommand(BinaryPath("mead"), args);
    SCOPED_TRACE(spellings[i][0]);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(absl::StrContains(result.err, "unknown flag")) << result.err;
    EXPECT_TRUE(
        absl::StrContains(result.err, "spelt with underscores (" + hints[i]))
        << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_FALSE(std::filesystem::exists(database))
        << "mead opened its database before refusing the flag";
  }
}

TEST(MeadFlagsTest, TheUnderscoreFormIsTakenAndAValueIsNotAFlag) {
  TempDir folder;
  // --tls_cert is taken: mead gets as far as checking the TLS files.
  CommandResult result =
      RunCommand(BinaryPath("mead"), {"--listen", "127.0.0.1:0", "--db",
                                      folder.File("mea.db"), "--tls_cert=x"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(
      absl::StrContains(result.err, "--tls_cert and --tls_key go together"))
      << result.err;
  EXPECT_FALSE(absl::StrContains(result.err, "unknown flag")) << result.err;

  // The word after a flag that takes a value is that value, even when it
  // starts with a dash: --today gets "-x-y" and refuses it as a date.
  result = RunCommand(BinaryPath("mead"),
                      {"--db", folder.File("mea.db"), "--today", "-x-y"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(absl::StrContains(result.err, "--today: not a valid date"))
      << result.err;
  EXPECT_FALSE(absl::StrContains(result.err, "unknown flag")) << result.err;
}

TEST(MeadFlagsTest, HelpNamesTheUnderscoreFlagsOnly) {
  const CommandResult result = RunCommand(BinaryPath("mead"), {"--help"});
  const std::string help = result.out + result.err;
  for (const char* flag :
       {"--tls_cert", "--tls_key", "--tls_client_ca", "--http_listen",
        "--web_root", "--audit_key_file", "--port_file", "--backup_dir"}) {
    EXPECT_TRUE(absl::StrContains(help, flag)) << help;
  }
  EXPECT_EQ(HyphenatedFlags(help), std::vector<std::string>{}) << help;
}

TEST(MeactlFlagsTest, AHyphenatedFlagIsRefusedWithTheUnderscoreForm) {
  // Nothing listens on port 1: a flag that got through would end in a
  // failed call (exit 1), not in a usage error.
  const std::vector<std::vector<std::string>> cases = {
      {"--tls-cert", "client.pem", "audit", "list"},
      {"--token-file=secret.token", "due"},
      {"due", "--page-size", "1"},
      {"settle", "SI-2025-0042", "--from", "2025-01-01", "--to", "2025-12-31",
       "--as-of=2026-01-01"},
  };
  const std::vector<std::string> hints = {"--tls_cert", "--token_file",
                                          "--page_size", "--as_of"};
  for (size_t i = 0; i < cases.size(); ++i) {
    std::vector<std::string> args = {"--server", "127.0.0.1:1"};
    args.insert(args.end(), cases[i].begin(), cases[i].end());
    const CommandResult result = RunCommand(BinaryPath("meactl"), args);
    SCOPED_TRACE(hints[i]);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(
        absl::StrContains(result.err, "spelt with underscores (" + hints[i]))
        << result.err;
    EXPECT_FALSE(absl::StrContains(result.err, "secret")) << result.err;
  }

  // The underscore form is taken and the call is made (and fails: no
  // server).
  const CommandResult paged =
      RunCommand(BinaryPath("meactl"),
                 {"--server", "127.0.0.1:1", "due", "--page_size", "1"});
  EXPECT_EQ(paged.exit_code, 1) << paged.err;
  EXPECT_TRUE(absl::StrContains(paged.err, "UNAVAILABLE")) << paged.err;
}

TEST(MeactlFlagsTest, HelpNamesTheUnderscoreFlagsOnly) {
  const CommandResult result = RunCommand(BinaryPath("meactl"), {"--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const char* flag : {"--tls_cert", "--tls_ca", "--token_file",
                           "--page_size", "--batch_size", "--as_of"}) {
    EXPECT_TRUE(absl::StrContains(result.out, flag)) << result.out;
  }
  EXPECT_EQ(HyphenatedFlags(result.out), std::vector<std::string>{})
      << result.out;
}

}  // namespace
}  // namespace mea::testing
