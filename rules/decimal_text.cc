#include "rules/decimal_text.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace mea::rules::internal {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

std::optional<DecimalDigits> SplitDecimal(std::string_view text) {
  const size_t dot = text.find('.');
  DecimalDigits digits;
  digits.integer = text.substr(0, dot);
  if (dot != std::string_view::npos) {
    digits.fraction = text.substr(dot + 1);
    if (!AllDigits(digits.fraction)) return std::nullopt;
  }
  if (!AllDigits(digits.integer)) return std::nullopt;
  return digits;
}

std::string Quoted(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  quoted += text;
  quoted += '"';
  return quoted;
}

std::string_view StripLeadingZeros(std::string_view integer) {
  const size_t first = integer.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view()
                                         : integer.substr(first);
}

}  // namespace mea::rules::internal
