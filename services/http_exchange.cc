#include "services/http_exchange.h"

#include "services/http_errors.h"
#include "services/http_grpc_call.h"

namespace mea::services::http {

std::string RawPathOf(const httplib::Request& request) {
  const std::string& target =
      request.target.empty() ? request.path : request.target;
  return target.substr(0, target.find('?'));
}

QueryParams QueryOf(const httplib::Request& request) {
  return QueryParams(request.params.begin(), request.params.end());
}

absl::StatusOr<exports::Metadata> ForwardedMetadata(
    const httplib::Request& request) {
  exports::Metadata metadata;
  if (request.has_header("Authorization")) {
    std::string value = request.get_header_value("Authorization");
    if (!IsValidMetadataValue(value)) {
      return absl::InvalidArgumentError(
          "the Authorization header must be printable ASCII");
    }
    metadata.emplace_back("authorization", std::move(value));
  }
  if (!request.remote_addr.empty()) {
    metadata.emplace_back("x-forwarded-for", request.remote_addr);
  }
  return metadata;
}

void WriteJson(httplib::Response& response, const std::string& json,
               int status) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(json, "application/json; charset=utf-8");
}

void WriteErrorWithCode(httplib::Response& response, const absl::Status& status,
                        int http_status) {
  if (http_status == 401) response.set_header("WWW-Authenticate", "Bearer");
  WriteJson(response, ErrorJson(status, http_status), http_status);
}

void WriteError(httplib::Response& response, const absl::Status& status) {
  WriteErrorWithCode(response, status, HttpStatusFor(status.code()));
}

}  // namespace mea::services::http
