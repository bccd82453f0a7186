// The token file (mead --tokens FILE): which bearer tokens exist and whom
// they stand for. It holds only the SHA-256 of each token, so a copy of the
// file (or of a backup) does not let anybody call the server.
//
// Format: UTF-8 text, one token per line, fields separated by TAB:
//
//   sha256-hex <TAB> name <TAB> organisation <TAB> ROLE [<TAB> option]...
//
// sha256-hex is the lowercase hex SHA-256 of the token text (64 digits);
// ROLE is SECRETARIAT, PROCUREMENT, FORUM_MEMBER, SUPPLIER or REGISTRY;
// options are "valid_until=YYYY-MM-DD" (the last day the token is
// accepted) and "revoked" (refused, but kept so the audit trail's
// "token:..." credential can still be traced to a principal). Blank lines
// and lines starting with '#' are ignored. `meactl token new` prints a line.
#ifndef MEA_IDENTITY_TOKEN_FILE_H_
#define MEA_IDENTITY_TOKEN_FILE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "identity/principal.h"

namespace mea::identity {

using TokenHash = std::array<std::uint8_t, 32>;

struct TokenEntry {
  TokenHash hash{};
  // credential is "token:" + the first 12 hex digits of the hash.
  Principal principal;
  std::optional<absl::CivilDay> valid_until;
  bool revoked = false;
};

// SHA-256 of the token text.
TokenHash HashToken(absl::string_view token);
// Lowercase hex of a hash.
std::string HashHex(const TokenHash& hash);

// Parses the whole file. Errors are INVALID_ARGUMENT naming the line number
// and the problem; they never repeat the line (it holds a hash).
absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text);

// One line of the file for a token with these properties (no newline).
std::string FormatTokenLine(const TokenHash& hash, const Principal& principal,
                            std::optional<absl::CivilDay> valid_until);

}  // namespace mea::identity

#endif  // MEA_IDENTITY_TOKEN_FILE_H_
