// What a handler calls to record a change in the audit trail, inside the
// same storage transaction as the change (so neither is committed without
// the other). The entry names the call's principal, role and credential
// (which token), the RPC, the resource, a digest of the request, and the
// reason where the change requires one (waivers, extensions, corrections).
#ifndef MEA_SERVICES_AUDIT_TRAIL_H_
#define MEA_SERVICES_AUDIT_TRAIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/clock.h"
#include "google/protobuf/message.h"
#include "services/auth/call_auth.h"
#include "storage/core/database.h"

namespace mea::services::audit {

absl::Status RecordChange(storage::Connection& connection,
                          const auth::CallAuth& call, const Clock& clock,
                          const google::protobuf::Message& request,
                          absl::string_view resource,
                          absl::string_view reason = {});

// Lowercase hex SHA-256 of the deterministic serialization of `request`.
std::string RequestDigest(const google::protobuf::Message& request);

}  // namespace mea::services::audit

#endif  // MEA_SERVICES_AUDIT_TRAIL_H_
