// The one line a refused call leaves in the server log.
//
// Every call whose final status is PERMISSION_DENIED or UNAUTHENTICATED is
// logged once, by the auth interceptor when the status is sent
// (services/auth/auth_interceptor.h), whoever decided it: the policy table
// before the handler ran, or the handler's own-organisation check inside
// its transaction. The line names the RPC, the code, the principal, its
// organisation and role (or that the caller could not be identified), the
// peer (services/auth/call_peer.h) and the refusal's message; never a
// token, which only the authorization header holds and nothing here reads.
#ifndef MEA_SERVICES_AUTH_REFUSAL_LOG_H_
#define MEA_SERVICES_AUTH_REFUSAL_LOG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/auth/call_auth.h"

namespace mea::services::auth {

// Whether `code` is a refusal that LogRefusal records.
bool IsRefusal(absl::StatusCode code);

// The log line (without the "mead: auth: " prefix), e.g.
//   refused /mea.v1.AgreementService/GetSettlement: PERMISSION_DENIED;
//   principal "Ola Konkurrent", organisation "Leverandør B AS", role
//   SUPPLIER; peer ipv4:127.0.0.1:50712; <message>
// (one line). Control characters in any part become '?'.
std::string RefusalLine(const CallAuth& call, const absl::Status& status,
                        absl::string_view peer);

// Writes RefusalLine to the auth log.
void LogRefusal(const CallAuth& call, const absl::Status& status,
                absl::string_view peer);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_REFUSAL_LOG_H_
