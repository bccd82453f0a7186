// Turns a call's "authorization" metadata into a Principal.
//
// Two modes:
// - tokens (mead --tokens FILE): "Bearer <token>" is looked up in the token
//   file; no header at all is the PUBLIC principal; anything else (a wrong,
//   expired or revoked token, or a malformed header) is UNAUTHENTICATED.
// - development (no --tokens; mead allows it on loopback only): every
//   caller is the LOCAL principal, which may do everything.
//
// In both modes the server's own in-process calls (the demo loader) carry
// a random token made at start-up that exists only in memory and stands
// for the principal "mead" with role LOCAL.
#ifndef MEA_SERVICES_AUTH_AUTHENTICATOR_H_
#define MEA_SERVICES_AUTH_AUTHENTICATOR_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "identity/principal.h"
#include "identity/token_file.h"
#include "services/auth/token_store.h"
#include "common/clock.h"

namespace mea::services::auth {

inline constexpr char kAuthorizationHeader[] = "authorization";

class Authenticator {
 public:
  static std::unique_ptr<Authenticator> Development();
  // `clock` is not owned and must outlive the authenticator.
  static std::unique_ptr<Authenticator> WithTokens(
      std::unique_ptr<TokenStore> tokens, const Clock* clock);

  bool development_mode() const { return tokens_ == nullptr; }

  // `authorization` is the metadata value, nullopt when the call has none.
  absl::StatusOr<identity::Principal> Identify(
      std::optional<absl::string_view> authorization) const;

  // The bearer token of the server's own calls.
  const std::string& internal_token() const { return internal_token_; }

 private:
  Authenticator(std::unique_ptr<TokenStore> tokens, const Clock* clock);

  std::unique_ptr<TokenStore> tokens_;
  const Clock* clock_;
  std::string internal_token_;
  identity::TokenHash internal_hash_{};
};

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_AUTHENTICATOR_H_
