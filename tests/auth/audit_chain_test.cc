// The audit trail: every change leaves an entry, the entries form a hash
// chain, the application cannot rewrite them, and `meactl audit verify`
// names the first entry that somebody with the database file altered,
// deleted or moved.
#include "storage/audit_chain.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Seed();
    ASSERT_GE(server_.AuditRows(), 6);
  }

  // meactl as the secretariat.
  CommandResult Meactl(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--token-file",
                                    server_.TokenFile(Caller::kSecretariat)};
    all.insert(all.end(), args.begin(), args.end());
    return RunMeactl(server_.address(), all);
  }

  // Runs SQL on the database file through a connection of its own while
  // mead is stopped, as somebody with access to the file could.
  std::string Tamper(const std::string& sql) {
    const std::string path = server_.server().database().path();
    server_.Stop();
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error == nullptr ? "" : error;
    sqlite3_free(error);
    sqlite3_close(db);
    server_.Start();
    return message;
  }

  void DropTriggers() {
    ASSERT_EQ(Tamper("DROP TRIGGER audit_entries_append_only_update;"
                     "DROP TRIGGER audit_entries_append_only_delete;"),
              "");
  }

  std::string Column(int64_t sequence, const std::string& column) {
    sqlite3* db = nullptr;
    sqlite3_open(server_.server().database().path().c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       absl::StrCat("SELECT ", column,
                                    " FROM audit_entries WHERE sequence = ?1")
                           .c_str(),
                       -1, &statement, nullptr);
    sqlite3_bind_int64(statement, 1, sequence);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }

  void ExpectBrokenAt(int64_t sequence) {
    CommandResult verify = Meactl({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out << verify.err;
    EXPECT_TRUE(absl::StartsWith(
        verify.out, absl::StrCat("BROKEN at entry ", sequence, ":")))
        << verify.out;
  }

  SecureServer server_{SecureServer::Options{.tls = false}};
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
  DropTriggers();
  ASSERT_EQ(Tamper("UPDATE audit_entries SET principal = 'Mallory' "
                   "WHERE sequence = 3"),
            "");
  ExpectBrokenAt(3);
}

TEST_F(AuditChainTest, AnAlteredReasonBreaksTheChainThere) {
  DropTriggers();
  ASSERT_EQ(Tamper("UPDATE audit_entries SET request_digest = "
                   "'0000000000000000000000000000000000000000000000000000000000"
                   "000000' WHERE sequence = 5"),
            "");
  ExpectBrokenAt(5);
}

TEST_F(AuditChainTest, ARehashedAlteredEntryBreaksTheLinkAfterIt) {
  DropTriggers();
  storage::audit::AuditEntry entry;
  entry.sequence = 2;
  entry.record.time = Column(2, "time");
  entry.record.principal = "Mallory";
  entry.record.organisation = Column(2, "organisation");
  entry.record.role = Column(2, "role");
  entry.record.credential = Column(2, "credential");
  entry.record.rpc = Column(2, "rpc");
  entry.record.resource = Column(2, "resource");
  entry.record.request_digest = Column(2, "request_digest");
  entry.record.reason = Column(2, "reason");
  entry.previous_hash = Column(2, "previous_hash");
  const std::string forged = storage::audit::EntryHash(entry);
  ASSERT_EQ(Tamper(absl::StrCat("UPDATE audit_entries SET principal = "
                                "'Mallory', entry_hash = '",
                                forged, "' WHERE sequence = 2")),
            "");
  ExpectBrokenAt(3);
}

TEST_F(AuditChainTest, ADeletedEntryBreaksTheChainThere) {
  DropTriggers();
  ASSERT_EQ(Tamper("DELETE FROM audit_entries WHERE sequence = 4"), "");
  ExpectBrokenAt(4);
}

TEST_F(AuditChainTest, ReorderedEntriesBreakTheChainAtTheFirstMoved) {
  DropTriggers();
  ASSERT_EQ(
      Tamper("UPDATE audit_entries SET sequence = 1000 WHERE sequence = 2;"
             "UPDATE audit_entries SET sequence = 2 WHERE sequence = 3;"
             "UPDATE audit_entries SET sequence = 3 WHERE sequence = 1000;"),
      "");
  ExpectBrokenAt(2);
}

TEST_F(AuditChainTest, TheAnchorCatchesRemovedNewestEntries) {
  const int64_t rows = server_.AuditRows();
  const std::string anchor =
      absl::StrCat(rows, ":", Column(rows, "entry_hash"));
  EXPECT_EQ(Meactl({"audit", "verify", "--anchor", anchor}).exit_code, 0);
  DropTriggers();
  ASSERT_EQ(
      Tamper(absl::StrCat("DELETE FROM audit_entries WHERE sequence = ", rows)),
      "");
  // The chain alone still looks whole; the anchor does not.
  EXPECT_EQ(Meactl({"audit", "verify"}).exit_code, 0);
  CommandResult verify = Meactl({"audit", "verify", "--anchor", anchor});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_TRUE(
      absl::StartsWith(verify.out, absl::StrCat("BROKEN at entry ", rows, ":")))
      << verify.out;
}

}  // namespace
}  // namespace mea::testing
