#include "storage/audit_chain.h"

#include <openssl/evp.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace mea::storage::audit {
namespace {

class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
  }
  void Add(absl::string_view bytes) {
    EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size());
  }
  // One netstring: "<length>:<bytes>,".
  void AddField(absl::string_view bytes) {
    Add(absl::StrCat(bytes.size(), ":"));
    Add(bytes);
    Add(",");
  }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_.get(), digest, &length);
    return absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), length));
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

}  // namespace

std::string EntryHash(const AuditEntry& entry) {
  const AuditRecord& record = entry.record;
  Sha256 hash;
  hash.Add("mea.audit.v1");
  hash.AddField(absl::StrCat(entry.sequence));
  for (const std::string* field :
       {&record.time, &record.principal, &record.organisation, &record.role,
        &record.credential, &record.rpc, &record.resource,
        &record.request_digest, &record.reason}) {
    hash.AddField(*field);
  }
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
  } else if (EntryHash(entry) != entry.entry_hash) {
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
