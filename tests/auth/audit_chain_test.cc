// The audit trail: every change leaves an entry, the entries form a hash
// chain, the application cannot rewrite them, and `meactl audit verify`
// names the first entry that somebody with the database file altered,
// deleted or moved.
#include "storage/audit/chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "storage/audit/key_file.h"
#include "storage/audit/store.h"
#include "storage/core/database.h"
#include "tests/auth/secure_server.h"
#include "tests/support/database_inspection.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

class AuditChainTest : public ::testing::Test {
 protected:
  AuditChainTest() : AuditChainTest(SecureServer::Options{.tls = false}) {}
  explicit AuditChainTest(SecureServer::Options options) : server_(options) {}

  void SetUp() override {
    server_.Seed();
    ASSERT_GE(server_.AuditRows(), 6);
  }

  // meactl as the secretariat (or `caller`).
  CommandResult Meactl(const std::vector<std::string>& args,
                       Caller caller = Caller::kSecretariat) {
    std::vector<std::string> all = {"--token_file", server_.TokenFile(caller)};
    all.insert(all.end(), args.begin(), args.end());
    return RunMeactl(server_.address(), all);
  }

  std::string Tamper(const std::string& sql) { return server_.Tamper(sql); }

  // Prefixed to the SQL of a Tamper: mead recreates dropped triggers when
  // it starts (with an entry saying so), so they are dropped in the same
  // session as the edit.
  static constexpr char kDropTriggers[] =
      "DROP TRIGGER audit_entries_append_only_update;"
      "DROP TRIGGER audit_entries_append_only_delete;";

  std::string Column(int64_t sequence, const std::string& column) {
    return QueryValue(
        server_.server().database().path(),
        absl::StrCat("SELECT ", column,
                     " FROM audit_entries WHERE sequence = ", sequence));
  }

  void ExpectBrokenAt(int64_t sequence) {
    CommandResult verify = Meactl({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out << verify.err;
    EXPECT_TRUE(absl::StartsWith(
        verify.out, absl::StrCat("BROKEN at entry ", sequence, ":")))
        << verify.out;
  }

  // Entry `sequence` as stored.
  storage::audit::AuditEntry Entry(int64_t sequence) {
    storage::audit::AuditEntry entry;
    entry.sequence = sequence;
    entry.record.time = Column(sequence, "time");
    entry.record.principal = Column(sequence, "principal");
    entry.record.organisation = Column(sequence, "organisation");
    entry.record.role = Column(sequence, "role");
    entry.record.credential = Column(sequence, "credential");
    entry.record.rpc = Column(sequence, "rpc");
    entry.record.resource = Column(sequence, "resource");
    entry.record.request_digest = Column(sequence, "request_digest");
    entry.record.reason = Column(sequence, "reason");
    entry.previous_hash = Column(sequence, "previous_hash");
    entry.entry_hash = Column(sequence, "entry_hash");
    entry.version = std::stoi(Column(sequence, "version"));
    entry.state_digest = Column(sequence, "state_digest");
    return entry;
  }

  // What somebody who can write the database file but not read the audit
  // key can do at best: change entry `sequence` and recompute every hash
  // from there to the newest entry, so that the chain links up again.
  void RewriteFrom(int64_t sequence, const std::string& principal) {
    std::string sql = kDropTriggers;
    std::string previous_hash = Column(sequence, "previous_hash");
    for (int64_t at = sequence; at <= server_.AuditRows(); ++at) {
      storage::audit::AuditEntry entry = Entry(at);
      if (at == sequence) entry.record.principal = principal;
      entry.previous_hash = previous_hash;
      entry.entry_hash = storage::audit::EntryHash(entry);
      previous_hash = entry.entry_hash;
      absl::StrAppend(&sql, "UPDATE audit_entries SET principal = '",
                      entry.record.principal, "', previous_hash = '",
                      entry.previous_hash, "', entry_hash = '",
                      entry.entry_hash, "' WHERE sequence = ", at, ";");
    }
    ASSERT_EQ(Tamper(sql), "");
  }

  SecureServer server_;
};

TEST_F(AuditChainTest, AnUntouchedChainVerifies) {
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_TRUE(absl::StartsWith(
      verify.out, absl::StrCat("intact: ", server_.AuditRows(), " entries")))
      << verify.out;
}

TEST_F(AuditChainTest, EntriesNameWhoChangedWhat) {
  CommandResult list = Meactl(
      {"--output", "json", "audit", "list", "--resource", "agreements/SI-A"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(absl::StrContains(list.out, "\"principal\": \"Per Innkjøper\""))
      << list.out;
  EXPECT_TRUE(absl::StrContains(list.out, "\"role\": \"PROCUREMENT\""));
  EXPECT_TRUE(absl::StrContains(list.out, "CreateAgreement"));
  EXPECT_TRUE(absl::StrContains(list.out, "SettleAgreement"));
  EXPECT_TRUE(absl::StrContains(list.out, "\"credential\": \"token:"));
  EXPECT_FALSE(absl::StrContains(list.out, "agreements/SI-B"));

  CommandResult by_principal =
      Meactl({"audit", "list", "--principal", "Siri Sekretær"});
  ASSERT_EQ(by_principal.exit_code, 0) << by_principal.err;
  EXPECT_TRUE(absl::StrContains(by_principal.out, "CreateMethod"));
  EXPECT_TRUE(absl::StrContains(by_principal.out, "CreateDecision"));
  EXPECT_FALSE(absl::StrContains(by_principal.out, "CreateAgreement"));
}

TEST_F(AuditChainTest, TheApplicationCannotRewriteEntries) {
  EXPECT_TRUE(absl::StrContains(
      Tamper("UPDATE audit_entries SET principal = 'x' WHERE sequence = 1"),
      "append-only"));
  EXPECT_TRUE(absl::StrContains(
      Tamper("DELETE FROM audit_entries WHERE sequence = 1"), "append-only"));
  EXPECT_EQ(Meactl({"audit", "verify"}).exit_code, 0);
}

TEST_F(AuditChainTest, AnAlteredEntryBreaksTheChainThere) {
  ASSERT_EQ(Tamper(std::string(kDropTriggers) +
                   "UPDATE audit_entries SET principal = 'Mallory' "
                   "WHERE sequence = 3"),
            "");
  ExpectBrokenAt(3);
}

TEST_F(AuditChainTest, AnAlteredReasonBreaksTheChainThere) {
  ASSERT_EQ(Tamper(std::string(kDropTriggers) +
                   "UPDATE audit_entries SET request_digest = "
                   "'0000000000000000000000000000000000000000000000000000000000"
                   "000000' WHERE sequence = 5"),
            "");
  ExpectBrokenAt(5);
}

TEST_F(AuditChainTest, ARehashedAlteredEntryBreaksTheLinkAfterIt) {
  storage::audit::AuditEntry entry = Entry(2);
  entry.record.principal = "Mallory";
  const std::string forged = storage::audit::EntryHash(entry);
  ASSERT_EQ(Tamper(absl::StrCat(kDropTriggers,
                                "UPDATE audit_entries SET principal = "
                                "'Mallory', entry_hash = '",
                                forged, "' WHERE sequence = 2")),
            "");
  ExpectBrokenAt(3);
}

TEST_F(AuditChainTest, ADeletedEntryBreaksTheChainThere) {
  ASSERT_EQ(Tamper(std::string(kDropTriggers) +
                   "DELETE FROM audit_entries WHERE sequence = 4"),
            "");
  ExpectBrokenAt(4);
}

TEST_F(AuditChainTest, ReorderedEntriesBreakTheChainAtTheFirstMoved) {
  ASSERT_EQ(
      Tamper(std::string(kDropTriggers) +
             "UPDATE audit_entries SET sequence = 1000 WHERE sequence = 2;"
             "UPDATE audit_entries SET sequence = 2 WHERE sequence = 3;"
             "UPDATE audit_entries SET sequence = 3 WHERE sequence = 1000;"),
      "");
  ExpectBrokenAt(2);
}

TEST_F(AuditChainTest, TheAnchorCatchesRemovedNewestEntries) {
  const int64_t rows = server_.AuditRows();
  const std::string anchor =
      absl::StrCat(rows, ":", Column(rows, "entry_hash"));
  // Anchors are checked for roles that see the figures (the hashes are
  // derived from them); procurement keeps this one.
  EXPECT_EQ(
      Meactl({"audit", "verify", "--anchor", anchor}, Caller::kProcurement)
          .exit_code,
      0);
  ASSERT_EQ(
      Tamper(absl::StrCat(kDropTriggers,
                          "DELETE FROM audit_entries WHERE sequence = ", rows)),
      "");
  // The links alone still fit (mead appended its entry about the dropped
  // triggers after entry rows - 1), but the row digests the removed entry
  // recorded are left over, and the anchor names the entry.
  CommandResult alone = Meactl({"audit", "verify"});
  EXPECT_EQ(alone.exit_code, 1) << alone.out << alone.err;
  CommandResult verify =
      Meactl({"audit", "verify", "--anchor", anchor}, Caller::kProcurement);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_TRUE(
      absl::StartsWith(verify.out, absl::StrCat("BROKEN at entry ", rows, ":")))
      << verify.out;
}

// The limit of a plain chain (docs/security.md): rewritten consistently
// from an entry to the end, it verifies again. Only the anchor catches it.
TEST_F(AuditChainTest, APlainChainRewrittenToTheEndVerifiesAgain) {
  RewriteFrom(3, "Mallory");
  EXPECT_EQ(Column(3, "principal"), "Mallory");
  EXPECT_EQ(Meactl({"audit", "verify"}).exit_code, 0);
}

// A 64-hex-digit key in a file only its owner may read.
std::string WriteKeyFile(TempDir& folder, const std::string& text) {
  const std::string path = folder.File("audit.key");
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return path;
}

constexpr char kKeyLine[] =
    "key=8f3b0c7e5a2d4f6e1b9c8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e\n";

class KeyedAuditChainTest : public AuditChainTest {
 protected:
  KeyedAuditChainTest()
      : AuditChainTest(SecureServer::Options{
            .tls = false,
            .audit_key_path = WriteKeyFile(
                KeyFolder(), absl::StrCat("# test key\n", kKeyLine))}) {}

  // The folder of the key, outside the server's (and its backups').
  static TempDir& KeyFolder() {
    static TempDir folder;  // removed at exit
    return folder;
  }
};

TEST_F(KeyedAuditChainTest, AKeyedChainVerifiesAndSaysSo) {
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("keyed (HMAC-SHA256) from entry 1"),
            std::string::npos)
      << verify.out;
}

// What the key buys: the same consistent rewrite is caught where it begins.
TEST_F(KeyedAuditChainTest, AChainRewrittenWithoutTheKeyBreaksWhereItBegins) {
  RewriteFrom(3, "Mallory");
  ExpectBrokenAt(3);
}

TEST_F(KeyedAuditChainTest, OpenedWithoutItsKeyTheTrailSaysSo) {
  const std::string path = server_.server().database().path();
  server_.Stop();
  auto database = storage::Database::Open(path);
  ASSERT_TRUE(database.ok()) << database.status();
  const absl::Status plain = (*database)->Read([](storage::Connection& c) {
    return storage::audit::CheckNewestEntry(c);
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(plain)) << plain;
  EXPECT_NE(plain.message().find("--audit_key_file"), std::string::npos);

  absl::StatusOr<storage::audit::ChainKey> key =
      storage::audit::ReadKeyFile(KeyFolder().File("audit.key"));
  ASSERT_TRUE(key.ok()) << key.status();
  (*database)->SetAuditKey(*key);
  EXPECT_TRUE((*database)
                  ->Read([](storage::Connection& c) {
                    return storage::audit::CheckNewestEntry(c);
                  })
                  .ok());
  database->reset();
  server_.Start();
}

// Keying a trail that already has plain entries: from the next entry on.
TEST_F(AuditChainTest, AnExistingTrailIsKeyedFromTheNextEntry) {
  const int64_t plain_rows = server_.AuditRows();
  const std::string path = server_.server().database().path();
  server_.Stop();
  auto database = storage::Database::Open(path);
  ASSERT_TRUE(database.ok()) << database.status();
  auto check_newest = [](storage::Connection& connection) {
    return storage::audit::CheckNewestEntry(connection);
  };

  // A key that claims the plain entries too is caught, without advising
  // to raise keyed_from (which is what a downgrade needs).
  storage::audit::ChainKey key;
  key.secret = std::string(32, 'k');
  (*database)->SetAuditKey(key);
  const absl::Status too_early = (*database)->Read(check_newest);
  EXPECT_TRUE(absl::IsFailedPrecondition(too_early));
  EXPECT_EQ(too_early.message().find("keyed_from"), std::string::npos)
      << too_early;

  key.keyed_from = plain_rows + 1;
  (*database)->SetAuditKey(key);
  EXPECT_TRUE((*database)->Read(check_newest).ok());
  storage::audit::AuditRecord record;
  record.time = "2026-03-02T10:00:00Z";
  record.principal = "Sekretariatet";
  record.rpc = "/mea.v1.TrackingService/UpdateMethod";
  record.resource = "methods/ID2024_001";
  ASSERT_TRUE((*database)
                  ->Write([&](storage::Connection& connection) {
                    return storage::audit::Append(connection, record).status();
                  })
                  .ok());
  auto verify = [&database] {
    absl::StatusOr<storage::audit::Verification> result;
    EXPECT_TRUE((*database)
                    ->Read([&](storage::Connection& connection) {
                      result = storage::audit::Verify(connection, 0, "");
                      return result.status();
                    })
                    .ok());
    return *result;
  };
  const storage::audit::Verification keyed = verify();
  EXPECT_TRUE(keyed.intact) << keyed.problem;
  EXPECT_EQ(keyed.keyed_from, plain_rows + 1);
  EXPECT_EQ(keyed.head_sequence, plain_rows + 1);

  // Without the key, the keyed entry is what does not verify.
  (*database)->SetAuditKey({});
  const storage::audit::Verification plain = verify();
  EXPECT_FALSE(plain.intact);
  EXPECT_EQ(plain.first_broken, plain_rows + 1);
  database->reset();
  server_.Start();
}

TEST(AuditKeyFileTest, RefusesWhatIsNotASafeKey) {
  TempDir folder;
  EXPECT_TRUE(storage::audit::ReadKeyFile(WriteKeyFile(folder, kKeyLine)).ok());
  EXPECT_TRUE(absl::IsInvalidArgument(
      storage::audit::ReadKeyFile(WriteKeyFile(folder, "key=abcd\n"))
          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      storage::audit::ReadKeyFile(
          WriteKeyFile(folder, absl::StrCat(kKeyLine, "keyed_from=0\n")))
          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      storage::audit::ReadKeyFile(WriteKeyFile(folder, "# nothing\n"))
          .status()));
  const std::string readable = WriteKeyFile(folder, kKeyLine);
  std::filesystem::permissions(readable, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  EXPECT_TRUE(absl::IsFailedPrecondition(
      storage::audit::ReadKeyFile(readable).status()));
}

}  // namespace
}  // namespace mea::testing
