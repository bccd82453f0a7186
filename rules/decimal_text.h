#ifndef MEA_RULES_DECIMAL_TEXT_H_
#define MEA_RULES_DECIMAL_TEXT_H_

// Internal helper shared by the Money, Percent and Decimal codecs: the one
// place that decides what a decimal string of the format looks like.

#include <optional>
#include <string>
#include <string_view>

namespace mea::rules::internal {

// The digits of a decimal string such as "45210.50": integer "45210",
// fraction "50". Leading zeros are kept; `fraction` is empty when there is
// no '.'.
struct DecimalDigits {
  std::string_view integer;
  std::string_view fraction;
};

// Splits `text` when it is one or more ASCII digits, optionally followed by
// '.' and one or more digits. Anything else (sign, exponent, spaces, thousands
// separators, ".5", "5.") gives nullopt: the format is strict so that both
// parties read the same number.
std::optional<DecimalDigits> SplitDecimal(std::string_view text);

// `text` in double quotes, for error messages that echo the input.
std::string Quoted(std::string_view text);

// `integer` without its leading zeros ("" for zero).
std::string_view StripLeadingZeros(std::string_view integer);

}  // namespace mea::rules::internal

#endif  // MEA_RULES_DECIMAL_TEXT_H_
