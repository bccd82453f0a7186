// Size limits that more than one part of mea must agree on.
#ifndef MEA_COMMON_LIMITS_H_
#define MEA_COMMON_LIMITS_H_

#include <cstddef>

namespace mea {

// The largest request or response mead accepts or sends: a gRPC message
// (both directions) and an HTTP/JSON request body. A half-year's results for
// a large agreement fit (docs/results-formats.md); anything larger is refused
// before it is read.
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;

}  // namespace mea

#endif  // MEA_COMMON_LIMITS_H_
