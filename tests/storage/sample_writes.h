// Writes and reads as a service makes them, for the storage tests: a
// method inserted with the audit entry that records it, in one
// Database::Write; the method and the audit trail read back.
#ifndef MEA_TESTS_STORAGE_SAMPLE_WRITES_H_
#define MEA_TESTS_STORAGE_SAMPLE_WRITES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/audit/chain.h"
#include "storage/audit/store.h"
#include "storage/core/database.h"
#include "storage/tracking/records.h"

namespace mea::testing {

// A valid method with id `id` ("ID2030_001").
storage::tracking::MethodRecord SampleMethod(const std::string& id);

// The secretariat's entry for a change of `resource`.
storage::audit::AuditRecord SampleRecord(const std::string& resource);

// Inserts SampleMethod(id) and appends its entry, inside `connection`'s
// transaction; returns the entry.
absl::StatusOr<storage::audit::AuditEntry> InsertAuditedMethod(
    storage::Connection& connection, const std::string& id);

// The same in a Write of its own.
absl::Status CreateMethod(storage::Database& database, const std::string& id);

// audit::Verify of the whole trail without an anchor, in a Read of its own.
absl::StatusOr<storage::audit::Verification> VerifyTrail(
    storage::Database& database);

// Whether the method exists, read in a Read of its own.
absl::StatusOr<bool> HasMethod(storage::Database& database,
                               const std::string& id);

}  // namespace mea::testing

#endif  // MEA_TESTS_STORAGE_SAMPLE_WRITES_H_
