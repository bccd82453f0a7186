// SQL for settlements (oppgjør): immutable, numbered records of what was
// invoiced. The schema's triggers refuse UPDATE and DELETE, so these
// functions only insert and read. Amounts are integer øre, exactly as the
// rules module computed them; reading a record back gives the same
// rules::Settlement, whatever happened to the results since.
#ifndef MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_
#define MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/settle.h"
#include "storage/core/database.h"

namespace mea::storage {

struct SettlementRecord {
  std::string agreement_id;
  // 1, 2, ... per agreement.
  int64_t number = 0;
  // SHA-256 hex of the evaluation input.
  std::string input_digest;
  // RFC 3339.
  std::string create_time;
  rules::Settlement settlement;
  // Not stored with the record: the agreement's supplier, read with it so
  // that the answer names the organisation that owns the figures.
  std::string supplier;
};

// 1 for the agreement's first settlement, then one more than the last.
absl::StatusOr<int64_t> NextSettlementNumber(Connection& connection,
                                             std::string_view agreement_id);

// Stores the record with its lines and triggers. ALREADY_EXISTS when the
// number is taken.
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

}  // namespace mea::storage

#endif  // MEA_STORAGE_AGREEMENTS_SETTLEMENTS_H_
