// Finds why a serialized UploadResultsRequest does not parse, so that the
// refusal names the field: protobuf refuses a proto3 text field that is not
// valid UTF-8 but does not say which one. The bytes are read as raw wire
// format and walked along the message's descriptor.
#ifndef MEA_SERVICES_RESULTS_UNREADABLE_H_
#define MEA_SERVICES_RESULTS_UNREADABLE_H_

#include <string>
#include <vector>

namespace mea::services {

// The paths of the text fields that are not valid UTF-8 (at most `limit`),
// from the request root ("batch.patients[0].id"); empty when there is none
// or the bytes are not protobuf wire format at all.
std::vector<std::string> FindNonUtf8Fields(const std::string& serialized,
                                           size_t limit);

}  // namespace mea::services

#endif  // MEA_SERVICES_RESULTS_UNREADABLE_H_
