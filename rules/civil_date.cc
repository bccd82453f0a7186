#include "rules/civil_date.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/decimal_text.h"

namespace mea::rules {
namespace {

constexpr absl::CivilDay kEpoch(1970, 1, 1);

// Reads `text` (all digits, checked by the caller) as a number.
int DigitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

bool HasDateShape(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text) {
  if (!HasDateShape(text)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "must be a date \"YYYY-MM-DD\", got ", internal::Quoted(text)));
  }
  const int year = DigitsValue(text.substr(0, 4));
  const int month = DigitsValue(text.substr(5, 2));
  const int day = DigitsValue(text.substr(8, 2));
  const absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) {
    return absl::InvalidArgumentError(
        absl::StrCat(internal::Quoted(text), " is not a calendar date"));
  }
  return civil;
}

absl::StatusOr<DayNumber> ParseDayNumber(std::string_view text) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(text);
  if (!day.ok()) return day.status();
  return ToDayNumber(*day);
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string FormatDayNumber(DayNumber day) {
  return FormatDate(FromDayNumber(day));
}

DayNumber ToDayNumber(absl::CivilDay day) {
  // Four-digit years keep the difference far inside int32.
  return static_cast<DayNumber>(day - kEpoch);
}

absl::CivilDay FromDayNumber(DayNumber day) { return kEpoch + day; }

}  // namespace mea::rules
