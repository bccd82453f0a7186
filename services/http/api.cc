#include "services/http/api.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "google/protobuf/message.h"
#include "services/http/exchange.h"
#include "services/http/grpc_call.h"
#include "services/http/transcode.h"

namespace mea::services::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;
using google::protobuf::MessageFactory;

std::unique_ptr<Message> NewMessage(const Descriptor* type) {
  return std::unique_ptr<Message>(
      MessageFactory::generated_factory()->GetPrototype(type)->New());
}

// HEAD is answered like GET (httplib drops the body).
std::string RoutingMethod(const std::string& method) {
  return method == "HEAD" ? "GET" : method;
}

// 405 with Allow when the path takes other methods, else NOT_FOUND.
absl::Status NoRoute(const RouteTable::Found& found,
                     const httplib::Request& request,
                     httplib::Response& response) {
  const std::string path = RawPathOf(request);
  if (!found.path_known) {
    return absl::NotFoundError(
        absl::StrCat("no route for ", request.method, " ", path));
  }
  response.set_header("Allow", found.allowed_methods);
  WriteErrorWithCode(response,
                     absl::UnimplementedError(absl::StrCat(
                         request.method, " is not allowed on ", path,
                         "; allowed: ", found.allowed_methods)),
                     405);
  return absl::OkStatus();
}

// The RPC's answer, parsed from the bytes gRPC sent back.
absl::StatusOr<std::unique_ptr<Message>> ParseAnswer(const HttpRoute& route,
                                                     const std::string& bytes) {
  std::unique_ptr<Message> answer = NewMessage(route.method->output_type());
  if (!answer->ParseFromString(bytes)) {
    return absl::InternalError(
        absl::StrCat("cannot parse the answer of ", route.grpc_path));
  }
  return answer;
}

}  // namespace

absl::Status HandleApiCall(const RouteTable& routes,
                           const std::shared_ptr<grpc::Channel>& channel,
                           const Exchange& exchange) {
  const httplib::Request& request = exchange.request;
  RouteTable::Found found =
      routes.Find(RoutingMethod(request.method), RawPathOf(request));
  if (found.route == nullptr) {
    return NoRoute(found, request, exchange.response);
  }
  const HttpRoute& route = *found.route;
  MEA_ASSIGN_OR_RETURN(const QueryParams query, QueryOf(request));
  std::unique_ptr<Message> call_request =
      NewMessage(route.method->input_type());
  MEA_RETURN_IF_ERROR(BuildRequestMessage(route, found.bindings, query,
                                          request.body, call_request.get()));
  CallOptions options;
  options.metadata = exchange.metadata;
  MEA_ASSIGN_OR_RETURN(const std::string bytes,
                       CallByName(channel, route.grpc_path,
                                  call_request->SerializeAsString(), options));
  MEA_ASSIGN_OR_RETURN(const std::unique_ptr<Message> answer,
                       ParseAnswer(route, bytes));
  MEA_ASSIGN_OR_RETURN(const std::string json, MessageToJson(*answer));
  WriteJson(exchange.response, json);
  return absl::OkStatus();
}

}  // namespace mea::services::http
