#include "services/audit/trail.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "storage/audit/store.h"

namespace mea::services::audit {

std::string RequestDigest(const google::protobuf::Message& request) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::Status RecordChange(storage::Connection& connection,
                          const auth::CallAuth& call, const Clock& clock,
                          const google::protobuf::Message& request,
                          absl::string_view resource,
                          absl::string_view reason) {
  storage::audit::AuditRecord record;
  record.time = clock.NowRfc3339();
  record.principal = call.principal.name;
  record.organisation = call.principal.organisation;
  record.role = std::string(identity::RoleName(call.principal.role));
  record.credential = call.principal.credential;
  record.rpc = call.rpc;
  record.resource = std::string(resource);
  record.request_digest = RequestDigest(request);
  record.reason = std::string(reason);
  return storage::audit::Append(connection, record).status();
}

}  // namespace mea::services::audit
