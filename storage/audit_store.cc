#include "storage/audit_store.h"

#include "absl/strings/str_cat.h"

namespace mea::storage::audit {
namespace {

constexpr char kColumns[] =
    "sequence, time, principal, organisation, role, credential, rpc, "
    "resource, request_digest, reason, previous_hash, entry_hash";

AuditEntry ReadEntry(const Statement& row) {
  AuditEntry entry;
  entry.sequence = row.ColumnInt64(0);
  entry.record.time = row.ColumnText(1);
  entry.record.principal = row.ColumnText(2);
  entry.record.organisation = row.ColumnText(3);
  entry.record.role = row.ColumnText(4);
  entry.record.credential = row.ColumnText(5);
  entry.record.rpc = row.ColumnText(6);
  entry.record.resource = row.ColumnText(7);
  entry.record.request_digest = row.ColumnText(8);
  entry.record.reason = row.ColumnText(9);
  entry.previous_hash = row.ColumnText(10);
  entry.entry_hash = row.ColumnText(11);
  return entry;
}

// The newest entry's sequence and hash (0 and the genesis hash if none).
absl::Status ReadHead(Connection& connection, int64_t& sequence,
                      std::string& hash) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT sequence, entry_hash FROM audit_entries "
      "ORDER BY sequence DESC LIMIT 1");
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = (*statement)->Step();
  if (!row.ok()) return row.status();
  sequence = *row ? (*statement)->ColumnInt64(0) : 0;
  hash = *row ? (*statement)->ColumnText(1) : kGenesisHash;
  // A statement left on a row keeps its read snapshot open after the
  // transaction ends; reset it so later transactions see newer data.
  (*statement)->Reset();
  return absl::OkStatus();
}

absl::Status Insert(Connection& connection, const AuditEntry& entry) {
  absl::StatusOr<Statement*> statement = connection.Prepare(absl::StrCat(
      "INSERT INTO audit_entries (", kColumns,
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  if (!statement.ok()) return statement.status();
  const AuditRecord& record = entry.record;
  (*statement)
      ->Bind(1, entry.sequence)
      .Bind(2, record.time)
      .Bind(3, record.principal)
      .Bind(4, record.organisation)
      .Bind(5, record.role)
      .Bind(6, record.credential)
      .Bind(7, record.rpc)
      .Bind(8, record.resource)
      .Bind(9, record.request_digest)
      .Bind(10, record.reason)
      .Bind(11, entry.previous_hash)
      .Bind(12, entry.entry_hash);
  return (*statement)->Run();
}

// Checks the anchor against the entry stored under its sequence.
void CheckAnchor(Connection& connection, int64_t known_sequence,
                 const std::string& known_hash, Verification& result) {
  if (known_sequence > result.head_sequence) {
    result.intact = false;
    result.first_broken = result.head_sequence + 1;
    result.problem = absl::StrCat(
        "entry ", result.head_sequence + 1,
        " is missing: the anchor names "
        "entry ",
        known_sequence, " but the trail ends at entry ", result.head_sequence);
    return;
  }
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT entry_hash FROM audit_entries WHERE sequence = ?1");
  if (!statement.ok()) return;
  (*statement)->Bind(1, known_sequence);
  absl::StatusOr<bool> row = (*statement)->Step();
  const bool matches =
      row.ok() && *row && (*statement)->ColumnText(0) == known_hash;
  (*statement)->Reset();
  if (matches) return;
  result.intact = false;
  result.first_broken = known_sequence;
  result.problem = absl::StrCat("entry ", known_sequence,
                                " does not have the anchor's hash");
}

}  // namespace

absl::StatusOr<AuditEntry> Append(Connection& connection,
                                  const AuditRecord& record) {
  AuditEntry entry;
  entry.record = record;
  int64_t head = 0;
  if (absl::Status read = ReadHead(connection, head, entry.previous_hash);
      !read.ok()) {
    return read;
  }
  entry.sequence = head + 1;
  entry.entry_hash = EntryHash(entry, connection.audit_key());
  if (absl::Status inserted = Insert(connection, entry); !inserted.ok()) {
    return inserted;
  }
  return entry;
}

absl::StatusOr<std::vector<AuditEntry>> List(Connection& connection,
                                             const ListFilter& filter) {
  // The resource prefix is compared with substr, not LIKE, so '%' and '_'
  // in a resource name are plain characters.
  absl::StatusOr<Statement*> statement = connection.Prepare(
      absl::StrCat("SELECT ", kColumns,
                   " FROM audit_entries WHERE "
                   "(?1 = '' OR resource = ?1 OR "
                   " substr(resource, 1, length(?1) + 1) = ?1 || '/') "
                   "AND (?2 = '' OR principal = ?2) "
                   "ORDER BY sequence LIMIT ?3 OFFSET ?4"));
  if (!statement.ok()) return statement.status();
  (*statement)
      ->Bind(1, filter.resource)
      .Bind(2, filter.principal)
      .Bind(3, filter.limit)
      .Bind(4, filter.offset);
  std::vector<AuditEntry> entries;
  while (true) {
    absl::StatusOr<bool> row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    entries.push_back(ReadEntry(**statement));
  }
  return entries;
}

absl::Status CheckNewestEntry(Connection& connection) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      absl::StrCat("SELECT ", kColumns,
                   " FROM audit_entries ORDER BY sequence DESC LIMIT 1"));
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::OkStatus();
  const AuditEntry newest = ReadEntry(**statement);
  (*statement)->Reset();
  const ChainKey& key = connection.audit_key();
  if (EntryHash(newest, key) == newest.entry_hash) return absl::OkStatus();
  const std::string entry =
      absl::StrCat("the newest audit entry (", newest.sequence, ")");
  if (key.secret.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        entry,
        " does not verify as plain SHA-256: the trail is keyed (start "
        "mead with its --audit_key_file) or the entry was altered (meactl "
        "audit verify)"));
  }
  if (key.Keys(newest.sequence) && EntryHash(newest) == newest.entry_hash) {
    return absl::FailedPreconditionError(absl::StrCat(
        entry, " is plain SHA-256 but the audit key file keys entries from ",
        key.keyed_from,
        " on; to key an existing trail, set keyed_from=", newest.sequence + 1));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      entry,
      " does not verify under this audit key: another key or "
      "keyed_from, or the entry was altered (meactl audit verify)"));
}

absl::StatusOr<Verification> Verify(Connection& connection,
                                    int64_t known_sequence,
                                    const std::string& known_hash) {
  absl::StatusOr<Statement*> statement = connection.Prepare(absl::StrCat(
      "SELECT ", kColumns, " FROM audit_entries ORDER BY sequence"));
  if (!statement.ok()) return statement.status();
  ChainChecker checker(connection.audit_key());
  Verification result;
  result.keyed_from = connection.audit_key().secret.empty()
                          ? 0
                          : connection.audit_key().keyed_from;
  while (true) {
    absl::StatusOr<bool> row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ++result.rows;
    checker.Next(ReadEntry(**statement));
  }
  result.head_sequence = checker.head_sequence();
  result.head_hash = checker.head_hash();
  if (checker.broken()) {
    result.intact = false;
    result.first_broken = checker.first_broken();
    result.problem = checker.problem();
    return result;
  }
  if (known_sequence > 0) {
    CheckAnchor(connection, known_sequence, known_hash, result);
  }
  return result;
}

}  // namespace mea::storage::audit
