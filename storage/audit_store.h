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
#include "storage/audit_chain.h"
#include "storage/database.h"

namespace mea::storage::audit {

// Appends `record` after the newest entry and returns the stored entry.
absl::StatusOr<AuditEntry> Append(Connection& connection,
                                  const AuditRecord& record);

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
};

// Recomputes the whole chain in sequence order, under the connection's
// audit key (Database::SetAuditKey). With an anchor
// (`known_sequence` > 0), also checks that entry `known_sequence` still has
// `known_hash`, which catches the removal of the newest entries.
absl::StatusOr<Verification> Verify(Connection& connection,
                                    int64_t known_sequence,
                                    const std::string& known_hash);

// Whether the newest entry verifies under the connection's audit key: OK
// (also for an empty trail), or FAILED_PRECONDITION saying why it may not:
// a keyed trail opened without its key or with another, a keyed_from past
// or before where keying began, or an altered entry. mead warns of it at
// start; Verify finds where the chain breaks.
absl::Status CheckNewestEntry(Connection& connection);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_STORE_H_
