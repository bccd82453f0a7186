#ifndef MEA_RULES_PERCENT_H_
#define MEA_RULES_PERCENT_H_

// Percent codec of evaluation.md: "12.5" is held as 1250 hundredths of a
// percent, so that a percentage of an amount is exact integer arithmetic.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace mea::rules {

// 100 % in hundredths of a percent.
inline constexpr std::int32_t kHundredPercent = 10000;

// Parses digits with optional '.' and at most 2 decimals, 0 to 100 ("0",
// "12.5", "100.00"). Returns hundredths of a percent. Errors are
// InvalidArgument with a description fit to follow a field path.
absl::StatusOr<std::int32_t> ParsePercent(std::string_view text);

// The shortest form: 1250 -> "12.5", 200 -> "2", 5 -> "0.05".
std::string FormatPercent(std::int32_t hundredths);

}  // namespace mea::rules

#endif  // MEA_RULES_PERCENT_H_
