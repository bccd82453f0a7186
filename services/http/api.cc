#include "services/http/api.h"

#include "absl/strings/str_cat.h"
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

void WriteNoRoute(const RouteTable::Found& found,
                  const httplib::Request& request,
                  httplib::Response& response) {
  const std::string path = RawPathOf(request);
  if (found.path_known) {
    response.set_header("Allow", found.allowed_methods);
    WriteErrorWithCode(response,
                       absl::UnimplementedError(absl::StrCat(
                           request.method, " is not allowed on ", path,
                           "; allowed: ", found.allowed_methods)),
                       405);
    return;
  }
  WriteError(response, absl::NotFoundError(absl::StrCat(
                           "no route for ", request.method, " ", path)));
}

}  // namespace

void HandleApiCall(const RouteTable& routes,
                   const std::shared_ptr<grpc::Channel>& channel,
                   const exports::Metadata& metadata,
                   const httplib::Request& request,
                   httplib::Response& response) {
  RouteTable::Found found =
      routes.Find(RoutingMethod(request.method), RawPathOf(request));
  if (found.route == nullptr) {
    WriteNoRoute(found, request, response);
    return;
  }
  const HttpRoute& route = *found.route;
  absl::StatusOr<QueryParams> query = QueryOf(request);
  if (!query.ok()) {
    WriteError(response, query.status());
    return;
  }
  std::unique_ptr<Message> call_request =
      NewMessage(route.method->input_type());
  if (absl::Status built = BuildRequestMessage(
          route, found.bindings, *query, request.body, call_request.get());
      !built.ok()) {
    WriteError(response, built);
    return;
  }
  CallOptions options;
  options.metadata = metadata;
  absl::StatusOr<std::string> answer = CallByName(
      channel, route.grpc_path, call_request->SerializeAsString(), options);
  if (!answer.ok()) {
    WriteError(response, answer.status());
    return;
  }
  std::unique_ptr<Message> call_response =
      NewMessage(route.method->output_type());
  if (!call_response->ParseFromString(*answer)) {
    WriteError(response, absl::InternalError(absl::StrCat(
                             "cannot parse the answer of ", route.grpc_path)));
    return;
  }
  absl::StatusOr<std::string> json = MessageToJson(*call_response);
  if (!json.ok()) {
    WriteError(response, json.status());
    return;
  }
  WriteJson(response, *json);
}

}  // namespace mea::services::http
