// Reads the key of a keyed audit trail (storage/audit/chain.h) from the
// file given to mead as --audit_key_file. The file lives outside the
// database and its backups, readable by mead's user only:
//
//   # mea audit key (docs/security.md)
//   key=<the secret as hex, at least 64 digits: openssl rand -hex 32>
//   keyed_from=<first entry keyed>    (optional; mead writes it when it
//                                      begins keying, see audit_keying.h)
//
// Blank lines and lines starting with '#' are ignored.
#ifndef MEA_STORAGE_AUDIT_KEY_FILE_H_
#define MEA_STORAGE_AUDIT_KEY_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "storage/audit/chain.h"

namespace mea::storage::audit {

// The key, or INVALID_ARGUMENT naming the line that is wrong (or
// FAILED_PRECONDITION when group or others may read the file).
absl::StatusOr<ChainKey> ReadKeyFile(const std::string& path);

// Appends "keyed_from=N" to the key file, so that the file names the first
// keyed entry from then on (FAILED_PRECONDITION when it cannot).
absl::Status WriteKeyedFrom(const std::string& path, int64_t keyed_from);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_KEY_FILE_H_
