#include "services/agreements/visibility.h"

#include "common/status_macros.h"
#include "services/agreements/mapping.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

// Whether `caller` may see `agreement` (only drafts can be invisible).
bool MaySeeAgreement(const identity::Principal& caller,
                     const store::AgreementRecord& agreement) {
  return DraftsVisibleTo(caller).Admits(
      v1::Agreement::State_Name(StateToProto(agreement.state)),
      agreement.supplier);
}

}  // namespace

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

absl::StatusOr<store::AgreementRecord> LoadVisibleAgreement(
    storage::Connection& connection, const identity::Principal& caller,
    const std::string& agreement_id) {
  MEA_ASSIGN_OR_RETURN(store::AgreementRecord agreement,
                       store::LoadAgreement(connection, agreement_id));
  // What LoadAgreement says of an id that is not there.
  if (!MaySeeAgreement(caller, agreement)) {
    return store::AgreementNotFound(agreement_id);
  }
  return agreement;
}

}  // namespace mea::services::agreements
