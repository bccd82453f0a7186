// The audit trail covers the data itself (docs/security.md, "Row
// digests"): a business row changed, added or deleted with the sqlite3 C
// API behind mead's back (mead stopped, then started again) is named by
// `meactl audit verify`, by table and key and never by a figure; a dropped
// immutability trigger is back after a restart, with an audit entry by
// `mead` saying so; normal use through the API stays intact.
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "storage/audit/chain.h"
#include "tests/auth/secure_server.h"
#include "tests/support/database_inspection.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

class AuditStateTest : public ::testing::Test {
 protected:
  AuditStateTest() : server_(SecureServer::Options{.tls = false}) {}

  void SetUp() override { server_.Seed(); }

  CommandResult Meactl(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--token_file",
                                    server_.TokenFile(Caller::kSecretariat)};
    all.insert(all.end(), args.begin(), args.end());
    return RunMeactl(server_.address(), all);
  }

  std::string Tamper(const std::string& sql) { return server_.Tamper(sql); }

  // One value read from the live file.
  std::string Query(const std::string& sql) {
    return QueryValue(server_.server().database().path(), sql);
  }

  // `audit verify` fails and names `line` (e.g. "changed outside mea:
  // agreements [\"SI-A\"]").
  CommandResult ExpectNamed(const std::string& line) {
    CommandResult verify = Meactl({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out << verify.err;
    EXPECT_TRUE(absl::StrContains(verify.out, line + "\n"))
        << "wanted: " << line << "\ngot: " << verify.out;
    return verify;
  }

  SecureServer server_;
};

TEST_F(AuditStateTest, NormalUseThroughTheApiIsIntact) {
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_TRUE(absl::StartsWith(verify.out, "intact: ")) << verify.out;
  // Every entry written since migration 5 commits to its rows.
  EXPECT_EQ(Query("SELECT count(*) FROM audit_entries WHERE version <> 2"),
            "0");
  EXPECT_NE(Query("SELECT count(*) FROM audit_state"), "0");
}

// A correction moves a patient's row to the correcting batch (an UPSERT):
// both batches' groups are recorded, and the trail stays intact.
TEST_F(AuditStateTest, ACorrectionThroughTheApiIsIntact) {
  v1::UploadResultsRequest upload;
  *upload.mutable_batch() = SampleBatch(kAgreementA, "correction");
  upload.mutable_batch()->clear_dispensings();
  upload.mutable_batch()->mutable_patients(0)->set_stop_date("2025-06-01");
  upload.mutable_batch()->mutable_patients(0)->clear_assessments();
  upload.mutable_batch()->set_correction_reason("registeret rettet");
  v1::UploadResultsResponse receipts;
  auto call = server_.Call(Caller::kProcurement);
  auto writer = server_.Agreements()->UploadResults(call.get(), &receipts);
  writer->Write(upload);
  writer->WritesDone();
  grpc::Status uploaded = writer->Finish();
  ASSERT_TRUE(uploaded.ok()) << uploaded.error_message();
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(AuditStateTest, ARowChangedOutsideIsNamedWithoutItsFigure) {
  const std::string price =
      Query("SELECT unit_price_ore FROM agreements WHERE id = 'SI-A'");
  ASSERT_EQ(
      Tamper("UPDATE agreements SET unit_price_ore = 1 WHERE id = 'SI-A'"), "");
  CommandResult verify =
      ExpectNamed("changed outside mea: agreements [\"SI-A\"]");
  EXPECT_TRUE(absl::StartsWith(verify.out, "BROKEN: ")) << verify.out;
  EXPECT_FALSE(absl::StrContains(verify.out, price)) << verify.out;
  EXPECT_FALSE(absl::StrContains(verify.out, "SI-B")) << verify.out;
}

TEST_F(AuditStateTest, ADroppedTriggerIsRestoredAndTheZeroedAmountNamed) {
  ASSERT_EQ(Tamper("DROP TRIGGER settlement_lines_no_update;"
                   "UPDATE settlement_lines SET amount_ore = 0 "
                   "WHERE agreement_id = 'SI-A';"),
            "");
  // mead put the trigger back at start and said so in the trail.
  EXPECT_EQ(Query("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                  "AND name = 'settlement_lines_no_update'"),
            "1");
  EXPECT_EQ(Query("SELECT principal || ' ' || rpc || ' ' || reason FROM "
                  "audit_entries ORDER BY sequence DESC LIMIT 1"),
            "mead mead:RestoreImmutabilityTriggers missing or altered at "
            "start, recreated: settlement_lines_no_update");
  ExpectNamed("changed outside mea: settlement_lines [\"SI-A\",1]");
  EXPECT_TRUE(absl::StrContains(
      Tamper("UPDATE settlement_lines SET amount_ore = 5"), "immutable"));
  // A trigger replaced by one that does nothing is replaced back.
  ASSERT_EQ(Tamper("DROP TRIGGER result_batches_no_delete;"
                   "CREATE TRIGGER result_batches_no_delete BEFORE DELETE ON "
                   "result_batches BEGIN SELECT 1; END;"),
            "");
  EXPECT_TRUE(
      absl::StrContains(Query("SELECT sql FROM sqlite_schema WHERE name = "
                              "'result_batches_no_delete'"),
                        "RAISE(ABORT"));
}

TEST_F(AuditStateTest, RowsAddedAndDeletedOutsideAreNamed) {
  ASSERT_EQ(Tamper("INSERT INTO methods (id, title, active_substance, "
                   "brand_name, indication, supplier, therapeutic_area, "
                   "create_time, update_time) VALUES ('ID2024_009', 'x', 'x', "
                   "'', '', 'x', 'x', '2026-03-02T00:00:00Z', "
                   "'2026-03-02T00:00:00Z');"
                   "DELETE FROM result_dispensings WHERE agreement_id = "
                   "'SI-B';"),
            "");
  ExpectNamed("added outside mea: methods [\"ID2024_009\"]");
  ExpectNamed("deleted outside mea: result_dispensings [\"SI-B\",1]");
}

TEST_F(AuditStateTest, AlteredRowDigestsBreakTheirEntry) {
  const std::string sequence = Query(
      "SELECT sequence FROM audit_state WHERE table_name = 'agreements' "
      "ORDER BY sequence LIMIT 1");
  ASSERT_EQ(Tamper("DROP TRIGGER audit_state_append_only_update;"
                   "UPDATE audit_state SET digest = 'deleted' WHERE "
                   "table_name = 'agreements' AND sequence = " +
                   sequence),
            "");
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_TRUE(absl::StartsWith(verify.out,
                               absl::StrCat("BROKEN at entry ", sequence, ":")))
      << verify.out;
}

// A database from before row digests (schema version 4) gets one baseline
// entry by mead at its first start, after which changes outside are named.
TEST_F(AuditStateTest, AnOlderDatabaseIsCoveredByABaseline) {
  ASSERT_EQ(Tamper("DROP TABLE audit_state; DROP TABLE audit_keying;"
                   "DROP INDEX result_patients_by_batch;"
                   "DROP INDEX result_dispensings_by_batch;"
                   "DROP INDEX result_assessments_by_batch;"
                   "DROP INDEX result_group_outcomes_by_batch;"
                   "DROP INDEX result_corrections_by_batch;"
                   "DROP TRIGGER audit_entries_append_only_delete;"
                   "DELETE FROM audit_entries;"
                   "ALTER TABLE audit_entries DROP COLUMN state_digest;"
                   "ALTER TABLE audit_entries DROP COLUMN version;"
                   "PRAGMA user_version = 4;"),
            "");
  EXPECT_EQ(Query("PRAGMA user_version"), "5");
  EXPECT_EQ(Query("SELECT principal || ' ' || rpc FROM audit_entries "
                  "WHERE sequence = 1"),
            "mead mead:RecordBaseline");
  CommandResult verify = Meactl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  ASSERT_EQ(Tamper("UPDATE result_patients SET death_date = '2025-05-01'"), "");
  ExpectNamed("changed outside mea: result_patients [\"SI-A\",1]");
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// The encodings of docs/security.md, computed independently; version 1 is
// the encoding of every entry written before row digests, unchanged.
TEST(AuditEntryHashTest, VersionsOneAndTwoHashAsDocumented) {
  storage::audit::AuditEntry entry;
  entry.sequence = 7;
  entry.version = 1;
  entry.record = {"2026-03-02T10:00:00Z",
                  "Per",
                  "Sykehusinnkjøp HF",
                  "PROCUREMENT",
                  "token:0123456789ab",
                  "/mea.v1.AgreementService/UpdateAgreement",
                  "agreements/SI-A",
                  std::string(64, 'd'),
                  ""};
  entry.previous_hash = std::string(64, 'p');
  std::string fields;
  for (const std::string& field :
       {std::string("7"), entry.record.time, entry.record.principal,
        entry.record.organisation, entry.record.role, entry.record.credential,
        entry.record.rpc, entry.record.resource, entry.record.request_digest,
        entry.record.reason}) {
    absl::StrAppend(&fields, field.size(), ":", field, ",");
  }
  const std::string previous = absl::StrCat("64:", entry.previous_hash, ",");
  EXPECT_EQ(storage::audit::EntryHash(entry),
            Sha256Hex("mea.audit.v1" + fields + previous));
  entry.version = 2;
  entry.state_digest = std::string(64, 's');
  EXPECT_EQ(storage::audit::EntryHash(entry),
            Sha256Hex(absl::StrCat("mea.audit.v2", fields,
                                   "64:", entry.state_digest, ",", previous)));
}

}  // namespace
}  // namespace mea::testing
