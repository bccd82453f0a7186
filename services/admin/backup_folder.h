// Where online backups may be written: one folder named by `mead
// --backup_dir`, checked at start, and file names (never paths) inside it.
//
// A backup holds every confidential figure of the database, so it must not
// land where anyone else can read it: not in the web root (served to
// anonymous callers over HTTP), not in a folder that other users of the
// machine can list or write, not outside the folder through `/` or `..`.
#ifndef MEA_SERVICES_ADMIN_BACKUP_FOLDER_H_
#define MEA_SERVICES_ADMIN_BACKUP_FOLDER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace mea::services::admin {

// The longest backup file name accepted (Linux's NAME_MAX).
inline constexpr size_t kMaxBackupFileNameBytes = 255;

// OK when `folder` may hold backups: it exists and is a directory (not a
// symbolic link to one), is owned by the server's effective user, has mode
// 0700 exactly (no access for group or others), and is neither the web
// root nor inside it (`web_root` empty: no web root). FAILED_PRECONDITION
// naming the rule otherwise; mead refuses to start.
absl::Status CheckBackupFolder(const std::string& folder,
                               const std::string& web_root);

// The reason `file_name` may not name a backup file, or empty when it may:
// 1 to 255 bytes of ASCII letters, digits, '.', '_' and '-', not starting
// with '.' (so no "..", no hidden file, no path).
std::string BackupFileNameProblem(std::string_view file_name);

}  // namespace mea::services::admin

#endif  // MEA_SERVICES_ADMIN_BACKUP_FOLDER_H_
