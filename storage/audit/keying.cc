#include "storage/audit/keying.h"

#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "storage/audit/store.h"
#include "common/status_macros.h"

namespace mea::storage::audit {
namespace {

absl::Status Refuse(absl::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat("audit: refusing to start: ", why));
}

// The first entry that is not plain SHA-256 (head + 1 when all are), for
// a key file that does not say where keying began.
absl::StatusOr<int64_t> FirstNonPlainEntry(Connection& connection) {
  int64_t first = 0;
  MEA_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ReadAll(connection));
  for (const AuditEntry& entry : entries) {
    if (EntryHash(entry) != entry.entry_hash) return entry.sequence;
    first = entry.sequence + 1;
  }
  return first == 0 ? 1 : first;
}

absl::Status StoreMarker(Connection& connection, const ChainKey& key,
                         int64_t keyed_from) {
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare(
          "INSERT INTO audit_keying (keyed_from, proof) VALUES (?1, ?2)"));
  statement->Bind(1, keyed_from).Bind(2, KeyingProof(key, keyed_from));
  return statement->Run();
}

}  // namespace

absl::StatusOr<std::optional<KeyingMarker>> ReadKeyingMarker(
    Connection& connection) {
  MEA_ASSIGN_OR_RETURN(
      Statement * statement,
      connection.Prepare("SELECT keyed_from, proof FROM audit_keying "
                         "ORDER BY rowid LIMIT 1"));
  MEA_ASSIGN_OR_RETURN(bool row, statement->Step());
  std::optional<KeyingMarker> marker;
  if (row)
    marker = KeyingMarker{statement->ColumnInt64(0), statement->ColumnText(1)};
  statement->Reset();
  return marker;
}

std::string KeyingProof(const ChainKey& key, int64_t keyed_from) {
  const std::string message = absl::StrCat("mea.audit.keyed_from:", keyed_from);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.secret.data(), static_cast<int>(key.secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       digest, &length);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
}

absl::StatusOr<int64_t> PrepareKeying(Connection& connection,
                                      const ChainKey& key) {
  MEA_ASSIGN_OR_RETURN(std::optional<KeyingMarker> marker,
                       ReadKeyingMarker(connection));
  if (key.secret.empty()) {
    if (marker.has_value()) {
      return Refuse(absl::StrCat(
          "the audit trail is keyed (HMAC-SHA256) from entry ",
          marker->keyed_from, "; start mead with its --audit_key_file"));
    }
    return 0;
  }
  if (marker.has_value()) {
    if (KeyingProof(key, marker->keyed_from) != marker->proof) {
      return Refuse(
          "the record of where the audit trail's keying began does not "
          "verify under this audit key: another key, or the record was "
          "altered");
    }
    if (key.keyed_from_named && key.keyed_from != marker->keyed_from) {
      return Refuse(absl::StrCat(
          "the audit key file names keyed_from=", key.keyed_from,
          " but the trail has been keyed from entry ", marker->keyed_from,
          " on; keyed_from never changes once keying began (restore the "
          "key file)"));
    }
  }
  int64_t keyed_from = 0;
  if (marker.has_value()) {
    keyed_from = marker->keyed_from;
  } else if (key.keyed_from_named) {
    keyed_from = key.keyed_from;
  } else {
    MEA_ASSIGN_OR_RETURN(keyed_from, FirstNonPlainEntry(connection));
  }
  // Keyed entries that no longer verify under the key are not refused
  // here: mead warns (CheckNewestEntry) and `audit verify`, which checks
  // from the recorded entry, shows where the trail breaks.
  MEA_ASSIGN_OR_RETURN(std::vector<AuditEntry> newest, ReadNewest(connection));
  const int64_t head = newest.empty() ? 0 : newest.front().sequence;
  if (keyed_from > head + 1) {
    return Refuse(
        absl::StrCat("the audit key file keys the trail from entry ",
                     keyed_from, " but the trail ends at entry ", head,
                     ": entries were removed, or keyed_from is wrong"));
  }
  if (!marker.has_value()) {
    MEA_RETURN_IF_ERROR(StoreMarker(connection, key, keyed_from));
  }
  return keyed_from;
}

}  // namespace mea::storage::audit
