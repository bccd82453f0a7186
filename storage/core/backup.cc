#include "storage/core/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/statement.h"

namespace mea::storage {
namespace {

namespace fs = std::filesystem;

// A step refused because another process holds a lock (the sqlite3 shell,
// say) is retried; this many in a row, about five seconds, give up.
constexpr int kMaxBusySteps = 5000;

std::string ErrnoText() { return std::strerror(errno); }

absl::Status CheckTarget(const fs::path& target) {
  std::error_code error;
  if (fs::exists(fs::symlink_status(target, error))) {
    return absl::AlreadyExistsError(absl::StrCat(
        target.string(), " already exists; a backup never overwrites"));
  }
  if (!fs::is_directory(target.parent_path(), error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the folder ", target.parent_path().string(), " does not exist"));
  }
  return absl::OkStatus();
}

// An empty file with a fresh name beside `target`, so that the final link
// stays inside one file system.
absl::StatusOr<std::string> CreateTemporary(const fs::path& target) {
  const std::string pattern = target.string() + ".partial-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int descriptor = mkstemp(name.data());
  if (descriptor < 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot create a file beside ", target.string(), ": ", ErrnoText()));
  }
  // mkstemp makes it 0600 already; said again because a backup holds every
  // confidential figure and must never be readable by others.
  if (fchmod(descriptor, 0600) != 0) {
    const std::string why = ErrnoText();
    close(descriptor);
    unlink(name.data());
    return absl::UnavailableError(
        absl::StrCat("cannot make ", name.data(), " private: ", why));
  }
  close(descriptor);
  return std::string(name.data());
}

void RemoveTemporary(const std::string& temporary) {
  unlink(temporary.c_str());
  unlink((temporary + "-journal").c_str());
}

absl::Status SyncPath(const std::string& path, int flags) {
  const int descriptor = open(path.c_str(), flags);
  if (descriptor < 0 || fsync(descriptor) != 0) {
    const std::string why = ErrnoText();
    if (descriptor >= 0) close(descriptor);
    return absl::UnavailableError(
        absl::StrCat("cannot sync ", path, " to disk: ", why));
  }
  close(descriptor);
  return absl::OkStatus();
}

// Steps `backup` to its end, releasing the connection between steps.
// Returns the last step's result (SQLITE_DONE when complete) and sets
// `pages` to the database's page count.
int StepToTheEnd(Database& database, sqlite3_backup* backup,
                 const BackupOptions& options, int64_t& pages) {
  int code = SQLITE_OK;
  for (int busy = 0; busy < kMaxBusySteps;) {
    int64_t left = 0;
    database
        .Exclusive([&](Connection&) {
          code = sqlite3_backup_step(backup, options.pages_per_step);
          left = sqlite3_backup_remaining(backup);
          pages = sqlite3_backup_pagecount(backup);
          return absl::OkStatus();
        })
        .IgnoreError();
    if (code == SQLITE_DONE) break;
    if (code != SQLITE_OK && code != SQLITE_BUSY && code != SQLITE_LOCKED) {
      break;
    }
    busy = code == SQLITE_OK ? 0 : busy + 1;
    if (options.after_step) options.after_step(left, pages);
    // Let the requests that waited for the connection have it first.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return code;
}

// Copies every page of `database` into `copy`; returns the page count.
absl::StatusOr<int64_t> CopyPages(Database& database, sqlite3* copy,
                                  const BackupOptions& options) {
  sqlite3_backup* backup = nullptr;
  MEA_RETURN_IF_ERROR(database.Exclusive([&](Connection& source) {
    backup = sqlite3_backup_init(copy, "main", source.handle(), "main");
    if (backup != nullptr) return absl::OkStatus();
    return SqliteError(copy, sqlite3_errcode(copy), "starting the backup");
  }));
  int64_t pages = 0;
  const int code = StepToTheEnd(database, backup, options, pages);
  // finish() touches the source connection too.
  int finished = SQLITE_OK;
  database
      .Exclusive([&](Connection&) {
        finished = sqlite3_backup_finish(backup);
        return absl::OkStatus();
      })
      .IgnoreError();
  if (code != SQLITE_DONE) return SqliteError(copy, code, "copying pages");
  if (finished != SQLITE_OK) {
    return SqliteError(copy, finished, "finishing the backup");
  }
  return pages;
}

// The copy arrives with the source's WAL mode in its header; a backup is
// one self-contained file, so it is switched to an ordinary rollback
// journal (mead turns WAL back on when it opens a restored file).
absl::Status MakeSelfContained(sqlite3* copy) {
  char* error = nullptr;
  const int code = sqlite3_exec(copy, "PRAGMA journal_mode = DELETE", nullptr,
                                nullptr, &error);
  sqlite3_free(error);
  if (code != SQLITE_OK) return SqliteError(copy, code, "journal_mode");
  return absl::OkStatus();
}

absl::Status CheckIntegrity(sqlite3* copy) {
  sqlite3_stmt* raw = nullptr;
  const char kSql[] = "PRAGMA integrity_check";
  const int code = sqlite3_prepare_v2(copy, kSql, -1, &raw, nullptr);
  if (code != SQLITE_OK) return SqliteError(copy, code, kSql);
  Statement statement(copy, raw);
  MEA_ASSIGN_OR_RETURN(const bool row, statement.Step());
  const std::string verdict = row ? statement.ColumnText(0) : "";
  if (verdict != "ok") {
    return absl::InternalError(
        absl::StrCat("the backup failed its integrity check: ", verdict));
  }
  return absl::OkStatus();
}

// Copies into the open, empty `copy` and checks it; returns the page count.
absl::StatusOr<int64_t> CopyAndCheck(Database& database, sqlite3* copy,
                                     const BackupOptions& options) {
  MEA_ASSIGN_OR_RETURN(const int64_t pages, CopyPages(database, copy, options));
  MEA_RETURN_IF_ERROR(MakeSelfContained(copy));
  MEA_RETURN_IF_ERROR(CheckIntegrity(copy));
  return pages;
}

// Copies and checks into `temporary`, which exists and is empty.
absl::StatusOr<int64_t> WriteCopy(Database& database,
                                  const std::string& temporary,
                                  const BackupOptions& options) {
  sqlite3* copy = nullptr;
  const int code =
      sqlite3_open_v2(temporary.c_str(), &copy, SQLITE_OPEN_READWRITE, nullptr);
  absl::StatusOr<int64_t> pages =
      code == SQLITE_OK ? CopyAndCheck(database, copy, options)
                        : absl::StatusOr<int64_t>(
                              SqliteError(copy, code, "opening " + temporary));
  // Closed whatever happened; a failure to close spoils a good copy.
  if (sqlite3_close(copy) != SQLITE_OK && pages.ok()) {
    pages = absl::InternalError("cannot close the backup copy");
  }
  return pages;
}

// Gives the checked copy its final name; link() refuses to replace
// anything that appeared at `target` meanwhile, unlike rename().
absl::Status Publish(const std::string& temporary, const fs::path& target) {
  MEA_RETURN_IF_ERROR(SyncPath(temporary, O_RDONLY));
  if (link(temporary.c_str(), target.c_str()) != 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(
          target.string(), " already exists; a backup never overwrites"));
    }
    return absl::UnavailableError(
        absl::StrCat("cannot create ", target.string(), ": ", ErrnoText()));
  }
  unlink(temporary.c_str());
  return SyncPath(target.parent_path().string(), O_RDONLY | O_DIRECTORY);
}

// Writes the checked copy into `temporary` and publishes it as `target`;
// returns the page count. The caller removes `temporary` afterwards.
absl::StatusOr<int64_t> CopyAndPublish(Database& database,
                                       const std::string& temporary,
                                       const fs::path& target,
                                       const BackupOptions& options) {
  MEA_ASSIGN_OR_RETURN(const int64_t pages,
                       WriteCopy(database, temporary, options));
  MEA_RETURN_IF_ERROR(Publish(temporary, target));
  return pages;
}

}  // namespace

absl::StatusOr<BackupStats> BackupDatabase(Database& database,
                                           const std::string& path,
                                           const BackupOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path target(path);
  MEA_RETURN_IF_ERROR(CheckTarget(target));
  MEA_ASSIGN_OR_RETURN(const std::string temporary, CreateTemporary(target));
  absl::StatusOr<int64_t> pages =
      CopyAndPublish(database, temporary, target, options);
  // Whether or not it was published (a published copy has its own link).
  RemoveTemporary(temporary);
  MEA_RETURN_IF_ERROR(pages.status());
  BackupStats stats;
  stats.path = target.string();
  std::error_code error;
  stats.bytes = static_cast<int64_t>(fs::file_size(target, error));
  stats.pages = *pages;
  stats.duration = absl::FromChrono(std::chrono::steady_clock::now() - started);
  return stats;
}

}  // namespace mea::storage
