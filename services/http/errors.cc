#include "services/http/errors.h"

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "common/field_violations.h"

namespace mea::services::http {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

void Put(Struct& object, const std::string& key, const std::string& text) {
  (*object.mutable_fields())[key].set_string_value(text);
}

Value BadRequestDetail(const std::vector<FieldViolations::Violation>& list) {
  Value detail;
  Struct* object = detail.mutable_struct_value();
  Put(*object, "@type", kBadRequestTypeUrl);
  ListValue* violations =
      (*object->mutable_fields())["field_violations"].mutable_list_value();
  for (const FieldViolations::Violation& violation : list) {
    Struct* entry = violations->add_values()->mutable_struct_value();
    Put(*entry, "field", violation.field);
    Put(*entry, "description", violation.description);
  }
  return detail;
}

}  // namespace

int HttpStatusFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    default:
      return 500;
  }
}

std::string ErrorJson(const absl::Status& status, int http_status) {
  Struct error;
  (*error.mutable_fields())["code"].set_number_value(http_status);
  Put(error, "status", absl::StatusCodeToString(status.code()));
  Put(error, "message", std::string(status.message()));
  ListValue* details =
      (*error.mutable_fields())["details"].mutable_list_value();
  std::vector<FieldViolations::Violation> violations = ViolationsOf(status);
  if (!violations.empty())
    *details->add_values() = BadRequestDetail(violations);

  Struct body;
  *(*body.mutable_fields())["error"].mutable_struct_value() = error;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(body, &json, options).ok()) {
    // A Struct of strings and numbers always prints; keep a valid body
    // regardless.
    return R"({"error":{"code":500,"status":"INTERNAL","message":""}})";
  }
  return json;
}

}  // namespace mea::services::http
