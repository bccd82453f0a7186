#include "services/auth/token_store.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/auth/auth_log.h"

namespace mea::services::auth {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the token file ", path));
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// Index of the entry whose hash equals `hash`, or -1. Every entry is
// compared, with CRYPTO_memcmp, so the time taken does not depend on where
// (or whether) the token matches.
int FindEntry(const std::vector<identity::TokenEntry>& entries, const identity::TokenHash& hash) {
  int found = -1;
  for (size_t i = 0; i < entries.size(); ++i) {
    int differs =
        CRYPTO_memcmp(entries[i].hash.data(), hash.data(), hash.size());
    found = differs == 0 ? static_cast<int>(i) : found;
  }
  return found;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TokenStore>> TokenStore::Open(std::string path) {
  std::unique_ptr<TokenStore> store(new TokenStore(std::move(path)));
  if (absl::Status loaded = store->Load(); !loaded.ok()) return loaded;
  return store;
}

TokenStore::FileStamp TokenStore::Stamp() const {
  struct stat info;
  if (stat(path_.c_str(), &info) != 0) return FileStamp{};
  return FileStamp{static_cast<std::int64_t>(info.st_size),
                   static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 +
                       info.st_mtim.tv_nsec};
}

absl::Status TokenStore::Load() {
  FileStamp stamp = Stamp();
  absl::StatusOr<std::string> text = ReadFile(path_);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<identity::TokenEntry>> entries = identity::ParseTokenFile(*text);
  if (!entries.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path_, ": ", entries.status().message()));
  }
  entries_ = *std::move(entries);
  stamp_ = stamp;
  broken_ = false;
  return absl::OkStatus();
}

void TokenStore::ReloadIfChanged() {
  FileStamp stamp = Stamp();
  if (stamp == stamp_) return;
  if (absl::Status loaded = Load(); !loaded.ok()) {
    entries_.clear();
    broken_ = true;
    stamp_ = stamp;
    AuthLog(
        absl::StrCat("token file changed but is unusable, refusing every "
                     "token until it is fixed: ",
                     loaded.message()));
    return;
  }
  AuthLog(absl::StrCat("token file reloaded: ", entries_.size(), " tokens"));
}

absl::StatusOr<identity::Principal> TokenStore::Find(absl::string_view token,
                                           absl::CivilDay today) {
  const identity::TokenHash hash = identity::HashToken(token);
  std::lock_guard<std::mutex> lock(mutex_);
  ReloadIfChanged();
  if (broken_) return absl::UnauthenticatedError("tokens are unavailable");
  int index = FindEntry(entries_, hash);
  if (index < 0) return absl::UnauthenticatedError("unknown token");
  const identity::TokenEntry& entry = entries_[index];
  if (entry.revoked) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the token (", entry.principal.credential, ") is revoked"));
  }
  if (entry.valid_until.has_value() && today > *entry.valid_until) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the token (", entry.principal.credential, ") expired after ",
        absl::FormatCivilTime(*entry.valid_until)));
  }
  return entry.principal;
}

}  // namespace mea::services::auth
