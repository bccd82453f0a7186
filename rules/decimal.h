#ifndef MEA_RULES_DECIMAL_H_
#define MEA_RULES_DECIMAL_H_

// Decimal codec of evaluation.md: outcome values and thresholds such as
// "0.42". Compared exactly (never as double) and echoed exactly as written,
// because triggers repeat the input strings ("0.60" stays "0.60").

#include <compare>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace mea::rules {

class Decimal {
 public:
  // Parses a non-negative decimal: digits, optionally '.' and 1 to 6
  // decimals. No sign, no exponent, any magnitude. Errors are InvalidArgument
  // with a description fit to follow a field path.
  static absl::StatusOr<Decimal> Parse(std::string_view text);

  // Zero, written "0".
  Decimal();

  // The text exactly as parsed.
  const std::string& text() const { return text_; }

  // Numeric comparison: "0.6" == "0.600000", "010" == "10".
  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  std::string text_;
  // The canonical form compared: integer digits without leading zeros, and
  // the fraction padded with zeros to 6 digits.
  std::string integer_;
  std::string fraction_;
};

}  // namespace mea::rules

#endif  // MEA_RULES_DECIMAL_H_
