// The one place the security code writes to the server log (stderr), so
// that what it may say is easy to review: principals, roles, RPC names and
// reasons, never a token or an authorization header.
#ifndef MEA_SERVICES_AUTH_AUTH_LOG_H_
#define MEA_SERVICES_AUTH_AUTH_LOG_H_

#include "absl/strings/string_view.h"

namespace mea::services::auth {

// Writes "mead: auth: <line>" and a newline to stderr, whole.
void AuthLog(absl::string_view line);

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_AUTH_LOG_H_
