#include "storage/core/migrations.h"

#include <array>

namespace mea::storage {

std::span<const Migration> AllMigrations() {
  static constexpr std::array<Migration, 5> kMigrations = {{
      {1, "tracking: methods, decisions, follow-up plans",
       tracking::kTrackingSchemaV1},
      {2, "agreements: terms, results, settlements",
       agreements::kAgreementsSchemaV1},
      {3, "due items over every dated obligation", tracking::kDueItemsViewV1},
      {4, "audit trail: hash-chained, append-only", audit::kAuditSchemaV1},
      {5, "audit trail: state digests, keying marker",
       audit::kAuditStateSchemaV1},
  }};
  return kMigrations;
}

}  // namespace mea::storage
