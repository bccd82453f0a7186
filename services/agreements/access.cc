#include "services/agreements/access.h"

#include <vector>

#include "services/agreements/visibility.h"
#include "storage/agreements/store.h"

namespace mea::services {
namespace {

// The agreement's supplier, or nothing when there is no such agreement
// (or it is a draft the caller may not see).
absl::StatusOr<std::vector<std::string>> SupplierOf(
    storage::Connection& connection, const auth::CallAuth& call,
    const std::string& agreement_id) {
  absl::StatusOr<v1::Agreement> agreement =
      LoadVisibleAgreement(connection, call.principal, agreement_id);
  if (absl::IsNotFound(agreement.status())) return std::vector<std::string>();
  if (!agreement.ok()) return agreement.status();
  return std::vector<std::string>{agreement->supplier()};
}

absl::StatusOr<std::vector<std::string>> ResultsOwners(
    storage::Connection& connection, const auth::CallAuth& call,
    const std::string& agreement_id) {
  if (call.principal.role != identity::Role::kRegistry) {
    return SupplierOf(connection, call, agreement_id);
  }
  absl::StatusOr<v1::Agreement> agreement =
      LoadVisibleAgreement(connection, call.principal, agreement_id);
  if (absl::IsNotFound(agreement.status())) return std::vector<std::string>();
  if (!agreement.ok()) return agreement.status();
  return storage::ObligationOrganisations(connection, agreement->method_id());
}

}  // namespace

absl::Status CheckResultsOwner(storage::Connection& connection,
                               const auth::CallAuth& call,
                               const std::string& agreement_id) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  absl::StatusOr<std::vector<std::string>> owners =
      ResultsOwners(connection, call, agreement_id);
  if (!owners.ok()) return owners.status();
  return auth::RequireOwnOrganisation(call, *owners);
}

absl::Status CheckSettlementOwner(storage::Connection& connection,
                                  const auth::CallAuth& call,
                                  const std::string& agreement_id) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  absl::StatusOr<std::vector<std::string>> owners =
      SupplierOf(connection, call, agreement_id);
  if (!owners.ok()) return owners.status();
  return auth::RequireOwnOrganisation(call, *owners);
}

std::string AgreementResource(const std::string& agreement_id) {
  return "agreements/" + agreement_id;
}

}  // namespace mea::services
