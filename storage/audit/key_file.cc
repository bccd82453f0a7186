#include "storage/audit/key_file.h"

#include <sys/stat.h>

#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace mea::storage::audit {
namespace {

constexpr size_t kMinimumKeyHexDigits = 64;  // 256 bits

bool IsHex(absl::string_view text) {
  for (const char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<ChainKey> ReadKeyFile(const std::string& path) {
  struct stat status;
  if (stat(path.c_str(), &status) != 0) {
    return absl::NotFoundError(
        absl::StrCat("audit key file ", path, " cannot be read"));
  }
  if ((status.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("audit key file ", path,
                     " may be read by group or others; chmod 600 it"));
  }
  std::ifstream file(path);
  if (!file) {
    return absl::NotFoundError(
        absl::StrCat("audit key file ", path, " cannot be read"));
  }
  ChainKey key;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    const absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || absl::StartsWith(text, "#")) continue;
    const std::string where = absl::StrCat(path, ":", number, ": ");
    absl::string_view value = text;
    if (absl::ConsumePrefix(&value, "key=")) {
      if (value.size() < kMinimumKeyHexDigits || value.size() % 2 != 0 ||
          !IsHex(value)) {
        return absl::InvalidArgumentError(
            absl::StrCat(where,
                         "key= must be an even number of hex digits, "
                         "at least ",
                         kMinimumKeyHexDigits));
      }
      key.secret = absl::HexStringToBytes(value);
    } else if (absl::ConsumePrefix(&value, "keyed_from=")) {
      if (!absl::SimpleAtoi(value, &key.keyed_from) || key.keyed_from < 1) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, "keyed_from= must be an entry number >= 1"));
      }
      key.keyed_from_named = true;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "expected key=... or keyed_from=..."));
    }
  }
  if (key.secret.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit key file ", path, " has no key= line"));
  }
  return key;
}

absl::Status WriteKeyedFrom(const std::string& path, int64_t keyed_from) {
  std::ofstream file(path, std::ios::app);
  file << "# written by mead: the first keyed entry; never raise it\n"
       << "keyed_from=" << keyed_from << "\n";
  if (!file.flush()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot write keyed_from=", keyed_from, " into the audit key file ",
        path, "; add that line yourself"));
  }
  return absl::OkStatus();
}

}  // namespace mea::storage::audit
