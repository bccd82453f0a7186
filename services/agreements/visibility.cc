#include "services/agreements/visibility.h"

#include "storage/agreements/store.h"

namespace mea::services {

storage::DraftVisibility DraftsVisibleTo(const identity::Principal& caller) {
  switch (caller.role) {
    case identity::Role::kProcurement:
    case identity::Role::kLocal:
      return storage::DraftVisibility::All();
    case identity::Role::kSupplier:
      return storage::DraftVisibility{false, caller.organisation};
    case identity::Role::kSecretariat:
    case identity::Role::kForumMember:
    case identity::Role::kRegistry:
    case identity::Role::kPublic:
      break;
  }
  return storage::DraftVisibility{};
}

bool MaySeeAgreement(const identity::Principal& caller,
                     const v1::Agreement& agreement) {
  return DraftsVisibleTo(caller).Admits(
      v1::Agreement::State_Name(agreement.state()), agreement.supplier());
}

absl::StatusOr<v1::Agreement> LoadVisibleAgreement(
    storage::Connection& connection, const identity::Principal& caller,
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
