// The audit trail in SQLite (table audit_entries, migration 4).
//
// Append runs inside the caller's write transaction, next to the change it
// records, so a change and its entry are committed together or not at all.
// Database::Write serialises writers, so reading the newest entry and
// appending after it cannot race.
#ifndef MEA_STORAGE_AUDIT_STORE_H_
#define MEA_STORAGE_AUDIT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/audit/chain.h"
#include "storage/audit/state.h"
#include "storage/core/database.h"

namespace mea::storage::audit {

// Appends `record` after the newest entry and returns the stored entry: a
// version 2 entry that records the digests of the groups of rows written
// since the previous entry (storage/audit/state.h), so call it after the
// change, in the same transaction.
absl::StatusOr<AuditEntry> Append(Connection& connection,
                                  const AuditRecord& record);

// The newest entry (none for an empty trail), and every entry in order.
absl::StatusOr<std::vector<AuditEntry>> ReadNewest(Connection& connection);
absl::StatusOr<std::vector<AuditEntry>> ReadAll(Connection& connection);

struct ListFilter {
  // Empty: any. A resource matches itself and everything under it
  // ("agreements/A" matches "agreements/A/settlements/1").
  std::string resource;
  std::string principal;
  int64_t offset = 0;
  int64_t limit = 50;
};

// Entries oldest first.
absl::StatusOr<std::vector<AuditEntry>> List(Connection& connection,
                                             const ListFilter& filter);

struct Verification {
  // Rows read.
  int64_t rows = 0;
  bool intact = true;
  int64_t head_sequence = 0;
  std::string head_hash;
  int64_t first_broken = 0;
  std::string problem;
  // The first entry checked under the key (0: no key, all plain SHA-256).
  int64_t keyed_from = 0;
  // Groups of rows changed, added or deleted outside mea (table and group
  // key, never a value); any makes the trail not intact.
  std::vector<StateMismatch> changed_outside;
};

// Recomputes the whole chain in sequence order, under the connection's
// audit key (Database::SetAuditKey) from the recorded first keyed entry
// (storage/audit/keying.h), checks each entry's stored row digests against
// its state digest, and recomputes every current group of the audited
// tables against the latest digest recorded for it. With an anchor
// (`known_sequence` > 0), also checks that entry `known_sequence` still has
// `known_hash`, which catches the removal of the newest entries.
absl::StatusOr<Verification> Verify(Connection& connection,
                                    int64_t known_sequence,
                                    const std::string& known_hash);

// Whether the newest entry verifies under the connection's audit key: OK
// (also for an empty trail), or FAILED_PRECONDITION saying why it may not:
// a keyed trail opened without its key or with another, or an altered
// entry. mead warns of it at start; Verify finds where the chain breaks.
// The message never advises changing keyed_from.
absl::Status CheckNewestEntry(Connection& connection);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_STORE_H_
