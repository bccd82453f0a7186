// The SQLite database of mea: one file, opened with WAL, foreign keys and a
// busy timeout, brought to the newest schema by versioned migrations.
//
// All access goes through Database::Write (one IMMEDIATE transaction,
// committed only when the callback returns OK, rolled back otherwise) or
// Database::Read (one read transaction). Calls are serialised on one
// connection, so a callback sees a consistent snapshot and a refused
// request writes nothing.
//
// Thread safety: a Database is thread-safe. Write, Read and Exclusive may be
// called from any number of threads at once; they take turns on the one
// connection, in no promised order. SetAuditKey is not synchronised: call
// it before other threads use the Database (mead does, before serving).
// A Connection and the Statements it prepared belong to the callback they
// were handed to: not thread-safe, and not to be kept after it returns.
//
// Not re-entrant: a callback that calls Write, Read or Exclusive on the
// same Database gets FAILED_PRECONDITION ("... called inside a transaction
// on the same thread") instead of waiting forever for the connection its
// own thread holds. SQLite has no nested BEGIN either: do the inner work
// with the Connection already in hand.
#ifndef MEA_STORAGE_CORE_DATABASE_H_
#define MEA_STORAGE_CORE_DATABASE_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/audit/chain.h"
#include "storage/core/statement.h"

struct sqlite3;

namespace mea::storage {

// A connection inside a transaction; handed to Read/Write callbacks.
//
// Thread safety: not thread-safe. Only the thread running the callback may
// use it, and only until the callback returns (Database serialises the
// callbacks; the connection has no lock of its own).
class Connection {
 public:
  explicit Connection(sqlite3* handle) : handle_(handle) {}

  // Returns the cached prepared statement for `sql`, reset and unbound.
  // `sql` must be a single statement; the cache is keyed by its text.
  absl::StatusOr<Statement*> Prepare(const std::string& sql);

  // Runs one or more statements without parameters (DDL, pragmas).
  absl::Status Execute(const std::string& sql);

  // The rowid of the last INSERT on this connection.
  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;

  // Rewinds every cached statement. A statement left on a row would keep
  // its read snapshot open after the transaction ends (hiding other
  // connections' changes and blocking WAL checkpoints).
  void ResetAll();

  sqlite3* handle() const { return handle_; }

  // The key of this database's audit trail (storage/audit/chain.h); no
  // secret unless Database::SetAuditKey gave one.
  const audit::ChainKey& audit_key() const { return audit_key_; }

 private:
  friend class Database;

  sqlite3* handle_;
  audit::ChainKey audit_key_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

// Thread safety: thread-safe, except SetAuditKey (see the file comment).
class Database {
 public:
  // Opens (creating if needed) the database at `path` and applies pending
  // migrations. ":memory:" is not supported: tests use a real file.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& path);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  using Callback = absl::FunctionRef<absl::Status(Connection&)>;

  // Runs `callback` in a write transaction; commits when it returns OK.
  // FAILED_PRECONDITION, without running it, when called from inside a
  // callback of this Database on the same thread (not re-entrant).
  absl::Status Write(Callback callback);
  // Runs `callback` in a read transaction; never commits changes. Not
  // re-entrant either, as Write.
  absl::Status Read(Callback callback);
  // Runs `callback` holding the connection but outside any transaction, for
  // SQLite APIs that manage their own locking, such as one step of an
  // online backup (storage/core/backup.h). Keep each call short: every other
  // request waits for it. Not re-entrant either, as Write.
  absl::Status Exclusive(Callback callback);

  // Keys the audit trail from key.keyed_from on (mead --audit_key_file).
  // Call before serving: entries are appended and verified with it.
  void SetAuditKey(audit::ChainKey key) {
    connection_.audit_key_ = std::move(key);
  }

  // The schema version after migrations.
  int schema_version() const { return schema_version_; }
  const std::string& path() const { return path_; }

 private:
  Database(std::string path, sqlite3* handle);
  // Runs `body` holding mutex_, as the connection's owner; `caller` names
  // the public function in the error of a re-entrant call.
  absl::Status Hold(const char* caller, absl::FunctionRef<absl::Status()> body);
  absl::Status RunTransaction(const char* caller, const char* begin,
                              bool commit, Callback callback);

  std::string path_;
  sqlite3* handle_;
  std::mutex mutex_;
  // The thread holding mutex_, default-constructed when none. Only the
  // owner ever finds its own id here, so a re-entrant call is told apart
  // from one that must wait its turn without taking the lock.
  std::atomic<std::thread::id> owner_;
  Connection connection_;
  int schema_version_ = 0;
};

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_DATABASE_H_
