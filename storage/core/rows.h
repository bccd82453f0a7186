// Reading rows and writing column values, the same way in every storage
// file: a prepared query is stepped to its end and reset, so that no read
// cursor outlives the call (a statement left mid-result would keep its read
// snapshot open after the transaction ends); dates are "YYYY-MM-DD" text;
// enums are the texts of a table the storage file declares. A stored value
// that the schema should have made impossible (a bad date, an unknown enum
// text) is an INTERNAL error naming what was read: storage never guesses.
#ifndef MEA_STORAGE_CORE_ROWS_H_
#define MEA_STORAGE_CORE_ROWS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "common/status_macros.h"
#include "storage/core/statement.h"

namespace mea::storage {

// Calls `read(statement)` for every row, then resets the statement.
template <typename Read>
absl::Status ForEachRow(Statement& statement, Read read) {
  absl::Status status;
  while (status.ok()) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok() || !*row) {
      status = row.status();
      break;
    }
    status = read(statement);
  }
  statement.Reset();
  return status;
}

// Reads at most one row: true when there was one (and `read` saw it).
template <typename Read>
absl::StatusOr<bool> ReadOneRow(Statement& statement, Read read) {
  absl::StatusOr<bool> row = statement.Step();
  if (row.ok() && *row) {
    absl::Status status = read(statement);
    if (!status.ok()) row = status;
  }
  statement.Reset();
  return row;
}

// The optional text of a nullable column.
std::optional<std::string> OptionalText(const Statement& row, int column);

std::string DateText(absl::CivilDay day);
absl::StatusOr<absl::CivilDay> DateColumn(const Statement& row, int column);
// NULL reads as nullopt.
absl::StatusOr<std::optional<absl::CivilDay>> OptionalDateColumn(
    const Statement& row, int column);
// Binds `day` as text, or NULL when absent.
void BindOptionalDate(Statement& statement, int index,
                      const std::optional<absl::CivilDay>& day);

// One value of a stored enum and the text the database holds for it. A
// storage file declares the table of its enum once, e.g.
//   constexpr EnumText<State> kStateTexts[] = {{State::kDraft, "DRAFT"}, ...};
template <typename Enum>
struct EnumText {
  Enum value;
  absl::string_view text;
};

// The stored text of `value`; empty if the table lacks it.
template <typename Enum>
absl::string_view TextOf(absl::Span<const EnumText<Enum>> texts, Enum value) {
  for (const EnumText<Enum>& entry : texts) {
    if (entry.value == value) return entry.text;
  }
  return {};
}

// The value whose text is in `column` of the current row; INTERNAL naming
// `what` ("agreements.state") and the text when no value has it.
template <typename Enum>
absl::StatusOr<Enum> EnumColumn(const Statement& row, int column,
                                absl::Span<const EnumText<Enum>> texts,
                                absl::string_view what) {
  const std::string text = row.ColumnText(column);
  for (const EnumText<Enum>& entry : texts) {
    if (entry.text == text) return entry.value;
  }
  return absl::InternalError(
      absl::StrCat("unknown value \"", text, "\" in ", what));
}

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_ROWS_H_
