#include "tests/storage/schema_fixtures.h"

#include <openssl/sha.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/audit/chain.h"
#include "storage/core/migrations.h"

namespace mea::testing {
namespace {

struct CloseDatabase {
  void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
using Handle = std::unique_ptr<sqlite3, CloseDatabase>;

absl::StatusOr<Handle> OpenForWriting(const std::string& path) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Handle handle(raw);
  if (code != SQLITE_OK) {
    return absl::UnavailableError(
        absl::StrCat("cannot open ", path, ": ", sqlite3_errstr(code)));
  }
  return handle;
}

absl::Status Execute(sqlite3* handle, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error) ==
      SQLITE_OK) {
    return absl::OkStatus();
  }
  absl::Status status =
      absl::InternalError(error != nullptr ? error : sqlite3_errmsg(handle));
  sqlite3_free(error);
  return status;
}

// Mead's settings (storage/core/database.cc): the foreign keys hold the
// fixture rows to the same rules as the rows mead wrote.
absl::StatusOr<Handle> OpenAsMead(const std::string& path) {
  MEA_ASSIGN_OR_RETURN(Handle handle, OpenForWriting(path));
  MEA_RETURN_IF_ERROR(Execute(handle.get(),
                              "PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA foreign_keys = ON;"));
  return handle;
}

absl::Status Migrate(sqlite3* handle, int version) {
  for (const storage::Migration& migration : storage::AllMigrations()) {
    if (migration.version > version) break;
    MEA_RETURN_IF_ERROR_WITH_CONTEXT(
        Execute(handle, absl::StrCat("BEGIN IMMEDIATE;", migration.sql,
                                     ";PRAGMA user_version = ",
                                     migration.version, ";COMMIT;")),
        absl::StrCat("migration ", migration.version));
  }
  return absl::OkStatus();
}

// Migration 1: a method awaiting its decision, and a temporary
// introduction of another with its whole follow-up plan: a measure, a
// pending and a delivered data obligation, a reassessment extended once,
// an exit plan.
constexpr char kTrackingRows[] = R"sql(
INSERT INTO methods VALUES
  ('ID2024_001', 'Testinib ved avansert lungekreft', 'testinib', 'Testa',
   'Avansert ikke-småcellet lungekreft', 'Leverandør A AS', 'Onkologi',
   '2024-05-02T08:00:00Z', '2024-05-02T08:00:00Z'),
  ('ID2024_002', 'Nyinib ved psoriasis', 'nyinib', 'Nya', 'Psoriasis',
   'Leverandør B AS', 'Hud', '2024-05-03T09:30:00Z', '2024-05-03T09:30:00Z');
INSERT INTO decisions (id, method_id, decision_date, body, introduction_type,
    conditions, supersedes_decision_id, create_time) VALUES
  (1, 'ID2024_001', '2024-06-17', 'BESLUTNINGSFORUM',
   'INTRODUCED_TEMPORARILY', 'Midlertidig innføring med revurdering.', NULL,
   '2024-06-17T10:00:00Z');
INSERT INTO outcome_measures (id, decision_id, name, description, kind, unit,
    expected_value, direction, evaluation_weeks, data_source) VALUES
  (1, 1, 'orr', 'Objektiv responsrate', 'PROPORTION', 'proportion', '0.40',
   'AT_LEAST', 24, 'DATA_SOURCE_CANCER_REGISTRY');
INSERT INTO data_obligations (id, decision_id, description, source,
    responsible_organisation, responsible_role, due_date, state,
    delivered_date, delivery_reference, waiver_reason) VALUES
  (1, 1, 'Registerdata', 'DATA_SOURCE_CANCER_REGISTRY', 'Kreftregisteret',
   'REGISTRY', '2025-06-30', 'PENDING', NULL, NULL, NULL),
  (2, 1, 'Studiedata', 'DATA_SOURCE_COMPANY_STUDY', 'Leverandør A AS',
   'SUPPLIER', '2024-12-01', 'DELIVERED', '2024-11-28', 'LEV-2024-7', NULL);
INSERT INTO data_obligation_measures VALUES (1, 1, 0), (2, 1, 0);
INSERT INTO reassessments (decision_id, deadline, state, outcome, subgroup,
    reason, completed_date, resulting_decision_id) VALUES
  (1, '2027-06-17', 'SCHEDULED', NULL, '', '', NULL, NULL);
INSERT INTO reassessment_extensions (id, decision_id, previous_deadline,
    new_deadline, reason, decided_date) VALUES
  (1, 1, '2026-06-17', '2027-06-17', 'Dataene kommer senere (data are late)',
   '2026-05-04');
INSERT INTO exit_plans VALUES
  (1, 30, 'CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS', 'PAYER_SUPPLIER', '');
)sql";

// Migration 2: an active agreement of the temporary introduction; a first
// results batch (one patient, two dispensings, an assessment, a group
// outcome) and a second that corrects the group outcome; the settlement
// of the period, whose outcome guarantee was not met.
constexpr char kAgreementRows[] = R"sql(
INSERT INTO agreements VALUES
  ('SI-2024-001', 'ID2024_001', 1, 'Leverandør A AS', 'ACTIVE', '2024-07-01',
   '2026-06-30', 'Avtale om testinib', 1260000,
   '{"clauses":[{"flat_discount":{"percent":"2"}},{"outcome_guarantee":{"measure":"orr","threshold":"0.40","direction":"AT_LEAST","min_patients":5,"price_reduction_percent":"10"}}]}',
   '2024-06-20T12:00:00Z', '2024-06-20T12:00:00Z');
INSERT INTO result_batches VALUES
  ('SI-2024-001', 1, 'kreftregisteret-2024-12',
   '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
   '2025-01-10T07:45:00Z', 2, 1, 1, 1, ''),
  ('SI-2024-001', 2, 'kreftregisteret-2024-12-rettet',
   '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752',
   '2025-01-12T08:15:00Z', 0, 0, 0, 1, 'Rettet registeruttrekk');
INSERT INTO result_patients VALUES
  ('SI-2024-001', 'P1', '2024-08-05', NULL, NULL, 1);
INSERT INTO result_dispensings VALUES
  ('SI-2024-001', 1, '2024-08-05', 2, 'P1'),
  ('SI-2024-001', 1, '2024-08-26', 2, 'P1');
INSERT INTO result_assessments VALUES
  ('SI-2024-001', 'P1', '2024-11-04', 'RESPONSE', 1);
INSERT INTO result_group_outcomes VALUES
  ('SI-2024-001', 'orr', '2024-12-31', '0.35', 12, 2);
INSERT INTO result_corrections VALUES
  ('SI-2024-001', 2, 'group_outcome', 'orr @ 2024-12-31', 'value 0.30, n 10');
INSERT INTO settlements VALUES
  ('SI-2024-001', 1,
   'd4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35',
   '2025-01-15T09:00:00Z', '2024-07-01', '2024-12-31', '2025-01-15', 4,
   5040000, 604800, 4435200, 0, 0, 0, 0, 0);
INSERT INTO settlement_lines VALUES
  ('SI-2024-001', 1, 0, 'flat_discount', 0, 100800,
   '2 % av brutto 50400.00'),
  ('SI-2024-001', 1, 1, 'outcome_guarantee', 1, 504000,
   'orr 0.35 under terskel 0.40: 10 % av brutto 50400.00');
INSERT INTO settlement_triggers VALUES
  ('SI-2024-001', 1, 0, 1, 'OUTCOME_NOT_MET', 'orr', '0.35', '0.40');
)sql";

// Migration 4: the entries of the changes above, in a plain SHA-256 chain
// of entry version 1 (state digests came with migration 5).
struct Change {
  const char* time;
  const char* principal;
  const char* organisation;
  const char* role;
  const char* rpc;
  const char* resource;
  const char* reason;
};

constexpr char kSecretariat[] = "sekretariatet";
constexpr char kProcurement[] = "sykehusinnkjop";

constexpr Change kChanges[kFixtureAuditEntries] = {
    {"2024-05-02T08:00:00Z", kSecretariat, "Sekretariatet for Nye metoder",
     "SECRETARIAT", "/mea.v1.TrackingService/CreateMethod",
     "methods/ID2024_001", ""},
    {"2024-05-03T09:30:00Z", kSecretariat, "Sekretariatet for Nye metoder",
     "SECRETARIAT", "/mea.v1.TrackingService/CreateMethod",
     "methods/ID2024_002", ""},
    {"2024-06-17T10:00:00Z", kSecretariat, "Sekretariatet for Nye metoder",
     "SECRETARIAT", "/mea.v1.TrackingService/CreateDecision", "decisions/1",
     ""},
    {"2024-06-20T12:00:00Z", kProcurement, "Sykehusinnkjøp HF", "PROCUREMENT",
     "/mea.v1.AgreementService/CreateAgreement", "agreements/SI-2024-001", ""},
    {"2024-11-28T14:00:00Z", "leverandor-a", "Leverandør A AS", "SUPPLIER",
     "/mea.v1.TrackingService/DeliverDataObligation", "data_obligations/2", ""},
    {"2025-01-10T07:45:00Z", "kreftregisteret", "Kreftregisteret", "REGISTRY",
     "/mea.v1.AgreementService/UploadResults",
     "agreements/SI-2024-001/batches/kreftregisteret-2024-12", ""},
    {"2025-01-12T08:15:00Z", "kreftregisteret", "Kreftregisteret", "REGISTRY",
     "/mea.v1.AgreementService/UploadResults",
     "agreements/SI-2024-001/batches/kreftregisteret-2024-12-rettet",
     "Rettet registeruttrekk"},
    {"2025-01-15T09:00:00Z", kProcurement, "Sykehusinnkjøp HF", "PROCUREMENT",
     "/mea.v1.AgreementService/SettleAgreement",
     "agreements/SI-2024-001/settlements/1", ""},
};

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

storage::audit::AuditEntry EntryOf(const Change& change, int64_t sequence,
                                   const std::string& previous_hash) {
  storage::audit::AuditEntry entry;
  entry.sequence = sequence;
  entry.version = 1;
  storage::audit::AuditRecord& record = entry.record;
  record.time = change.time;
  record.principal = change.principal;
  record.organisation = change.organisation;
  record.role = change.role;
  record.credential =
      absl::StrCat("token:", Sha256Hex(change.principal).substr(0, 12));
  record.rpc = change.rpc;
  record.resource = change.resource;
  // Stands for the digest of the request, which the fixture has not got.
  record.request_digest = Sha256Hex(absl::StrCat(change.rpc, change.resource));
  record.reason = change.reason;
  entry.previous_hash = previous_hash;
  entry.entry_hash = storage::audit::EntryHash(entry);
  return entry;
}

std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

std::string InsertEntrySql(const storage::audit::AuditEntry& entry) {
  const storage::audit::AuditRecord& r = entry.record;
  std::string values = absl::StrCat(entry.sequence);
  for (const std::string* field :
       {&r.time, &r.principal, &r.organisation, &r.role, &r.credential, &r.rpc,
        &r.resource, &r.request_digest, &r.reason, &entry.previous_hash,
        &entry.entry_hash}) {
    absl::StrAppend(&values, ", ", Quoted(*field));
  }
  return absl::StrCat(
      "INSERT INTO audit_entries (sequence, time, principal, organisation, "
      "role, credential, rpc, resource, request_digest, reason, "
      "previous_hash, entry_hash) VALUES (",
      values, ");");
}

std::string AuditRows() {
  std::string sql;
  std::string previous = storage::audit::kGenesisHash;
  for (int i = 0; i < kFixtureAuditEntries; ++i) {
    storage::audit::AuditEntry entry = EntryOf(kChanges[i], i + 1, previous);
    absl::StrAppend(&sql, InsertEntrySql(entry));
    previous = entry.entry_hash;
  }
  return sql;
}

// The rows valid at `version`, one transaction.
std::string RowsAt(int version) {
  std::string sql = kTrackingRows;
  if (version >= kAgreementsSince) sql += kAgreementRows;
  if (version >= kAuditSince) sql += AuditRows();
  return absl::StrCat("BEGIN IMMEDIATE;", sql, "COMMIT;");
}

}  // namespace

int LatestSchemaVersion() { return storage::AllMigrations().back().version; }

absl::Status ApplyMigrationsUpTo(const std::string& path, int version) {
  MEA_ASSIGN_OR_RETURN(Handle handle, OpenAsMead(path));
  return Migrate(handle.get(), version);
}

absl::Status MakeSchemaFixture(const std::string& path, int version) {
  if (std::filesystem::exists(path)) {
    return absl::AlreadyExistsError(absl::StrCat(path, " exists"));
  }
  MEA_ASSIGN_OR_RETURN(Handle handle, OpenAsMead(path));
  MEA_RETURN_IF_ERROR(Migrate(handle.get(), version));
  MEA_RETURN_IF_ERROR_WITH_CONTEXT(Execute(handle.get(), RowsAt(version)),
                                   absl::StrCat("rows of version ", version));
  // Out of WAL: the committed file is then all there is, readable in
  // place and copied whole (Database::Open turns WAL on again).
  return Execute(handle.get(), "PRAGMA journal_mode = DELETE;");
}

}  // namespace mea::testing
