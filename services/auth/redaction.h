// The one redaction step every response passes (the auth interceptor runs
// it on each outgoing message): clears the fields marked
// [(mea.v1.confidential) = true] that the caller may not see.
//
// Whether a caller sees confidential fields is SeesConfidential
// (services/auth/policy.h) of its role. For a SUPPLIER it depends on the
// message: inside a message whose [(mea.v1.owner_organisation) = true] field
// names the caller's organisation, it sees them; everywhere else (another
// supplier's agreement, or data with no owner) it does not. The walk uses
// reflection, so a new confidential field is redacted the moment it is
// declared.
#ifndef MEA_SERVICES_AUTH_REDACTION_H_
#define MEA_SERVICES_AUTH_REDACTION_H_

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "identity/principal.h"

namespace mea::services::auth {

// Clears, recursively (sub-messages, repeated fields, map values), every
// confidential field `caller` may not see.
void Redact(const identity::Principal& caller,
            google::protobuf::Message& message);

// For the server's own answers, before they are sent: sets every
// confidential scalar of `message` and of its present sub-messages
// explicitly, keeping its value (a zero stays a zero, now present).
// Confidential scalars are `optional` (a test checks), so after this a
// figure is absent from an answer only when Redact withheld it, and a
// client can tell "withheld" from "0".
void MarkFiguresPresent(google::protobuf::Message& message);

// Whether a message of this type can hold a confidential field anywhere in
// it; false lets the caller skip the walk. Cached per type.
bool MayHoldConfidential(const google::protobuf::Descriptor* type);

// Whether `caller` may see every confidential field of every message.
bool SeesAllConfidential(const identity::Principal& caller);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_REDACTION_H_
