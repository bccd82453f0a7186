// Small helpers shared by the agreement storage files (internal to
// storage/): running a prepared query and reading its rows so that no read
// cursor outlives the call. A statement left mid-result would keep its read
// snapshot open after the transaction ends.
#ifndef MEA_STORAGE_AGREEMENTS_SQL_H_
#define MEA_STORAGE_AGREEMENTS_SQL_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/core/statement.h"

namespace mea::storage::internal {

// Calls `read(statement)` for every row, then resets the statement.
template <typename Read>
absl::Status ForEachRow(Statement& statement, Read read) {
  while (true) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok()) {
      statement.Reset();
      return row.status();
    }
    if (!*row) break;
    if (absl::Status status = read(statement); !status.ok()) {
      statement.Reset();
      return status;
    }
  }
  statement.Reset();
  return absl::OkStatus();
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
inline std::optional<std::string> OptionalText(const Statement& statement,
                                               int column) {
  if (statement.ColumnIsNull(column)) return std::nullopt;
  return statement.ColumnText(column);
}

}  // namespace mea::storage::internal

#endif  // MEA_STORAGE_AGREEMENTS_SQL_H_
