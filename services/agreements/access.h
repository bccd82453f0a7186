// Ownership of agreement resources, for the calls the policy table
// (services/auth/policy.h) allows on the caller's own organisation only:
// - results (UploadResults): a SUPPLIER owns those of its agreements (the
//   agreement's supplier); a REGISTRY those of agreements whose method has
//   a data obligation (dataansvar) its organisation is responsible for;
// - settlements (GetSettlement, ListSettlements): the agreement's supplier.
// Both run inside the handler's transaction, before anything else is read,
// and refuse with the same words whether or not the agreement exists, so a
// refusal reveals nothing; a draft the caller may not see
// (services/agreements/visibility.h) counts as one that does not exist.
// Callers allowed outright pass unchecked.
#ifndef MEA_SERVICES_AGREEMENTS_ACCESS_H_
#define MEA_SERVICES_AGREEMENTS_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "services/auth/call_auth.h"
#include "storage/core/database.h"

namespace mea::services::agreements {

absl::Status CheckResultsOwner(storage::Connection& connection,
                               const auth::CallAuth& call,
                               const std::string& agreement_id);

absl::Status CheckSettlementOwner(storage::Connection& connection,
                                  const auth::CallAuth& call,
                                  const std::string& agreement_id);

// The audit trail's resource names: "agreements/ID", and under it
// "agreements/ID/batches/BATCH" and "agreements/ID/settlements/N".
std::string AgreementResource(const std::string& agreement_id);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_ACCESS_H_
