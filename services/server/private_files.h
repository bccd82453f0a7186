// mead's files hold confidential prices and the audit trail, so only
// mead's own user may read them (docs/security.md, "Files").
//
// MakeNewFilesPrivate sets the process umask to 077 before anything is
// opened, so the database, its -wal and -shm files, backups and the port
// file are created 0600 (folders 0700). It cannot fix files that already
// exist, and SQLite gives a new -wal or -shm file the mode of its database
// file whatever the umask; so mead also names, at start, each database
// file that group or others may read or write.
#ifndef MEA_SERVICES_SERVER_PRIVATE_FILES_H_
#define MEA_SERVICES_SERVER_PRIVATE_FILES_H_

#include <string>
#include <vector>

namespace mea::services {

// umask(077) for the whole process; call first thing in main().
void MakeNewFilesPrivate();

// One warning per existing file among `database_path`, its "-wal" and its
// "-shm" whose mode lets group or others read or write it, e.g.
//   "data/mea.db has mode 0644: group or others may read or write it;
//    chmod 600 data/mea.db"
// Empty when all are private (or do not exist).
std::vector<std::string> OpenDatabaseFileWarnings(
    const std::string& database_path);

}  // namespace mea::services

#endif  // MEA_SERVICES_SERVER_PRIVATE_FILES_H_
