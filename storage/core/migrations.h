// Versioned schema migrations. Each migration is applied once, in version
// order, in its own transaction, and recorded in PRAGMA user_version.
// Migrations are never edited after they ship: a change is a new migration.
#ifndef MEA_STORAGE_CORE_MIGRATIONS_H_
#define MEA_STORAGE_CORE_MIGRATIONS_H_

#include <span>

namespace mea::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// All migrations, ascending by version, starting at 1.
std::span<const Migration> AllMigrations();

// The schema text of each area lives beside its storage code, in that
// area's namespace.
namespace tracking {
extern const char kTrackingSchemaV1[];
extern const char kDueItemsViewV1[];
}  // namespace tracking
namespace agreements {
extern const char kAgreementsSchemaV1[];
}  // namespace agreements
namespace audit {
extern const char kAuditSchemaV1[];
extern const char kAuditStateSchemaV1[];
}  // namespace audit

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_MIGRATIONS_H_
