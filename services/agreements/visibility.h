// Who may see an agreement at all, before any figure is redacted: a DRAFT
// agreement is a negotiating position between procurement and one
// supplier, so only PROCUREMENT, LOCAL (development mode, the server's own
// calls) and the SUPPLIER named on the draft know it exists. Everybody
// else meets it nowhere: not in GetAgreement or ListAgreements, not in a
// dossier, not among due items (nor, through them, in calendars and
// exports), not through settlements, simulations, comparisons or uploads
// of results. Every other state is visible to every role that may call the
// RPC (its figures are redacted as usual).
//
// A draft the caller may not see answers exactly as an agreement that does
// not exist, so that a refusal never reveals that a negotiation is going
// on (docs/security.md, "Draft agreements").
#ifndef MEA_SERVICES_AGREEMENTS_VISIBILITY_H_
#define MEA_SERVICES_AGREEMENTS_VISIBILITY_H_

#include <string>

#include "absl/status/statusor.h"
#include "identity/principal.h"
#include "storage/agreements/records.h"
#include "storage/core/database.h"
#include "storage/core/draft_visibility.h"

namespace mea::services::agreements {

// The drafts `caller` may see, for the storage queries that list
// agreements or due items.
storage::DraftVisibility DraftsVisibleTo(const identity::Principal& caller);

// storage::agreements::LoadAgreement for `caller`: an agreement it may not
// see is NOT_FOUND with the very words of one that does not exist.
absl::StatusOr<storage::agreements::AgreementRecord> LoadVisibleAgreement(
    storage::Connection& connection, const identity::Principal& caller,
    const std::string& agreement_id);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_VISIBILITY_H_
