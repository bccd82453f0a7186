#include "rules/decimal.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rules/decimal_text.h"

namespace mea::rules {
namespace {

constexpr size_t kMaxDecimals = 6;

}  // namespace

Decimal::Decimal() : text_("0"), fraction_(kMaxDecimals, '0') {}

absl::StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  const std::optional<internal::DecimalDigits> digits =
      internal::SplitDecimal(text);
  if (!digits.has_value() || digits->fraction.size() > kMaxDecimals) {
    return absl::InvalidArgumentError(absl::StrCat(
        "must be a non-negative decimal such as \"0.42\": digits, optionally "
        "'.' and at most 6 decimals, got ",
        internal::Quoted(text)));
  }
  Decimal decimal;
  decimal.text_ = std::string(text);
  decimal.integer_ = std::string(internal::StripLeadingZeros(digits->integer));
  decimal.fraction_ = std::string(digits->fraction);
  decimal.fraction_.resize(kMaxDecimals, '0');
  return decimal;
}

bool operator==(const Decimal& a, const Decimal& b) {
  return a.integer_ == b.integer_ && a.fraction_ == b.fraction_;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  // Without leading zeros a longer integer part is a larger number; equal
  // lengths and the fixed-width fractions compare as text.
  if (auto c = a.integer_.size() <=> b.integer_.size(); c != 0) return c;
  if (auto c = a.integer_.compare(b.integer_) <=> 0; c != 0) return c;
  return a.fraction_.compare(b.fraction_) <=> 0;
}

}  // namespace mea::rules
