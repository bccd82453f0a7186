#include "services/auth/refusal_log.h"

#include "absl/strings/str_cat.h"
#include "services/auth/auth_log.h"

namespace mea::services::auth {
namespace {

// One log line per refusal: a newline or other control character in a
// name or message (from the token file, a handler) must not start a forged
// one. UTF-8 (Norwegian names) passes unchanged.
std::string OneLine(absl::string_view text) {
  std::string line(text);
  for (char& c : line) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '?';
  }
  return line;
}

std::string Caller(const CallAuth& call) {
  if (!call.identified) return "caller not identified";
  const identity::Principal& principal = call.principal;
  return absl::StrCat("principal \"", OneLine(principal.name),
                      "\", organisation \"", OneLine(principal.organisation),
                      "\", role ", identity::RoleName(principal.role));
}

}  // namespace

bool IsRefusal(absl::StatusCode code) {
  return code == absl::StatusCode::kPermissionDenied ||
         code == absl::StatusCode::kUnauthenticated;
}

std::string RefusalLine(const CallAuth& call, const absl::Status& status,
                        absl::string_view peer) {
  return absl::StrCat("refused ", OneLine(call.rpc), ": ",
                      absl::StatusCodeToString(status.code()), "; ",
                      Caller(call), "; peer ", OneLine(peer), "; ",
                      OneLine(status.message()));
}

void LogRefusal(const CallAuth& call, const absl::Status& status,
                absl::string_view peer) {
  AuthLog(RefusalLine(call, status, peer));
}

}  // namespace mea::services::auth
