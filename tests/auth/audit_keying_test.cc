// A keyed audit trail cannot be downgraded (docs/security.md, "A keyed
// trail"): whoever can write the database but not read the key rehashes
// every entry as plain SHA-256 from entry 1 and needs keyed_from moved past
// the end to make it verify. mead records where keying began (in the
// database and the key file) and refuses to start without the key or with
// a later keyed_from; `audit verify` checks from the recorded entry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/server/server.h"
#include "storage/audit/chain.h"
#include "storage/audit/key_file.h"
#include "storage/audit/store.h"
#include "storage/core/database.h"
#include "tests/auth/secure_server.h"
#include "tests/support/database_inspection.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

constexpr char kKey[] =
    "key=8f3b0c7e5a2d4f6e1b9c8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e\n";

std::string WriteKeyFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

class AuditKeyingTest : public ::testing::Test {
 protected:
  AuditKeyingTest()
      : server_(SecureServer::Options{
            .tls = false, .audit_key_path = WriteKeyFile(KeyPath(), kKey)}) {}

  static std::string KeyPath() {
    static TempDir folder;  // outside the server's folder; removed at exit
    return folder.File("audit.key");
  }

  void SetUp() override {
    server_.Seed();
    path_ = server_.server().database().path();
    server_.Stop();
  }

  // mead on the same files, with `key_path` ("" for none).
  absl::Status TryStart(const std::string& key_path) {
    FixedClock clock(absl::CivilDay(2026, 3, 2));
    services::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.database_path = path_;
    options.clock = &clock;
    options.tokens_path = server_.tokens_path();
    options.audit_key_path = key_path;
    auto started = services::MeaServer::Start(options);
    if (!started.ok()) return started.status();
    (*started)->Shutdown(absl::ZeroDuration());
    (*started)->Wait();
    return absl::OkStatus();
  }

  std::string Sql(const std::string& sql) { return ExecSql(path_, sql); }

  // The downgrade: every entry rehashed as plain SHA-256 from entry 1, as
  // somebody without the key would.
  void RehashPlain() {
    std::vector<storage::audit::AuditEntry> entries;
    {
      auto database = storage::Database::Open(path_);
      ASSERT_TRUE(database.ok());
      ASSERT_TRUE((*database)
                      ->Read([&](storage::Connection& c) {
                        auto all = storage::audit::ReadAll(c);
                        if (all.ok()) entries = *all;
                        return all.status();
                      })
                      .ok());
    }
    std::string sql =
        "DROP TRIGGER audit_entries_append_only_update;"
        "DROP TRIGGER audit_entries_append_only_delete;";
    std::string previous = storage::audit::kGenesisHash;
    for (storage::audit::AuditEntry& entry : entries) {
      entry.previous_hash = previous;
      entry.entry_hash = storage::audit::EntryHash(entry);
      previous = entry.entry_hash;
      absl::StrAppend(&sql, "UPDATE audit_entries SET previous_hash = '",
                      entry.previous_hash, "', entry_hash = '",
                      entry.entry_hash, "' WHERE sequence = ", entry.sequence,
                      ";");
    }
    ASSERT_EQ(Sql(sql), "");
  }

  int64_t Head() {
    return QueryInt(path_, "SELECT max(sequence) FROM audit_entries")
        .value_or(0);
  }

  // What storage's verification says with the key file at `key_path`.
  storage::audit::Verification VerifyWith(const std::string& key_path) {
    auto database = storage::Database::Open(path_);
    EXPECT_TRUE(database.ok());
    auto key = storage::audit::ReadKeyFile(key_path);
    EXPECT_TRUE(key.ok()) << key.status();
    (*database)->SetAuditKey(*key);
    storage::audit::Verification result;
    EXPECT_TRUE((*database)
                    ->Read([&](storage::Connection& c) {
                      auto verified = storage::audit::Verify(c, 0, "");
                      if (verified.ok()) result = *verified;
                      return verified.status();
                    })
                    .ok());
    return result;
  }

  SecureServer server_;
  std::string path_;
};

TEST_F(AuditKeyingTest, MeadWritesTheFirstKeyedEntryIntoTheKeyFile) {
  EXPECT_TRUE(absl::StrContains(ReadFile(KeyPath()), "\nkeyed_from=1\n"))
      << ReadFile(KeyPath());
  EXPECT_TRUE(TryStart(KeyPath()).ok());
}

TEST_F(AuditKeyingTest, WithoutItsKeyAKeyedTrailIsRefused) {
  const absl::Status refused = TryStart("");
  EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  EXPECT_TRUE(absl::StrContains(refused.message(), "--audit_key_file"))
      << refused;
}

TEST_F(AuditKeyingTest, ALaterKeyedFromIsRefused) {
  WriteKeyFile(KeyPath(), absl::StrCat(kKey, "keyed_from=5\n"));
  const absl::Status refused = TryStart(KeyPath());
  EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  EXPECT_TRUE(absl::StrContains(refused.message(), "keyed from entry 1"))
      << refused;
}

TEST_F(AuditKeyingTest, TheDowngradeIsRefusedAtStartAndBrokenInVerify) {
  RehashPlain();
  // As the attacker would have it: keyed from after the newest entry.
  const std::string later = absl::StrCat(kKey, "keyed_from=", Head() + 1, "\n");
  WriteKeyFile(KeyPath(), later);
  EXPECT_TRUE(absl::IsFailedPrecondition(TryStart(KeyPath())));
  const storage::audit::Verification shrunk = VerifyWith(KeyPath());
  EXPECT_FALSE(shrunk.intact);
  EXPECT_EQ(shrunk.first_broken, 1);
  EXPECT_TRUE(absl::StrContains(shrunk.problem, "shrank")) << shrunk.problem;

  // With the key file as mead wrote it, mead starts (so that the trail
  // can be examined) and the chain is broken where keying began.
  WriteKeyFile(KeyPath(), absl::StrCat(kKey, "keyed_from=1\n"));
  EXPECT_TRUE(TryStart(KeyPath()).ok());
  const storage::audit::Verification rehashed = VerifyWith(KeyPath());
  EXPECT_FALSE(rehashed.intact);
  EXPECT_EQ(rehashed.first_broken, 1) << rehashed.problem;
}

// Removing the database's record of where keying began does not help: the
// key file names it.
TEST_F(AuditKeyingTest, ADeletedKeyingRecordLeavesTheKeyFileInCharge) {
  RehashPlain();
  ASSERT_EQ(Sql("DROP TRIGGER audit_keying_append_only_delete;"
                "DELETE FROM audit_keying;"),
            "");
  EXPECT_TRUE(TryStart(KeyPath()).ok());
  const storage::audit::Verification verified = VerifyWith(KeyPath());
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_broken, 1) << verified.problem;
}

}  // namespace
}  // namespace mea::testing
