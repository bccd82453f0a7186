// SQL for the agreements table. Every function runs inside the caller's
// transaction (Database::Write or Read), so a service composes several of
// them into one atomic request.
//
// Agreements travel as mea.v1.Agreement: the service has validated them
// before they get here. The unit price is stored as integer øre and read
// back in the canonical two-decimal form ("45210" -> "45210.00"); clauses
// are stored as JSON, figures exactly as written. The output-only summary
// is the service's to fill in.
#ifndef MEA_STORAGE_AGREEMENTS_STORE_H_
#define MEA_STORAGE_AGREEMENTS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "storage/core/database.h"
#include "storage/core/draft_visibility.h"

namespace mea::storage {

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
                             const v1::Agreement& agreement);

// Replaces every stored field but id, method_id and create_time.
// NOT_FOUND when there is no such agreement.
absl::Status UpdateAgreement(Connection& connection,
                             const v1::Agreement& agreement);

// The NOT_FOUND of an agreement that does not exist; also what a reader
// gets for a draft it may not see (services/agreements/visibility.h), so
// the two answers are the same words.
absl::Status AgreementNotFound(std::string_view id);

// NOT_FOUND (AgreementNotFound) when there is no such agreement.
absl::StatusOr<v1::Agreement> LoadAgreement(Connection& connection,
                                            std::string_view id);

// Empty fields match everything.
struct AgreementFilter {
  std::string method_id;
  std::string supplier;
  // The state's enum name, e.g. "ACTIVE".
  std::string state;
  // The drafts the reader may see; by default none.
  DraftVisibility drafts;
};

// Agreements matching `filter`, ordered by id, `limit` rows from `offset`.
absl::StatusOr<std::vector<v1::Agreement>> ListAgreements(
    Connection& connection, const AgreementFilter& filter, int64_t offset,
    int64_t limit);

}  // namespace mea::storage

#endif  // MEA_STORAGE_AGREEMENTS_STORE_H_
