#include "storage/core/statement.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace mea::storage {

Statement::Statement(sqlite3* database, sqlite3_stmt* statement)
    : database_(database), statement_(statement) {}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_ = SQLITE_OK;
}

Statement& Statement::Bind(int index, int64_t value) {
  int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = code;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  int code =
      sqlite3_bind_text(statement_, index, value.data(),
                        static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (code != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = code;
  return *this;
}

Statement& Statement::BindOptional(int index,
                                   const std::optional<int64_t>& value) {
  return value.has_value() ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = code;
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    return SqliteError(database_, bind_error_, "binding a parameter");
  }
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return SqliteError(database_, code, sqlite3_sql(statement_));
}

absl::Status Statement::Run() {
  while (true) {
    MEA_ASSIGN_OR_RETURN(const bool row, Step());
    if (!row) return absl::OkStatus();
  }
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     sqlite3_column_bytes(statement_, column));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int Statement::ColumnCount() const { return sqlite3_column_count(statement_); }

int Statement::ColumnType(int column) const {
  return sqlite3_column_type(statement_, column);
}

absl::Status SqliteError(sqlite3* database, int code, std::string_view what) {
  std::string message = absl::StrCat("sqlite: ", sqlite3_errstr(code));
  if (database != nullptr) {
    absl::StrAppend(&message, " (", sqlite3_errmsg(database), ")");
  }
  absl::StrAppend(&message, " in ", std::string(what));
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE ||
          code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace mea::storage
