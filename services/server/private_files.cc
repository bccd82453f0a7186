#include "services/server/private_files.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mea::services {

void MakeNewFilesPrivate() { umask(077); }

std::vector<std::string> OpenDatabaseFileWarnings(
    const std::string& database_path) {
  std::vector<std::string> warnings;
  for (const std::string& path :
       {database_path, database_path + "-wal", database_path + "-shm"}) {
    struct stat info;
    // A file that does not exist (no -wal yet) cannot be read by anyone.
    if (stat(path.c_str(), &info) != 0) continue;
    const mode_t permissions = info.st_mode & 07777;
    if ((permissions & 077) == 0) continue;
    warnings.push_back(absl::StrFormat(
        "%s has mode %04o: group or others may read or write it; chmod 600 "
        "%s",
        path, permissions, path));
  }
  return warnings;
}

}  // namespace mea::services
