#include "identity/token_file.h"

#include <openssl/sha.h>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"

namespace mea::identity {
namespace {

constexpr absl::string_view kValidUntil = "valid_until=";

// rules/ speaks std::string_view; Debian's Abseil has its own string_view.
std::string_view ToStd(absl::string_view text) {
  return std::string_view(text.data(), text.size());
}

absl::Status LineError(int line, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("token file line ", line, ": ", problem));
}

std::optional<TokenHash> ParseHashHex(absl::string_view text) {
  if (text.size() != 64) return std::nullopt;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) {
      return std::nullopt;
    }
  }
  std::string bytes = absl::HexStringToBytes(text);
  TokenHash hash;
  std::copy(bytes.begin(), bytes.end(), hash.begin());
  return hash;
}

// Applies one optional field ("valid_until=...", "revoked") to `entry`.
absl::Status ApplyOption(int line, absl::string_view option,
                         TokenEntry& entry) {
  if (option == "revoked") {
    entry.revoked = true;
    return absl::OkStatus();
  }
  if (absl::StartsWith(option, kValidUntil)) {
    absl::StatusOr<absl::CivilDay> day =
        rules::ParseDate(ToStd(option.substr(kValidUntil.size())));
    if (!day.ok()) {
      return LineError(line,
                       absl::StrCat("valid_until: ", day.status().message()));
    }
    entry.valid_until = *day;
    return absl::OkStatus();
  }
  return LineError(line,
                   absl::StrCat("unknown option \"", option,
                                "\" (valid_until=YYYY-MM-DD or revoked)"));
}

absl::StatusOr<TokenEntry> ParseLine(int line, absl::string_view text) {
  std::vector<absl::string_view> fields = absl::StrSplit(text, '\t');
  if (fields.size() < 4) {
    return LineError(line,
                     "expected hash, name, organisation and role separated "
                     "by TAB");
  }
  TokenEntry entry;
  std::optional<TokenHash> hash = ParseHashHex(fields[0]);
  if (!hash.has_value()) {
    return LineError(line, "the hash must be 64 lowercase hex digits");
  }
  entry.hash = *hash;
  if (fields[1].empty()) return LineError(line, "the name is empty");
  std::optional<Role> role = ParseTokenRole(fields[3]);
  if (!role.has_value()) {
    return LineError(line,
                     "role must be SECRETARIAT, PROCUREMENT, FORUM_MEMBER, "
                     "SUPPLIER or REGISTRY");
  }
  if (fields[2].empty() &&
      (*role == Role::kSupplier || *role == Role::kRegistry)) {
    return LineError(line, "a SUPPLIER or REGISTRY needs its organisation");
  }
  entry.principal =
      Principal{std::string(fields[1]), std::string(fields[2]), *role,
                absl::StrCat("token:", HashHex(entry.hash).substr(0, 12))};
  for (size_t i = 4; i < fields.size(); ++i) {
    MEA_RETURN_IF_ERROR(ApplyOption(line, fields[i], entry));
  }
  return entry;
}

}  // namespace

TokenHash HashToken(absl::string_view token) {
  TokenHash hash;
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         hash.data());
  return hash;
}

std::string HashHex(const TokenHash& hash) {
  return absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(hash.data()), hash.size()));
}

absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text) {
  std::vector<TokenEntry> entries;
  absl::flat_hash_set<std::string> seen;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty() ||
        absl::StartsWith(line, "#")) {
      continue;
    }
    MEA_ASSIGN_OR_RETURN(TokenEntry entry, ParseLine(line_number, line));
    if (!seen.insert(HashHex(entry.hash)).second) {
      return LineError(line_number, "the same token hash appears twice");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string FormatTokenLine(const TokenHash& hash, const Principal& principal,
                            std::optional<absl::CivilDay> valid_until) {
  std::string line =
      absl::StrCat(HashHex(hash), "\t", principal.name, "\t",
                   principal.organisation, "\t", RoleName(principal.role));
  if (valid_until.has_value()) {
    absl::StrAppend(&line, "\t", kValidUntil, rules::FormatDate(*valid_until));
  }
  return line;
}

}  // namespace mea::identity
