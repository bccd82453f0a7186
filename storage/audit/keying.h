// Where a keyed audit trail begins, and the rules that keep it from being
// downgraded (docs/security.md, "A keyed trail").
//
// The downgrade: whoever can write the database but not read the key
// rehashes every entry as plain SHA-256 and gets the first keyed entry
// moved past the end (a later keyed_from), so that the plain chain
// verifies. Defences:
// - when mead begins keying it records the first keyed entry in the
//   database (audit_keying, append-only, with an HMAC under the key so it
//   cannot be forged without the key) and in the key file (keyed_from=N);
// - at start, mead refuses a keyed database without the key or with
//   another key, and a key file whose keyed_from differs from the
//   recorded one (a later keyed_from is how the downgrade would pass);
// - Verify (storage/audit/store.h) checks from the recorded entry, so a
//   trail whose keyed part shrank is broken there.
#ifndef MEA_STORAGE_AUDIT_KEYING_H_
#define MEA_STORAGE_AUDIT_KEYING_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "storage/audit/chain.h"
#include "storage/core/database.h"

namespace mea::storage::audit {

struct KeyingMarker {
  int64_t keyed_from = 0;
  std::string proof;
};

// The recorded first keyed entry, if keying ever began.
absl::StatusOr<std::optional<KeyingMarker>> ReadKeyingMarker(
    Connection& connection);

// HMAC-SHA256 under key.secret of "mea.audit.keyed_from:" N, hex.
std::string KeyingProof(const ChainKey& key, int64_t keyed_from);

// At start, in a write transaction: decides the first keyed entry for
// `key` (no secret: not keyed) and records it when keying begins. Returns
// it (0 when not keyed), or FAILED_PRECONDITION saying why mead must not
// start: a keyed database without a key; a recorded marker that does not
// verify under this key (another key); a key file naming another
// keyed_from than the recorded one; a keyed_from beyond the trail's next
// entry. Keyed entries that no longer verify are left to the start-up
// warning and to Verify, so that the trail can still be examined.
absl::StatusOr<int64_t> PrepareKeying(Connection& connection,
                                      const ChainKey& key);

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_KEYING_H_
