// SQL for the agreements table and what agreements refer to. Every function
// runs inside the caller's transaction (Database::Write or Read), so a
// service composes several of them into one atomic request.
//
// Records are typed (storage/agreements/records.h) and expected to be valid:
// the service validates at the edge, the schema's constraints are the last
// line of defence. A stored value the schema should have made impossible (an
// unknown state, a bad date) is INTERNAL naming table, column and value.
#ifndef MEA_STORAGE_AGREEMENTS_STORE_H_
#define MEA_STORAGE_AGREEMENTS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/agreements/records.h"
#include "storage/core/database.h"
#include "storage/core/draft_visibility.h"

namespace mea::storage::agreements {

// True when the method (case) exists.
absl::StatusOr<bool> MethodExists(Connection& connection,
                                  std::string_view method_id);

// The method of decision `decision_id`, or nullopt when there is none.
absl::StatusOr<std::optional<std::string>> MethodOfDecision(
    Connection& connection, int64_t decision_id);

// The organisations responsible for a data obligation (dataansvar) of any
// decision of the method, e.g. the registries that deliver its results.
absl::StatusOr<std::vector<std::string>> ObligationOrganisations(
    Connection& connection, std::string_view method_id);

// ALREADY_EXISTS when the id is taken.
absl::Status InsertAgreement(Connection& connection,
                             const AgreementRecord& agreement);

// Replaces every stored field but id, method_id and create_time.
// NOT_FOUND when there is no such agreement.
absl::Status UpdateAgreement(Connection& connection,
                             const AgreementRecord& agreement);

// The NOT_FOUND of an agreement that does not exist; also what a reader
// gets for a draft it may not see (services/agreements/visibility.h), so
// the two answers are the same words.
absl::Status AgreementNotFound(std::string_view id);

// NOT_FOUND (AgreementNotFound) when there is no such agreement.
absl::StatusOr<AgreementRecord> LoadAgreement(Connection& connection,
                                              std::string_view id);

// Empty fields match everything.
struct AgreementFilter {
  std::string method_id;
  std::string supplier;
  std::optional<AgreementState> state;
  // The drafts the reader may see; by default none.
  DraftVisibility drafts;
};

// Agreements matching `filter`, ordered by id, `limit` rows from `offset`
// (a negative limit: every row).
absl::StatusOr<std::vector<AgreementRecord>> ListAgreements(
    Connection& connection, const AgreementFilter& filter, int64_t offset,
    int64_t limit);

// What is numbered 1, 2, ... per agreement.
enum class Numbering {
  // The sequence of a results batch (result_batches.sequence).
  kBatchSequence,
  // The number of a settlement (settlements.number).
  kSettlementNumber,
};

// 1 for the agreement's first of `what`, then one more than the last.
absl::StatusOr<int64_t> NextNumber(Connection& connection, Numbering what,
                                   std::string_view agreement_id);

}  // namespace mea::storage::agreements

#endif  // MEA_STORAGE_AGREEMENTS_STORE_H_
