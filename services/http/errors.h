// How a refused call looks over HTTP: the gRPC status code mapped to an
// HTTP status (google.rpc.Code's mapping, AIP-193), and a JSON body in
// Google's error format that carries the field violations:
//
//   {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "...",
//              "details": [{"@type":
//              "type.googleapis.com/google.rpc.BadRequest",
//                           "field_violations": [{"field": "...",
//                                                 "description": "..."}]}]}}
//
// FAILED_PRECONDITION (a state-machine violation, e.g. delivering an
// obligation twice) is 400 as google.rpc.Code and AIP-193 prescribe; the
// "status" string tells it apart from INVALID_ARGUMENT.
#ifndef MEA_SERVICES_HTTP_ERRORS_H_
#define MEA_SERVICES_HTTP_ERRORS_H_

#include <string>

#include "absl/status/status.h"

namespace mea::services::http {

int HttpStatusFor(absl::StatusCode code);

// The error body for `status` (not OK). `http_status` is written as "code";
// the status name comes from status.code(); field violations come from its
// BadRequest payload (see common/field_violations.h).
std::string ErrorJson(const absl::Status& status, int http_status);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_ERRORS_H_
