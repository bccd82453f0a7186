// The audit trail's hash chain: how an entry's hash is computed and how a
// sequence of stored entries is checked. Pure: no SQL.
//
// entry_hash = lowercase hex SHA-256 of
//   "mea.audit.v1" followed by, for each field in this order, its byte
//   length in decimal, ':', the bytes, ',' (a netstring):
//   sequence (decimal), time, principal, organisation, role, credential,
//   rpc, resource, request_digest, reason, previous_hash.
// Length prefixes make the encoding unambiguous (no field can borrow
// another's bytes). The first entry's previous_hash is 64 zeros.
//
// Version 2 (every entry written since migration 5) commits to the data
// the change wrote as well: "mea.audit.v2" and the same netstrings, with
// state_digest (storage/audit/state.h) between reason and previous_hash.
// Version 1 entries keep their hashes.
//
// A keyed trail (mead --audit_key_file, docs/security.md) computes the
// hash of the entries from `keyed_from` on as HMAC-SHA256 under a secret
// kept outside the database, over the same bytes: whoever can write the
// database but not read the key cannot rewrite an entry and the ones after
// it so that they verify again. Entries before `keyed_from` (written
// before the trail was keyed) stay plain SHA-256.
#ifndef MEA_STORAGE_AUDIT_CHAIN_H_
#define MEA_STORAGE_AUDIT_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace mea::storage::audit {

inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// What a change records about itself.
struct AuditRecord {
  std::string time;
  std::string principal;
  std::string organisation;
  std::string role;
  std::string credential;
  std::string rpc;
  std::string resource;
  std::string request_digest;
  std::string reason;
};

inline constexpr int kCurrentEntryVersion = 2;

// A stored entry: the record and its place in the chain.
struct AuditEntry {
  int64_t sequence = 0;
  // 1: the hash covers the record; 2: the record and state_digest.
  int version = kCurrentEntryVersion;
  AuditRecord record;
  // Version 2: the digest of the groups of rows the change wrote.
  std::string state_digest;
  std::string previous_hash;
  std::string entry_hash;
};

// The key of a keyed trail; the default (no secret) keys nothing.
struct ChainKey {
  std::string secret;
  int64_t keyed_from = 1;
  // Whether the key file names keyed_from (storage/audit/key_file.h); if
  // not, mead works out where keying began and writes it into the file.
  bool keyed_from_named = false;

  bool Keys(int64_t sequence) const {
    return !secret.empty() && sequence >= keyed_from;
  }
};

// The hash `entry` must have: HMAC-SHA256 under key.secret when the key
// covers its sequence, plain SHA-256 otherwise.
std::string EntryHash(const AuditEntry& entry, const ChainKey& key = {});

// Walks the chain one stored entry at a time, in the order read.
class ChainChecker {
 public:
  explicit ChainChecker(ChainKey key = {}) : key_(std::move(key)) {}

  // The problem with `entry` as the next entry (nullopt when it fits): a
  // gap or repetition in sequence numbers, a previous_hash that is not the
  // hash of the entry before, or fields that do not recompute to its hash.
  // After a problem the checker stops changing.
  std::optional<std::string> Next(const AuditEntry& entry);

  bool broken() const { return first_broken_ != 0; }
  // The sequence number of the first broken entry (a missing entry is
  // named by the number it should have had); 0 when intact.
  int64_t first_broken() const { return first_broken_; }
  const std::string& problem() const { return problem_; }
  int64_t entries() const { return entries_; }
  int64_t head_sequence() const { return head_sequence_; }
  const std::string& head_hash() const { return head_hash_; }

 private:
  void Break(int64_t sequence, std::string problem);

  ChainKey key_;
  int64_t entries_ = 0;
  int64_t head_sequence_ = 0;
  std::string head_hash_ = kGenesisHash;
  int64_t first_broken_ = 0;
  std::string problem_;
};

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_CHAIN_H_
