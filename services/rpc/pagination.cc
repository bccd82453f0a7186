#include "services/rpc/pagination.h"

#include "absl/hash/hash.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mea::services {
namespace {

// A short, stable fingerprint of the filter (not a security measure: it only
// catches tokens reused with another query by mistake).
std::string FilterFingerprint(std::string_view filter) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : filter) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrCat(hash % 1000000007);
}

}  // namespace

Page ParsePage(int32_t page_size, std::string_view page_token,
               std::string_view filter, FieldViolations& violations) {
  Page page;
  if (page_size < 0) {
    violations.Add("page_size", "must not be negative");
  } else if (page_size > 0) {
    page.size = std::min(page_size, kMaxPageSize);
  }
  if (page_token.empty()) return page;
  std::string decoded;
  std::vector<std::string> parts;
  if (absl::WebSafeBase64Unescape(
          absl::string_view(page_token.data(), page_token.size()), &decoded)) {
    parts = absl::StrSplit(decoded, ':');
  }
  int64_t offset = 0;
  if (parts.size() != 3 || parts[0] != "v1" ||
      !absl::SimpleAtoi(parts[1], &offset) || offset < 0 ||
      parts[2] != FilterFingerprint(filter)) {
    violations.Add("page_token",
                   "is not a token issued for this query; start without one");
    return page;
  }
  page.offset = offset;
  return page;
}

std::string PageToken(int64_t offset, std::string_view filter) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1:", offset, ":", FilterFingerprint(filter)));
}

}  // namespace mea::services
