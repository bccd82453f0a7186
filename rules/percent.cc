#include "rules/percent.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/decimal_text.h"

namespace mea::rules {

absl::StatusOr<std::int32_t> ParsePercent(std::string_view text) {
  const std::optional<internal::DecimalDigits> digits =
      internal::SplitDecimal(text);
  if (!digits.has_value() || digits->fraction.size() > 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "must be a percent such as \"12.5\": digits, optionally '.' and at "
        "most 2 decimals, got ",
        internal::Quoted(text)));
  }
  const std::string_view integer = internal::StripLeadingZeros(digits->integer);
  std::int32_t hundredths = 0;
  // Three integer digits at most ("100"); longer cannot be in range and
  // would overflow.
  if (integer.size() <= 3) {
    for (char c : integer) hundredths = hundredths * 10 + (c - '0');
    hundredths *= 100;
    std::int32_t scale = 10;
    for (char c : digits->fraction) {
      hundredths += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (integer.size() > 3 || hundredths > kHundredPercent) {
    return absl::InvalidArgumentError(absl::StrCat(
        "must be between 0 and 100, got ", internal::Quoted(text)));
  }
  return hundredths;
}

std::string FormatPercent(std::int32_t hundredths) {
  const std::int32_t whole = hundredths / 100;
  const std::int32_t cents = hundredths % 100;
  if (cents == 0) return absl::StrCat(whole);
  if (cents % 10 == 0) return absl::StrFormat("%d.%d", whole, cents / 10);
  return absl::StrFormat("%d.%02d", whole, cents);
}

}  // namespace mea::rules
