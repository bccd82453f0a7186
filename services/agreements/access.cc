#include "services/agreements/access.h"

#include <optional>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "services/agreements/visibility.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

// The agreement for `call`, or nullopt when there is no such agreement
// (or it is a draft the caller may not see).
absl::StatusOr<std::optional<store::AgreementRecord>> VisibleOrNone(
    storage::Connection& connection, const auth::CallAuth& call,
    const std::string& agreement_id) {
  absl::StatusOr<store::AgreementRecord> agreement =
      LoadVisibleAgreement(connection, call.principal, agreement_id);
  if (absl::IsNotFound(agreement.status())) return std::nullopt;
  MEA_RETURN_IF_ERROR(agreement.status());
  return *std::move(agreement);
}

// The agreement's supplier; nobody when the caller cannot see it.
absl::StatusOr<std::vector<std::string>> SupplierOf(
    storage::Connection& connection, const auth::CallAuth& call,
    const std::string& agreement_id) {
  MEA_ASSIGN_OR_RETURN(std::optional<store::AgreementRecord> agreement,
                       VisibleOrNone(connection, call, agreement_id));
  if (!agreement.has_value()) return std::vector<std::string>();
  return std::vector<std::string>{agreement->supplier};
}

absl::StatusOr<std::vector<std::string>> ResultsOwners(
    storage::Connection& connection, const auth::CallAuth& call,
    const std::string& agreement_id) {
  if (call.principal.role != identity::Role::kRegistry) {
    return SupplierOf(connection, call, agreement_id);
  }
  MEA_ASSIGN_OR_RETURN(std::optional<store::AgreementRecord> agreement,
                       VisibleOrNone(connection, call, agreement_id));
  if (!agreement.has_value()) return std::vector<std::string>();
  return store::ObligationOrganisations(connection, agreement->method_id);
}

}  // namespace

absl::Status CheckResultsOwner(storage::Connection& connection,
                               const auth::CallAuth& call,
                               const std::string& agreement_id) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  MEA_ASSIGN_OR_RETURN(std::vector<std::string> owners,
                       ResultsOwners(connection, call, agreement_id));
  return auth::RequireOwnOrganisation(call, owners);
}

absl::Status CheckSettlementOwner(storage::Connection& connection,
                                  const auth::CallAuth& call,
                                  const std::string& agreement_id) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  MEA_ASSIGN_OR_RETURN(std::vector<std::string> owners,
                       SupplierOf(connection, call, agreement_id));
  return auth::RequireOwnOrganisation(call, owners);
}

std::string AgreementResource(const std::string& agreement_id) {
  return "agreements/" + agreement_id;
}

}  // namespace mea::services::agreements
