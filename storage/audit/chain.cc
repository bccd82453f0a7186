#include "storage/audit/chain.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace mea::storage::audit {
namespace {

// SHA-256, or HMAC-SHA256 when given a secret, of the bytes added (an
// entry's few hundred bytes, so they are simply collected).
class EntryDigest {
 public:
  explicit EntryDigest(absl::string_view secret) : secret_(secret) {}

  // One netstring: "<length>:<bytes>,".
  void AddField(absl::string_view bytes) {
    absl::StrAppend(&message_, bytes.size(), ":", bytes, ",");
  }
  void Add(absl::string_view bytes) { absl::StrAppend(&message_, bytes); }

  std::string Hex() const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(message_.data());
    if (secret_.empty()) {
      EVP_Digest(data, message_.size(), digest, &length, EVP_sha256(), nullptr);
    } else {
      HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()), data,
           message_.size(), digest, &length);
    }
    return absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), length));
  }

 private:
  absl::string_view secret_;
  std::string message_;
};

}  // namespace

std::string EntryHash(const AuditEntry& entry, const ChainKey& key) {
  const AuditRecord& record = entry.record;
  EntryDigest hash(key.Keys(entry.sequence) ? absl::string_view(key.secret)
                                            : absl::string_view());
  hash.Add(entry.version >= 2 ? "mea.audit.v2" : "mea.audit.v1");
  hash.AddField(absl::StrCat(entry.sequence));
  for (const std::string* field :
       {&record.time, &record.principal, &record.organisation, &record.role,
        &record.credential, &record.rpc, &record.resource,
        &record.request_digest, &record.reason}) {
    hash.AddField(*field);
  }
  if (entry.version >= 2) hash.AddField(entry.state_digest);
  hash.AddField(entry.previous_hash);
  return hash.Hex();
}

void ChainChecker::Break(int64_t sequence, std::string problem) {
  first_broken_ = sequence;
  problem_ = std::move(problem);
}

std::optional<std::string> ChainChecker::Next(const AuditEntry& entry) {
  if (broken()) return problem_;
  const int64_t expected = head_sequence_ + 1;
  if (entry.sequence > expected) {
    Break(expected,
          absl::StrCat("entry ", expected, " is missing (entry ",
                       entry.sequence, " follows entry ", head_sequence_, ")"));
  } else if (entry.sequence < expected) {
    Break(entry.sequence,
          absl::StrCat("entry ", entry.sequence, " appears out of order"));
  } else if (entry.previous_hash != head_hash_) {
    Break(entry.sequence,
          absl::StrCat("entry ", entry.sequence,
                       " does not link to the entry before it (its "
                       "previous_hash is not that entry's hash)"));
  } else if (EntryHash(entry, key_) != entry.entry_hash) {
    Break(entry.sequence,
          absl::StrCat("entry ", entry.sequence,
                       " was altered (its fields do not give its hash)"));
  }
  if (broken()) return problem_;
  ++entries_;
  head_sequence_ = entry.sequence;
  head_hash_ = entry.entry_hash;
  return std::nullopt;
}

}  // namespace mea::storage::audit
