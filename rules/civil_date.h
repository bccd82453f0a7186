#ifndef MEA_RULES_CIVIL_DATE_H_
#define MEA_RULES_CIVIL_DATE_H_

// Date codec of evaluation.md: strict "YYYY-MM-DD" calendar dates.
//
// Dates are held as DayNumber (days since 1970-01-01) in the evaluation
// types: four bytes, compared and offset ("start + 7 × weeks") with plain
// integer arithmetic in the settlement's hot loops.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace mea::rules {

// Days since 1970-01-01 (negative before it).
using DayNumber = std::int32_t;

// Parses exactly "YYYY-MM-DD" (four-digit year, two-digit month and day).
// A date that does not exist ("2025-02-30", "2025-13-01") is an error:
// absl::CivilDay would silently normalise it, so the parse checks that
// year, month and day survive the round trip. Errors are InvalidArgument
// with a description fit to follow a field path.
absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text);

// ParseDate, as a DayNumber.
absl::StatusOr<DayNumber> ParseDayNumber(std::string_view text);

// "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);
std::string FormatDayNumber(DayNumber day);

DayNumber ToDayNumber(absl::CivilDay day);
absl::CivilDay FromDayNumber(DayNumber day);

}  // namespace mea::rules

#endif  // MEA_RULES_CIVIL_DATE_H_
