#include "services/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace mea::services {

void FieldViolations::Add(std::string_view field,
                          std::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message = absl::StrCat(violations_.front().field, ": ",
                                     violations_.front().description);
  if (violations_.size() > 1) {
    absl::StrAppend(&message, " (and ", violations_.size() - 1,
                    " more invalid field", violations_.size() > 2 ? "s" : "",
                    ")");
  }
  google::rpc::BadRequest bad_request;
  for (const Violation& violation : violations_) {
    google::rpc::BadRequest::FieldViolation* field =
        bad_request.add_field_violations();
    field->set_field(violation.field);
    field->set_description(violation.description);
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

std::vector<FieldViolations::Violation> ViolationsOf(
    const absl::Status& status) {
  std::vector<FieldViolations::Violation> result;
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload.has_value()) return result;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return result;
  for (const auto& field : bad_request.field_violations()) {
    result.push_back({field.field(), field.description()});
  }
  return result;
}

}  // namespace mea::services
