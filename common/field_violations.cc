#include "common/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace mea {

void FieldViolations::Add(std::string_view field,
                          std::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

namespace {

// A refusal travels in the trailing metadata, which gRPC limits to 8 KiB
// for all entries together by default (counted unencoded): past it the
// client gets RESOURCE_EXHAUSTED instead of the refusal. The message goes
// twice (percent-encoded in grpc-message, and in grpc-status-details-bin
// beside the BadRequest); the fixed entries and the count of unlisted
// violations take the reserve. What is left is filled with the first
// violations, which show the pattern (a results batch's 100 listed rows
// fit); the message says how many there are in all.
constexpr size_t kMaxTrailerBytes = 7680;
constexpr size_t kReservedTrailerBytes = 400;
// What a listed violation costs beyond its texts (protobuf framing).
constexpr size_t kFramingBytes = 6;
// Texts longer than this (paths and descriptions may quote the request)
// are cut: in the message at half of it.
constexpr size_t kMaxTextBytes = 256;

// `text` cut to `limit` bytes on a UTF-8 character boundary.
std::string Shortened(const std::string& text, size_t limit = kMaxTextBytes) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end) + "…";
}

// The size of `text` in grpc-message, where gRPC percent-encodes every byte
// outside printable ASCII, and '%'.
size_t PercentEncodedSize(const std::string& text) {
  size_t size = 0;
  for (const char c : text) {
    const bool plain = c >= ' ' && c <= '~' && c != '%';
    size += plain ? 1 : 3;
  }
  return size;
}

}  // namespace

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  const Violation& first = violations_.front();
  const std::string description =
      Shortened(first.description, kMaxTextBytes / 2);
  std::string message =
      first.field.empty()
          ? description
          : absl::StrCat(Shortened(first.field, kMaxTextBytes / 2), ": ",
                         description);
  const size_t budget = kMaxTrailerBytes - kReservedTrailerBytes -
                        PercentEncodedSize(message) - message.size();
  google::rpc::BadRequest bad_request;
  size_t detail_bytes = 0;
  for (const Violation& violation : violations_) {
    const std::string field = Shortened(violation.field);
    const std::string text = Shortened(violation.description);
    detail_bytes += field.size() + text.size() + kFramingBytes;
    if (bad_request.field_violations_size() > 0 && detail_bytes > budget) {
      break;
    }
    google::rpc::BadRequest::FieldViolation* listed =
        bad_request.add_field_violations();
    listed->set_field(field);
    listed->set_description(text);
  }
  if (violations_.size() > 1) {
    absl::StrAppend(&message, " (and ", violations_.size() - 1,
                    " more invalid field", violations_.size() > 2 ? "s" : "");
    if (bad_request.field_violations_size() <
        static_cast<int>(violations_.size())) {
      absl::StrAppend(&message, "; the first ",
                      bad_request.field_violations_size(), " are listed");
    }
    absl::StrAppend(&message, ")");
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

}  // namespace mea
