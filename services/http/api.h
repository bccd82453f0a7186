// The API door of the HTTP gateway: a request under /v1/ is matched to its
// route (services/http/routes.h), transcoded into the RPC's request message
// (services/http/transcode.h), sent as serialized bytes to the gRPC service
// over `channel` with the forwarded metadata, and the answer is printed as
// JSON; a refused call becomes the mapped HTTP status with an error body.
// The exchange's metadata goes with the call. OK once the answer (or a 405
// with Allow) is written; otherwise the error to write
// (services/http/exchange.h).
#ifndef MEA_SERVICES_HTTP_API_H_
#define MEA_SERVICES_HTTP_API_H_

#include <grpcpp/channel.h>
#include <httplib.h>

#include <memory>

#include "absl/status/status.h"
#include "services/http/exchange.h"
#include "services/http/routes.h"

namespace mea::services::http {

absl::Status HandleApiCall(const RouteTable& routes,
                           const std::shared_ptr<grpc::Channel>& channel,
                           const Exchange& exchange);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_API_H_
