// Says why serialized bytes do not parse as a given message, by field path.
// protobuf refuses a request whose proto3 text field is not valid UTF-8, or
// whose bytes are cut short, without saying where; these functions read the
// bytes as raw wire format along the message's descriptor and name the
// fields, so that the client's error says what to fix.
#ifndef MEA_SERVICES_RPC_UNPARSABLE_REQUEST_H_
#define MEA_SERVICES_RPC_UNPARSABLE_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "common/field_violations.h"

namespace mea::services {

// What is wrong with `serialized` as a `type` message, at most `limit`
// violations, with paths from the message root ("batch.patients[0].id"):
// every text field that is not valid UTF-8, and the field whose bytes are
// cut short or are not wire format (reading stops there). Empty when no
// field can be blamed (the bytes may still not parse, e.g. nested too deep).
std::vector<FieldViolations::Violation> FindUnparsableFields(
    const std::string& serialized, const google::protobuf::Descriptor& type,
    size_t limit);

// INVALID_ARGUMENT for a unary request that did not parse as `type`, with a
// google.rpc.BadRequest naming the fields FindUnparsableFields blames.
absl::Status UnparsableRequestStatus(const std::string& serialized,
                                     const google::protobuf::Descriptor& type);

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_UNPARSABLE_REQUEST_H_
