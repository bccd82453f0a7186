#include "rules/money.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/decimal_text.h"

namespace mea::rules {
namespace {

constexpr char kMoneyFormat[] =
    "must be an amount in NOK such as \"45210.50\": digits, optionally '.' "
    "and at most 2 decimals, no sign or separators";

// 100000000000 has 12 digits; anything longer is out of range, and checking
// the length first keeps the accumulation below from overflowing.
constexpr size_t kMaxIntegerDigits = 12;

}  // namespace

absl::StatusOr<std::int64_t> ParseMoney(std::string_view text) {
  const std::optional<internal::DecimalDigits> digits =
      internal::SplitDecimal(text);
  if (!digits.has_value() || digits->fraction.size() > 2) {
    return absl::InvalidArgumentError(
        absl::StrCat(kMoneyFormat, ", got ", internal::Quoted(text)));
  }
  const std::string_view integer = internal::StripLeadingZeros(digits->integer);
  std::int64_t ore = 0;
  if (integer.size() <= kMaxIntegerDigits) {
    for (char c : integer) ore = ore * 10 + (c - '0');
    ore *= 100;
    std::int64_t scale = 10;
    for (char c : digits->fraction) {
      ore += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (integer.size() > kMaxIntegerDigits || ore > kMaxMoneyOre) {
    return absl::InvalidArgumentError(absl::StrCat(
        "must be at most 100000000000.00, got ", internal::Quoted(text)));
  }
  return ore;
}

std::string FormatMoney(std::int64_t ore) {
  // Work on the magnitude as unsigned so that INT64_MIN cannot overflow.
  const bool negative = ore < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(ore)
                                           : static_cast<std::uint64_t>(ore);
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", magnitude / 100,
                         magnitude % 100);
}

std::int64_t RoundToOre(absl::int128 ten_thousandths_of_ore) {
  return static_cast<std::int64_t>((ten_thousandths_of_ore + 5000) / 10000);
}

std::int64_t PercentOf(std::int64_t ore, std::int32_t hundredths) {
  return RoundToOre(absl::int128(ore) * hundredths);
}

}  // namespace mea::rules
