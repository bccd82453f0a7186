#include "services/http/exchange.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/auth/call_peer.h"
#include "services/http/client_address.h"
#include "services/http/errors.h"
#include "services/http/grpc_call.h"
#include "services/http/routes.h"

namespace mea::services::http {

std::string RawPathOf(const httplib::Request& request) {
  const std::string& target =
      request.target.empty() ? request.path : request.target;
  return target.substr(0, target.find('?'));
}

absl::StatusOr<QueryParams> QueryOf(const httplib::Request& request) {
  const std::string& target =
      request.target.empty() ? request.path : request.target;
  const size_t question = target.find('?');
  QueryParams query;
  if (question == std::string::npos) return query;
  for (absl::string_view pair :
       absl::StrSplit(absl::string_view(target).substr(question + 1), '&',
                      absl::SkipEmpty())) {
    std::pair<std::string, std::string> raw =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    std::optional<std::string> name =
        PercentDecode(absl::StrReplaceAll(raw.first, {{"+", " "}}));
    std::optional<std::string> value =
        PercentDecode(absl::StrReplaceAll(raw.second, {{"+", " "}}));
    if (!name.has_value() || !value.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("malformed query parameter: ", pair));
    }
    query.emplace_back(*std::move(name), *std::move(value));
  }
  return query;
}

absl::StatusOr<exports::Metadata> ForwardedMetadata(
    const httplib::Request& request, const std::string& client_address) {
  exports::Metadata metadata;
  if (request.has_header("Authorization")) {
    std::string value = request.get_header_value("Authorization");
    if (!IsValidMetadataValue(value)) {
      return absl::InvalidArgumentError(
          "the Authorization header must be printable ASCII");
    }
    metadata.emplace_back("authorization", std::move(value));
  }
  if (!client_address.empty() && IsValidMetadataValue(client_address)) {
    // No HTTP header is ever copied into metadata under this key.
    metadata.emplace_back(auth::kHttpClientAddressHeader, client_address);
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
