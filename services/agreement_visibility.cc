#include "services/agreement_visibility.h"

#include "storage/agreement_store.h"

namespace mea::services {

storage::DraftVisibility DraftsVisibleTo(const auth::Principal& caller) {
  switch (caller.role) {
    case auth::Role::kProcurement:
    case auth::Role::kLocal:
      return storage::DraftVisibility::All();
    case auth::Role::kSupplier:
      return storage::DraftVisibility{false, caller.organisation};
    case auth::Role::kSecretariat:
    case auth::Role::kForumMember:
    case auth::Role::kRegistry:
    case auth::Role::kPublic:
      break;
  }
  return storage::DraftVisibility{};
}

bool MaySeeAgreement(const auth::Principal& caller,
                     const v1::Agreement& agreement) {
  return DraftsVisibleTo(caller).Admits(
      v1::Agreement::State_Name(agreement.state()), agreement.supplier());
}

absl::StatusOr<v1::Agreement> LoadVisibleAgreement(
    storage::Connection& connection, const auth::Principal& caller,
    const std::string& agreement_id) {
  absl::StatusOr<v1::Agreement> agreement =
      storage::LoadAgreement(connection, agreement_id);
  if (agreement.ok() && !MaySeeAgreement(caller, *agreement)) {
    // What LoadAgreement says of an id that is not there.
    return storage::AgreementNotFound(agreement_id);
  }
  return agreement;
}

}  // namespace mea::services
