// State digests: the audit trail commits to the rows each change wrote, so
// that a row changed, added or deleted behind mea's back (with the sqlite3
// shell on the file, say) is named by `audit verify`.
//
// Capture: InstallStateCapture creates TEMP triggers on this connection
// (AFTER INSERT/UPDATE/DELETE on each audited table, storage/
// audited_tables.h) that note the (table, group) of every row written in
// temp.audit_touched. TEMP triggers live in the connection, not in the
// file, so another program editing the file does not fire them and cannot
// drop them. audit::Append (storage/audit/store.h) takes the noted groups,
// digests each one's current rows and stores (sequence, table, group,
// digest) in audit_state; the entry's hash covers the digest of that list.
// temp.audit_touched is transactional: a rolled-back change's notes go
// with it; a committed write that appends no entry leaves its notes for
// the next entry to record.
//
// Encodings (lowercase hex SHA-256; ns(x) is the netstring
// "<byte length>:<x>,"):
//   group key   = json_array(group columns), e.g. ["SI-A",2] or [17]
//   group digest = SHA-256("mea.state.v1" ns(table) ns(group key)
//                  then per row, in row order (storage/audit/audited_tables.h):
//                  "r" ns(column count), then per column in schema order
//                  a type letter (n NULL, i INTEGER, f REAL, t TEXT,
//                  b BLOB) and ns(SQLite's text of the value; "" for NULL))
//   a group with no rows left is recorded as "deleted".
//   state_digest = SHA-256("mea.state-list.v1" then per group, ordered by
//                  table and group key: ns(table) ns(group key) ns(digest))
//
// Verification recomputes every current group and compares it with the
// latest digest recorded for it.
#ifndef MEA_STORAGE_AUDIT_STATE_H_
#define MEA_STORAGE_AUDIT_STATE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/core/database.h"

namespace mea::storage::audit {

inline constexpr char kDeletedGroup[] = "deleted";

struct GroupDigest {
  std::string table;
  std::string group_key;
  std::string digest;  // hex, or kDeletedGroup
};

// Creates temp.audit_touched and the TEMP capture triggers. Called by
// Database::Open on its connection, after the migrations.
absl::Status InstallStateCapture(Connection& connection);

// The digests of the groups noted since the last call (ordered by table
// and group key), and forgets the notes. Inside the write transaction.
absl::StatusOr<std::vector<GroupDigest>> TakeTouchedGroups(
    Connection& connection);

// Notes every group that exists, so that the next entry records them all
// (the baseline after migration 5).
absl::Status TouchAllGroups(Connection& connection);

// Whether the database has data not yet covered by any state digest: no
// entry of version 2 yet, and at least one audited row.
absl::StatusOr<bool> NeedsBaseline(Connection& connection);

// state_digest of a list ordered by table and group key.
std::string StateListDigest(const std::vector<GroupDigest>& groups);

// Stores the list under entry `sequence`.
absl::Status StoreGroupDigests(Connection& connection, int64_t sequence,
                               const std::vector<GroupDigest>& groups);

// The state_digest of each entry's stored list, by sequence (entries with
// no stored group are absent: their state_digest is StateListDigest({})).
absl::StatusOr<std::map<int64_t, std::string>> RecordedStateDigests(
    Connection& connection);

struct StateMismatch {
  enum class Kind {
    kChanged,     // differs from the latest digest recorded for it
    kUnrecorded,  // exists, but no entry recorded it (added outside)
    kRemoved,     // recorded, but no longer there (deleted outside)
  };
  std::string table;
  std::string group_key;
  Kind kind;
};

const char* KindName(StateMismatch::Kind kind);

// Every group whose current rows do not match the latest entry that wrote
// it, ordered by table and group key.
absl::StatusOr<std::vector<StateMismatch>> CompareState(Connection& connection);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_STATE_H_
