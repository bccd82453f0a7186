// A prepared SQLite statement with typed binding and column access.
// Parameters are 1-based as in SQLite; columns are 0-based.
//
// Thread safety: not thread-safe. A Statement belongs to the Connection
// that prepared it (storage/core/database.h): only the thread running that
// connection's Read or Write callback may use it, and only until the
// callback returns. The connection caches it by its SQL text, so the next
// Prepare of the same text, in this callback or a later one, resets it.
#ifndef MEA_STORAGE_CORE_STATEMENT_H_
#define MEA_STORAGE_CORE_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mea::storage {

class Statement {
 public:
  Statement(sqlite3* database, sqlite3_stmt* statement);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Clears bindings and rewinds; Connection::Prepare does this for you.
  void Reset();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  // Binds SQL NULL when `value` is empty.
  Statement& BindOptional(int index, const std::optional<int64_t>& value);
  Statement& BindNull(int index);

  // Advances to the next row: true when a row is available, false when
  // done. Binding errors surface here.
  absl::StatusOr<bool> Step();
  // Steps until done; for INSERT/UPDATE/DELETE.
  absl::Status Run();

  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;
  // Columns of the result, and a column's storage class in this row
  // (SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL).
  int ColumnCount() const;
  int ColumnType(int column) const;

 private:
  sqlite3* database_;
  sqlite3_stmt* statement_;
  int bind_error_ = 0;
};

// Maps an SQLite result code to a status, e.g. SQLITE_CONSTRAINT to
// ALREADY_EXISTS or FAILED_PRECONDITION.
absl::Status SqliteError(sqlite3* database, int code, std::string_view what);

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_STATEMENT_H_
