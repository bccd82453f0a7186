// What mead does to the audit trail's safeguards at start, before serving
// (services/server/server.cc calls these in their own write transactions):
//
// - RestoreImmutabilityTriggers: every trigger of ImmutabilityTriggers()
//   (storage/audit/audited_tables.h) must exist with its text. Somebody with the
//   file may have dropped one to change a settlement; mead recreates each
//   missing or altered trigger and appends an entry by principal `mead`
//   naming them, so the trail shows when it was noticed (audit verify
//   names the rows changed meanwhile). Recreating rather than refusing to
//   serve keeps the service up and puts the safeguard back at once; the
//   evidence is kept by the entry, the log warning and verify.
// - WriteBaselineIfNeeded: at the first start after migration 5, one
//   entry by `mead` records the digest of every existing group of rows,
//   so that data written before state digests is covered too.
#ifndef MEA_STORAGE_AUDIT_STARTUP_H_
#define MEA_STORAGE_AUDIT_STARTUP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/core/database.h"

namespace mea::storage::audit {

// The names of the triggers recreated (none when all were intact).
absl::StatusOr<std::vector<std::string>> RestoreImmutabilityTriggers(
    Connection& connection, const std::string& time);

// Whether a baseline entry was written.
absl::StatusOr<bool> WriteBaselineIfNeeded(Connection& connection,
                                           const std::string& time);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_STARTUP_H_
