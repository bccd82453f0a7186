#include "storage/audit/store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "storage/audit/keying.h"
#include "storage/audit/state.h"
#include "storage/core/rows.h"

namespace mea::storage::audit {
namespace {

constexpr char kColumns[] =
    "sequence, time, principal, organisation, role, credential, rpc, "
    "resource, request_digest, reason, previous_hash, entry_hash, version, "
    "state_digest";

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
  entry.version = static_cast<int>(row.ColumnInt64(12));
  entry.state_digest = row.ColumnText(13);
  return entry;
}

// Every row of `statement` (prepared and bound) as an entry.
absl::StatusOr<std::vector<AuditEntry>> ReadEntries(Statement& statement) {
  std::vector<AuditEntry> entries;
  MEA_RETURN_IF_ERROR(ForEachRow(statement, [&](const Statement& row) {
    entries.push_back(ReadEntry(row));
    return absl::OkStatus();
  }));
  return entries;
}

absl::StatusOr<std::vector<AuditEntry>> ReadEntries(Connection& connection,
                                                    const std::string& sql) {
  MEA_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(sql));
  return ReadEntries(*statement);
}

absl::Status Insert(Connection& connection, const AuditEntry& entry) {
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare(absl::StrCat(
          "INSERT INTO audit_entries (", kColumns,
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
          "?14)")));
  const AuditRecord& record = entry.record;
  statement->Bind(1, entry.sequence)
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
      .Bind(12, entry.entry_hash)
      .Bind(13, int64_t{entry.version})
      .Bind(14, entry.state_digest);
  return statement->Run();
}

void Fail(Verification& result, int64_t sequence, std::string problem) {
  if (!result.intact) return;  // the first problem is the one reported
  result.intact = false;
  result.first_broken = sequence;
  result.problem = std::move(problem);
}

// Checks the anchor against the entry stored under its sequence. A failed
// read is an error, never a silently unchecked anchor.
absl::Status CheckAnchor(Connection& connection, int64_t known_sequence,
                         const std::string& known_hash, Verification& result) {
  if (known_sequence > result.head_sequence) {
    Fail(result, result.head_sequence + 1,
         absl::StrCat("entry ", result.head_sequence + 1,
                      " is missing: the anchor names entry ", known_sequence,
                      " but the trail ends at entry ", result.head_sequence));
    return absl::OkStatus();
  }
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare(
          "SELECT entry_hash FROM audit_entries WHERE sequence = ?1"));
  statement->Bind(1, known_sequence);
  bool matches = false;
  MEA_RETURN_IF_ERROR(ReadOneRow(*statement, [&](const Statement& row) {
                        matches = row.ColumnText(0) == known_hash;
                        return absl::OkStatus();
                      }).status());
  if (!matches) {
    Fail(result, known_sequence,
         absl::StrCat("entry ", known_sequence,
                      " does not have the anchor's hash"));
  }
  return absl::OkStatus();
}

// The key to check with: from the recorded first keyed entry, whatever the
// key file says, so that a trail whose keyed part shrank is broken there.
absl::StatusOr<ChainKey> CheckingKey(Connection& connection,
                                     Verification& result) {
  ChainKey key = connection.audit_key();
  MEA_ASSIGN_OR_RETURN(std::optional<KeyingMarker> marker,
                       ReadKeyingMarker(connection));
  if (!marker.has_value()) return key;
  if (key.secret.empty()) {
    Fail(result, marker->keyed_from,
         absl::StrCat("the trail is keyed from entry ", marker->keyed_from,
                      " but is checked without its key"));
  } else if (KeyingProof(key, marker->keyed_from) != marker->proof) {
    Fail(result, marker->keyed_from,
         "the record of where keying began does not verify under the key");
  } else if (key.keyed_from != marker->keyed_from) {
    Fail(result, marker->keyed_from,
         absl::StrCat("the trail has been keyed from entry ",
                      marker->keyed_from, ", not from entry ", key.keyed_from,
                      ": its keyed part shrank"));
  }
  key.keyed_from = marker->keyed_from;
  return key;
}

}  // namespace

absl::StatusOr<std::vector<AuditEntry>> ReadNewest(Connection& connection) {
  return ReadEntries(connection,
                     absl::StrCat("SELECT ", kColumns,
                                  " FROM audit_entries ORDER BY sequence DESC "
                                  "LIMIT 1"));
}

absl::StatusOr<std::vector<AuditEntry>> ReadAll(Connection& connection) {
  return ReadEntries(connection,
                     absl::StrCat("SELECT ", kColumns,
                                  " FROM audit_entries ORDER BY sequence"));
}

absl::StatusOr<AuditEntry> Append(Connection& connection,
                                  const AuditRecord& record) {
  AuditEntry entry;
  entry.record = record;
  MEA_ASSIGN_OR_RETURN(std::vector<AuditEntry> newest, ReadNewest(connection));
  entry.sequence = newest.empty() ? 1 : newest.front().sequence + 1;
  entry.previous_hash =
      newest.empty() ? std::string(kGenesisHash) : newest.front().entry_hash;
  MEA_ASSIGN_OR_RETURN(std::vector<GroupDigest> groups,
                       TakeTouchedGroups(connection));
  entry.version = kCurrentEntryVersion;
  entry.state_digest = StateListDigest(groups);
  entry.entry_hash = EntryHash(entry, connection.audit_key());
  MEA_RETURN_IF_ERROR(Insert(connection, entry));
  MEA_RETURN_IF_ERROR(StoreGroupDigests(connection, entry.sequence, groups));
  return entry;
}

absl::StatusOr<std::vector<AuditEntry>> List(Connection& connection,
                                             const ListFilter& filter) {
  // The resource prefix is compared with substr, not LIKE, so '%' and '_'
  // in a resource name are plain characters.
  MEA_ASSIGN_OR_RETURN(Statement * statement,
                       connection.Prepare(absl::StrCat(
                           "SELECT ", kColumns,
                           " FROM audit_entries WHERE "
                           "(?1 = '' OR resource = ?1 OR "
                           " substr(resource, 1, length(?1) + 1) = ?1 || '/') "
                           "AND (?2 = '' OR principal = ?2) "
                           "ORDER BY sequence LIMIT ?3 OFFSET ?4")));
  statement->Bind(1, filter.resource)
      .Bind(2, filter.principal)
      .Bind(3, filter.limit)
      .Bind(4, filter.offset);
  return ReadEntries(*statement);
}

absl::Status CheckNewestEntry(Connection& connection) {
  MEA_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ReadNewest(connection));
  if (entries.empty()) return absl::OkStatus();
  const AuditEntry& newest = entries.front();
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
  // Never advise moving keyed_from: a keyed part rewritten as plain
  // SHA-256 is what a downgrade looks like.
  return absl::FailedPreconditionError(absl::StrCat(
      entry,
      " does not verify under this audit key: another key, or the entry "
      "was altered or rewritten without the key (meactl audit verify)"));
}

absl::StatusOr<Verification> Verify(Connection& connection,
                                    int64_t known_sequence,
                                    const std::string& known_hash) {
  Verification result;
  MEA_ASSIGN_OR_RETURN(ChainKey key, CheckingKey(connection, result));
  result.keyed_from = key.secret.empty() ? 0 : key.keyed_from;
  using Digests = std::map<int64_t, std::string>;
  MEA_ASSIGN_OR_RETURN(Digests recorded, RecordedStateDigests(connection));
  const std::string no_state = StateListDigest({});
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare(absl::StrCat(
          "SELECT ", kColumns, " FROM audit_entries ORDER BY sequence")));
  ChainChecker checker(key);
  int64_t state_broken = 0;
  while (true) {
    MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    ++result.rows;
    const AuditEntry entry = ReadEntry(*statement);
    checker.Next(entry);
    // The groups stored for a version 2 entry must be the ones its hash
    // covers; version 1 entries have none.
    auto found = recorded.find(entry.sequence);
    const std::string stored =
        found == recorded.end() ? no_state : found->second;
    const bool fits = entry.version >= 2 ? stored == entry.state_digest
                                         : found == recorded.end();
    if (!fits && state_broken == 0) state_broken = entry.sequence;
  }
  result.head_sequence = checker.head_sequence();
  result.head_hash = checker.head_hash();
  if (checker.broken()) {
    Fail(result, checker.first_broken(), checker.problem());
  }
  if (state_broken != 0) {
    Fail(result, state_broken,
         absl::StrCat("the row digests stored for entry ", state_broken,
                      " were altered (they do not give its state digest)"));
  }
  if (known_sequence > 0) {
    MEA_RETURN_IF_ERROR(
        CheckAnchor(connection, known_sequence, known_hash, result));
  }
  MEA_ASSIGN_OR_RETURN(result.changed_outside, CompareState(connection));
  if (!result.changed_outside.empty()) {
    std::vector<std::string> named;
    for (const StateMismatch& mismatch : result.changed_outside) {
      named.push_back(absl::StrCat(mismatch.table, " ", mismatch.group_key,
                                   " (", KindName(mismatch.kind), ")"));
    }
    if (result.intact) {
      result.intact = false;
      result.problem = absl::StrCat(
          result.changed_outside.size(),
          " group(s) of rows differ from what the audit trail recorded: ",
          absl::StrJoin(named, "; "));
    }
  }
  return result;
}

}  // namespace mea::storage::audit
