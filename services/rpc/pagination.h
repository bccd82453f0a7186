// Page size and page token handling shared by every List method.
// Tokens are opaque to clients: a base64 encoding of the offset of the next
// row, bound to the list's filter so a token cannot be replayed on another
// query.
#ifndef MEA_SERVICES_RPC_PAGINATION_H_
#define MEA_SERVICES_RPC_PAGINATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/field_violations.h"

namespace mea::services {

inline constexpr int32_t kDefaultPageSize = 50;
inline constexpr int32_t kMaxPageSize = 1000;

struct Page {
  int64_t offset = 0;
  // Rows to return; query one more to learn whether a next page exists.
  int32_t size = kDefaultPageSize;
};

// Validates page_size (0 = default, negative is an error, larger than the
// maximum is clamped) and page_token (must have been issued for the same
// `filter`). Problems are added to `violations` under "page_size" /
// "page_token".
Page ParsePage(int32_t page_size, std::string_view page_token,
               std::string_view filter, FieldViolations& violations);

// The token for the page that starts at `offset`.
std::string PageToken(int64_t offset, std::string_view filter);

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_PAGINATION_H_
