#include "services/auth/authenticator.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"

namespace mea::services::auth {
namespace {

constexpr absl::string_view kBearer = "bearer ";

std::string RandomToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    // Without randomness the server cannot protect its own calls; stopping
    // is safer than a guessable token.
    std::abort();
  }
  return "mea_" + absl::BytesToHexString(absl::string_view(
                      reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

// The token of "Bearer <token>" (scheme case-insensitive), or nullopt.
std::optional<absl::string_view> BearerToken(absl::string_view header) {
  if (header.size() <= kBearer.size() ||
      !absl::EqualsIgnoreCase(header.substr(0, kBearer.size()), kBearer)) {
    return std::nullopt;
  }
  absl::string_view token =
      absl::StripAsciiWhitespace(header.substr(kBearer.size()));
  if (token.empty()) return std::nullopt;
  for (char c : token) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  return token;
}

}  // namespace

Authenticator::Authenticator(std::unique_ptr<TokenStore> tokens,
                             const Clock* clock)
    : tokens_(std::move(tokens)),
      clock_(clock),
      internal_token_(RandomToken()),
      internal_hash_(identity::HashToken(internal_token_)) {}

std::unique_ptr<Authenticator> Authenticator::Development() {
  return std::unique_ptr<Authenticator>(new Authenticator(nullptr, nullptr));
}

std::unique_ptr<Authenticator> Authenticator::WithTokens(
    std::unique_ptr<TokenStore> tokens, const Clock* clock) {
  return std::unique_ptr<Authenticator>(
      new Authenticator(std::move(tokens), clock));
}

absl::StatusOr<identity::Principal> Authenticator::Identify(
    std::optional<absl::string_view> authorization) const {
  std::optional<absl::string_view> token;
  if (authorization.has_value()) {
    token = BearerToken(*authorization);
    if (!token.has_value() && !development_mode()) {
      return absl::UnauthenticatedError(
          "the authorization header must be \"Bearer <token>\"");
    }
  }
  if (token.has_value()) {
    identity::TokenHash hash = identity::HashToken(*token);
    if (CRYPTO_memcmp(hash.data(), internal_hash_.data(), hash.size()) == 0) {
      return identity::Principal{"mead", "mead", identity::Role::kLocal, "mead"};
    }
  }
  if (development_mode()) return identity::LocalPrincipal();
  if (!token.has_value()) return identity::PublicPrincipal();
  return tokens_->Find(*token, clock_->Today());
}

}  // namespace mea::services::auth
