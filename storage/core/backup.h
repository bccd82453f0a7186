// Online backup of the database into a new file with SQLite's backup API,
// while the server keeps serving.
//
// The pages are copied in steps; between steps the connection is released
// (Database::Exclusive), so requests go on being served during a backup of
// any size. Every change made meanwhile goes through that same connection,
// and SQLite carries such changes into the copy as they happen, so the
// backup never has to restart and ends as the database stood when its last
// step ran: one consistent moment, with every write acknowledged before it.
//
// The copy is made in a temporary file beside `path`, checked with
// PRAGMA integrity_check, synced to disk, and only then linked to `path`
// (which fails if anything appeared there meanwhile): `path` ends up
// holding a complete, checked backup or nothing at all, with mode 0600.
//
// Thread safety: BackupDatabase may be called from any thread while others
// use the same Database; it touches the connection only inside
// Database::Exclusive.
#ifndef MEA_STORAGE_CORE_BACKUP_H_
#define MEA_STORAGE_CORE_BACKUP_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/core/database.h"

namespace mea::storage {

struct BackupOptions {
  // Pages copied while the connection is held; 256 pages of 4 KiB keep each
  // pause of other requests around a millisecond.
  int pages_per_step = 256;
  // Called after each step that left pages to copy, with the connection
  // released; tests use it to write in the middle of a backup.
  std::function<void(int64_t pages_left, int64_t pages_total)> after_step;
};

struct BackupStats {
  std::string path;
  int64_t bytes = 0;
  int64_t pages = 0;
  // Wall time of the whole backup, checks included (a steady clock: this
  // measures work, it is not a date the domain cares about).
  absl::Duration duration;
};

// Writes a backup of `database` to the new file `path`.
// ALREADY_EXISTS: something is at `path` (a backup never overwrites).
// FAILED_PRECONDITION: the folder of `path` does not exist.
// INTERNAL / UNAVAILABLE: SQLite or the file system failed; then nothing is
// left behind.
absl::StatusOr<BackupStats> BackupDatabase(Database& database,
                                           const std::string& path,
                                           const BackupOptions& options = {});

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_BACKUP_H_
