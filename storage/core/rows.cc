#include "storage/core/rows.h"

#include "rules/civil_date.h"

namespace mea::storage {

std::optional<std::string> OptionalText(const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return row.ColumnText(column);
}

std::string DateText(absl::CivilDay day) { return rules::FormatDate(day); }

absl::StatusOr<absl::CivilDay> DateColumn(const Statement& row, int column) {
  absl::StatusOr<absl::CivilDay> day = rules::ParseDate(row.ColumnText(column));
  if (!day.ok()) {
    return absl::InternalError(
        absl::StrCat("bad date in the database: ", day.status().message()));
  }
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDateColumn(
    const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::optional<absl::CivilDay>();
  MEA_ASSIGN_OR_RETURN(absl::CivilDay day, DateColumn(row, column));
  return std::optional<absl::CivilDay>(day);
}

void BindOptionalDate(Statement& statement, int index,
                      const std::optional<absl::CivilDay>& day) {
  if (day.has_value()) {
    statement.Bind(index, DateText(*day));
  } else {
    statement.BindNull(index);
  }
}

}  // namespace mea::storage
