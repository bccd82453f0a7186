// The tokens of a token file (identity/token_file.h), checked on every
// call. The file is re-read when it changes (size or modification time), so
// a token is revoked or added without restarting mead. If a changed file
// cannot be read or parsed, every token is refused until it is fixed:
// failing closed is what a revocation in progress needs.
#ifndef MEA_SERVICES_AUTH_TOKEN_STORE_H_
#define MEA_SERVICES_AUTH_TOKEN_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "identity/token_file.h"

namespace mea::services::auth {

class TokenStore {
 public:
  // Reads `path`; an unreadable or invalid file is an error, so that mead
  // does not start with a policy it did not mean.
  static absl::StatusOr<std::unique_ptr<TokenStore>> Open(std::string path);

  // The principal of `token`, or UNAUTHENTICATED when the token is unknown,
  // revoked, or past its valid_until day on `today`. The token is hashed and
  // the hash compared with every entry in constant time.
  absl::StatusOr<identity::Principal> Find(absl::string_view token, absl::CivilDay today);

 private:
  struct FileStamp {
    std::int64_t size = -1;
    std::int64_t modified_ns = -1;
    bool operator==(const FileStamp&) const = default;
  };

  explicit TokenStore(std::string path) : path_(std::move(path)) {}
  absl::Status Load();
  void ReloadIfChanged();
  FileStamp Stamp() const;

  std::string path_;
  std::mutex mutex_;
  FileStamp stamp_;
  std::vector<identity::TokenEntry> entries_;
  // Set when the file changed and could not be used: every token fails.
  bool broken_ = false;
};

}  // namespace mea::services::auth

#endif  // MEA_SERVICES_AUTH_TOKEN_STORE_H_
