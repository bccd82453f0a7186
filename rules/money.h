#ifndef MEA_RULES_MONEY_H_
#define MEA_RULES_MONEY_H_

// Money codec and rounding of evaluation.md. Money is held as integer øre
// (int64) and never as floating point, so that procurement and suppliers can
// recompute every øre by hand.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"

namespace mea::rules {

// 100000000000.00 NOK, the largest amount the format admits.
inline constexpr std::int64_t kMaxMoneyOre = 100'000'000'000LL * 100;

// Parses NOK written as digits with optional '.' and at most 2 decimals
// ("45210", "45210.5", "45210.50"); no sign, no thousands separator, at most
// 100000000000.00. Returns øre. Errors are InvalidArgument with a description
// fit to follow a field path.
absl::StatusOr<std::int64_t> ParseMoney(std::string_view text);

// Always two decimals; a negative amount (only net cost can be one) gets a
// leading '-': 4521050 -> "45210.50", -5 -> "-0.05".
std::string FormatMoney(std::int64_t ore);

// Rounds an exact, non-negative amount given in 1/10000 øre (øre × hundredths
// of a percent) half up to whole øre. Settlement lines keep their exact sum in
// this unit and round once, at the end, as evaluation.md requires.
std::int64_t RoundToOre(absl::int128 ten_thousandths_of_ore);

// round_half_up(ore × hundredths / 10000): `hundredths` of a percent of a
// non-negative amount. Integer arithmetic only, no overflow for any amount
// and percent the format admits.
std::int64_t PercentOf(std::int64_t ore, std::int32_t hundredths);

}  // namespace mea::rules

#endif  // MEA_RULES_MONEY_H_
