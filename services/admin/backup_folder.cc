#include "services/admin/backup_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mea::services::admin {
namespace {

namespace fs = std::filesystem;

// Whether `inner` is `outer` or lies beneath it, both made absolute and
// free of symbolic links and "..".
bool IsWithin(const fs::path& inner, const fs::path& outer) {
  std::error_code error;
  const fs::path a = fs::weakly_canonical(fs::absolute(inner), error);
  if (error) return false;
  const fs::path b = fs::weakly_canonical(fs::absolute(outer), error);
  if (error) return false;
  const fs::path relative = a.lexically_relative(b);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

absl::Status CheckBackupFolder(const std::string& folder,
                               const std::string& web_root) {
  const std::string name = absl::StrCat("--backup_dir ", folder);
  struct stat info;
  if (lstat(folder.c_str(), &info) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(name, ": does not exist (create it with mode 0700)"));
  }
  if (!S_ISDIR(info.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat(name,
                     ": is not a directory (a symbolic link is not "
                     "accepted either)"));
  }
  if (info.st_uid != geteuid()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s: is owned by user %d, not by mead's user %d", name,
                        info.st_uid, geteuid()));
  }
  if ((info.st_mode & 07777) != 0700) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s: has mode %04o; it must be 0700 (no access for group or others: "
        "a backup holds every confidential figure)",
        name, info.st_mode & 07777));
  }
  if (!web_root.empty() && IsWithin(folder, web_root)) {
    return absl::FailedPreconditionError(absl::StrCat(
        name, ": is inside the web root ", web_root,
        ", which is served over HTTP to anyone; choose a folder outside it"));
  }
  return absl::OkStatus();
}

std::string BackupFileNameProblem(std::string_view file_name) {
  if (file_name.empty()) return "is required";
  if (file_name.size() > kMaxBackupFileNameBytes) {
    return absl::StrCat("must be at most ", kMaxBackupFileNameBytes,
                        " bytes, got ", file_name.size());
  }
  if (file_name.front() == '.') {
    return "must not start with '.' (a file name, not a path)";
  }
  for (char c : file_name) {
    if (c == '/') {
      return "must be a file name in the server's backup folder, without "
             "'/'";
    }
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_' && c != '-') {
      return "may hold only letters A-Z and a-z, digits, '.', '_' and '-'";
    }
  }
  return "";
}

}  // namespace mea::services::admin
