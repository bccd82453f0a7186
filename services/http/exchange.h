// What every HTTP handler of the gateway shares: the request the door let
// in with the metadata its gRPC calls carry (Exchange), reading its URL,
// and writing JSON and error responses.
//
// A handler is `absl::Status Handle...(..., const Exchange& exchange)`: it
// writes its answer into exchange.response and returns OK, or returns the
// error, which the gateway writes (WriteError) in the one place every
// handler shares (HttpGateway::Guarded). So a handler is a chain of
// MEA_ASSIGN_OR_RETURN steps with no error writing of its own; only an
// answer with a code the status cannot carry (405 with Allow) is written by
// the handler itself.
#ifndef MEA_SERVICES_HTTP_EXCHANGE_H_
#define MEA_SERVICES_HTTP_EXCHANGE_H_

#include <httplib.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "export/source.h"
#include "services/http/transcode.h"

namespace mea::services::http {

// One request, once the door (services/http/door.h) has let it in.
struct Exchange {
  const httplib::Request& request;
  httplib::Response& response;
  // What every gRPC call made for the request carries (ForwardedMetadata).
  const exports::Metadata& metadata;
};

// The path of the request target, still percent-encoded, without query.
std::string RawPathOf(const httplib::Request& request);

// The query parameters of the request target, decoded ('+' is a space), in
// order. Only the URL's: a form-encoded body is not a query (httplib would
// merge it into request.params). INVALID_ARGUMENT for a malformed escape.
absl::StatusOr<QueryParams> QueryOf(const httplib::Request& request);

// The metadata every gRPC call made for `request` carries, and nothing
// else: its Authorization header as `authorization` (so authentication and
// authorization are those of gRPC), and `client_address`
// (services/http/client_address.h) as `mea-http-client-address`. No other
// header becomes metadata, so a request cannot set that key (or any other)
// itself. INVALID_ARGUMENT when the Authorization header cannot travel as
// metadata (not printable ASCII).
absl::StatusOr<exports::Metadata> ForwardedMetadata(
    const httplib::Request& request, const std::string& client_address);

// 200 (or `status`) with a JSON body; API answers are never cached.
void WriteJson(httplib::Response& response, const std::string& json,
               int status = 200);

// The status's HTTP code and error body (services/http/errors.h); 401
// also gets `WWW-Authenticate: Bearer`.
void WriteError(httplib::Response& response, const absl::Status& status);

// An error body with an explicit HTTP code (e.g. 405), named by `status`.
void WriteErrorWithCode(httplib::Response& response, const absl::Status& status,
                        int http_status);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_EXCHANGE_H_
