#include "storage/core/database.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/audit/state.h"
#include "storage/core/migrations.h"

namespace mea::storage {
namespace {

// How long a writer waits for a lock held by another process (e.g. a
// backup or the sqlite3 shell) before giving up.
constexpr int kBusyTimeoutMilliseconds = 5000;

absl::Status ApplyMigrations(Connection& connection, int* version) {
  MEA_ASSIGN_OR_RETURN(Statement * read,
                       connection.Prepare("PRAGMA user_version"));
  MEA_RETURN_IF_ERROR(read->Step().status());
  int current = static_cast<int>(read->ColumnInt64(0));
  read->Reset();
  for (const Migration& migration : AllMigrations()) {
    if (migration.version <= current) continue;
    absl::Status applied = connection.Execute(
        absl::StrCat("BEGIN IMMEDIATE;", migration.sql,
                     ";PRAGMA user_version = ", migration.version, ";COMMIT;"));
    if (!applied.ok()) {
      connection.Execute("ROLLBACK").IgnoreError();
      return absl::InternalError(absl::StrCat("migration ", migration.version,
                                              " (", migration.name,
                                              ") failed: ", applied.message()));
    }
    current = migration.version;
  }
  *version = current;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Statement*> Connection::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    found->second->Reset();
    return found->second.get();
  }
  sqlite3_stmt* raw = nullptr;
  int code =
      sqlite3_prepare_v3(handle_, sql.c_str(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (code != SQLITE_OK) return SqliteError(handle_, code, sql);
  auto statement = std::make_unique<Statement>(handle_, raw);
  Statement* result = statement.get();
  statements_.emplace(sql, std::move(statement));
  return result;
}

absl::Status Connection::Execute(const std::string& sql) {
  char* error = nullptr;
  int code = sqlite3_exec(handle_, sql.c_str(), nullptr, nullptr, &error);
  if (code == SQLITE_OK) return absl::OkStatus();
  std::string what = error != nullptr ? error : sql;
  sqlite3_free(error);
  return SqliteError(nullptr, code, what);
}

int64_t Connection::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(handle_);
}

void Connection::ResetAll() {
  for (auto& [sql, statement] : statements_) statement->Reset();
}

int Connection::Changes() const { return sqlite3_changes(handle_); }

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& path) {
  sqlite3* handle = nullptr;
  int code = sqlite3_open_v2(
      path.c_str(), &handle,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
      nullptr);
  if (code != SQLITE_OK) {
    absl::Status status = SqliteError(handle, code, "opening " + path);
    sqlite3_close(handle);
    return absl::UnavailableError(status.message());
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMilliseconds);
  std::unique_ptr<Database> database(new Database(path, handle));
  Connection& connection = database->connection_;
  MEA_RETURN_IF_ERROR(
      connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;"));
  MEA_RETURN_IF_ERROR(ApplyMigrations(connection, &database->schema_version_));
  // Every write on this connection notes the groups of rows it touches,
  // for the audit entry that records the change (storage/audit/state.h).
  MEA_RETURN_IF_ERROR(audit::InstallStateCapture(connection));
  return database;
}

Database::Database(std::string path, sqlite3* handle)
    : path_(std::move(path)), handle_(handle), connection_(handle) {}

Database::~Database() {
  // Statements must be finalised before the connection closes.
  connection_ = Connection(nullptr);
  sqlite3_close_v2(handle_);
}

absl::Status Database::Write(Callback callback) {
  return RunTransaction("Write", "BEGIN IMMEDIATE", /*commit=*/true, callback);
}

absl::Status Database::Read(Callback callback) {
  return RunTransaction("Read", "BEGIN DEFERRED", /*commit=*/false, callback);
}

absl::Status Database::Exclusive(Callback callback) {
  return Hold("Exclusive", [&] { return callback(connection_); });
}

absl::Status Database::Hold(const char* caller,
                            absl::FunctionRef<absl::Status()> body) {
  // std::mutex is not recursive: locking it again from the owning thread
  // would wait forever (or worse: it is undefined behaviour).
  if (owner_.load() == std::this_thread::get_id()) {
    return absl::FailedPreconditionError(
        absl::StrCat("Database::", caller,
                     " called inside a transaction on the same thread (a "
                     "Write, Read or Exclusive callback of this database); "
                     "use the Connection the callback was given"));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  owner_.store(std::this_thread::get_id());
  absl::Status result = body();
  owner_.store(std::thread::id());
  return result;
}

absl::Status Database::RunTransaction(const char* caller, const char* begin,
                                      bool commit, Callback callback) {
  return Hold(caller, [&]() -> absl::Status {
    MEA_RETURN_IF_ERROR(connection_.Execute(begin));
    absl::Status result = callback(connection_);
    connection_.ResetAll();
    if (result.ok() && commit) {
      absl::Status committed = connection_.Execute("COMMIT");
      if (committed.ok()) return absl::OkStatus();
      result = committed;
    }
    connection_.Execute("ROLLBACK").IgnoreError();
    return result;
  });
}

}  // namespace mea::storage
