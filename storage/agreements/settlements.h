// SQL for settlements (oppgjør): immutable, numbered records of what was
// invoiced. The schema's triggers refuse UPDATE and DELETE, so these
// functions only insert and read. Amounts are integer øre, exactly as the
// rules module computed them; reading a record back gives the same
// rules::Settlement, whatever happened to the results since. A record's
// number comes from NextNumber (store.h). A stored value the schema should
// have made impossible (a bad date, an unknown trigger kind) is INTERNAL.
#ifndef MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_
#define MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/agreements/records.h"
#include "storage/core/database.h"

namespace mea::storage::agreements {

// Stores the record with its lines and triggers (`supplier` is not
// stored). ALREADY_EXISTS when the number is taken.
absl::Status InsertSettlement(Connection& connection,
                              const SettlementRecord& record);

// The NOT_FOUND of LoadSettlement; also the answer about a draft the
// reader may not see (services/agreements/visibility.h), in the same words.
absl::Status SettlementNotFound(std::string_view agreement_id, int64_t number);

// NOT_FOUND (SettlementNotFound) when the agreement has no settlement with
// that number.
absl::StatusOr<SettlementRecord> LoadSettlement(Connection& connection,
                                                std::string_view agreement_id,
                                                int64_t number);

// The agreement's settlements by number, `limit` from `offset`.
absl::StatusOr<std::vector<SettlementRecord>> ListSettlements(
    Connection& connection, std::string_view agreement_id, int64_t offset,
    int64_t limit);

}  // namespace mea::storage::agreements

#endif  // MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_
