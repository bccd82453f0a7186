// Transcoding between HTTP/JSON and the gRPC messages of a route, through
// protobuf's JSON mapping. The request message is built in three steps:
// the JSON body into the route's body field (or the whole request for
// "*"), then the query parameters (fields not bound by the path or the
// body), then the path variables. Every problem becomes a field violation
// with the field path from the request root, so an HTTP client sees the
// same kind of INVALID_ARGUMENT the services return.
#ifndef MEA_SERVICES_HTTP_TRANSCODE_H_
#define MEA_SERVICES_HTTP_TRANSCODE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "common/field_violations.h"
#include "services/http/routes.h"

namespace mea::services::http {

// Decoded query parameters in the order given; a name may repeat.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Fills `request` (of the route's input type) from the HTTP request.
// INVALID_ARGUMENT with a BadRequest when anything does not fit: invalid
// JSON, an unknown or misplaced query parameter, a value of the wrong type.
absl::Status BuildRequestMessage(const HttpRoute& route,
                                 const PathBindings& path,
                                 const QueryParams& query,
                                 absl::string_view body,
                                 google::protobuf::Message* request);

// Sets fields of `message` from query parameters (used by the route
// transcoder and by the export and calendar handlers that take the
// ListDueItems filters). `reserved` lists parameter names the caller
// handles itself; they are skipped.
void ApplyQueryParameters(const QueryParams& query,
                          const std::vector<std::string>& reserved,
                          google::protobuf::Message* message,
                          FieldViolations* violations);

// The message as JSON with proto field names and zeros printed, the form
// of every HTTP response body.
absl::StatusOr<std::string> MessageToJson(
    const google::protobuf::Message& message);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_TRANSCODE_H_
