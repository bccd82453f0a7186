// meactl audit list --all pages through the whole trail, through the real
// meactl against a real server.
#include <gtest/gtest.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

TEST(MeactlAuditTest, ListAllReadsEveryPage) {
  SecureServer server(SecureServer::Options{.tls = false});
  server.Seed();
  const int64_t rows = server.AuditRows();
  ASSERT_GT(rows, 4);
  const std::string token = server.TokenFile(Caller::kSecretariat);

  CommandResult one_page =
      RunMeactl(server.address(),
                {"--token_file", token, "audit", "list", "--page_size", "2"});
  ASSERT_EQ(one_page.exit_code, 0) << one_page.err;
  EXPECT_TRUE(absl::StrContains(one_page.out, "--page_token")) << one_page.out;

  CommandResult all = RunMeactl(
      server.address(),
      {"--token_file", token, "audit", "list", "--page_size", "2", "--all"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::vector<std::string> lines =
      absl::StrSplit(all.out, '\n', absl::SkipEmpty());
  // The header, then one row per entry, 1 to the last, without a hint of
  // more pages.
  ASSERT_EQ(lines.size(), static_cast<size_t>(rows) + 1) << all.out;
  EXPECT_TRUE(absl::StartsWith(lines[0], "SEQ")) << lines[0];
  for (int64_t sequence = 1; sequence <= rows; ++sequence) {
    EXPECT_TRUE(
        absl::StartsWith(lines[sequence], std::to_string(sequence) + " "))
        << lines[sequence];
  }
  EXPECT_FALSE(absl::StrContains(all.out, "--page_token")) << all.out;
}

}  // namespace
}  // namespace mea::testing
