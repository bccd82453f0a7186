#include "services/rpc/unparsable_request.h"

#include <cstdint>
#include <map>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/stubs/common.h"
#include "google/protobuf/wire_format_lite.h"

namespace mea::services {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;
using Violation = FieldViolations::Violation;

constexpr char kNotUtf8[] = "is not valid UTF-8 text";
constexpr char kNotWireFormat[] = "is cut short or is not protobuf wire format";
// protobuf's own default nesting limit: deeper messages do not parse anyway.
constexpr int kMaxDepth = 100;
// Enough to show the pattern; the rest would only fill the answer.
constexpr size_t kMaxReportedFields = 100;

std::string FieldPath(const std::string& prefix, const FieldDescriptor& field,
                      int occurrence) {
  std::string path =
      prefix.empty() ? field.name() : absl::StrCat(prefix, ".", field.name());
  if (field.is_repeated()) absl::StrAppend(&path, "[", occurrence, "]");
  return path;
}

bool IsUtf8(const std::string& text) {
  // The very check protobuf applies when it parses a proto3 string.
  return google::protobuf::internal::IsStructurallyValidUTF8(
      text.data(), static_cast<int>(text.size()));
}

// Reads the fields of one `type` message in `bytes`, adding what is wrong
// to `found`. Stops at the first bytes that are not wire format (blaming
// the field they belong to, or the message itself); a nested message that
// does so does not stop its parent, whose framing is intact.
void ReadMessage(const std::string& bytes, const Descriptor& type,
                 const std::string& path, int depth, size_t limit,
                 std::vector<Violation>& found) {
  CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                         static_cast<int>(bytes.size()));
  std::map<int, int> occurrences;
  while (found.size() < limit) {
    const uint32_t tag = input.ReadTag();
    if (tag == 0) {
      if (input.CurrentPosition() != static_cast<int>(bytes.size())) {
        found.push_back({path, kNotWireFormat});
      }
      return;
    }
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    const FieldDescriptor* field = type.FindFieldByNumber(number);
    const std::string field_path =
        field == nullptr ? path
                         : FieldPath(path, *field, occurrences[number]++);
    if (WireFormatLite::GetTagWireType(tag) !=
        WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&input, tag)) {
        found.push_back({field_path, kNotWireFormat});
        return;
      }
      continue;
    }
    uint32_t length = 0;
    std::string value;
    if (!input.ReadVarint32(&length) ||
        !input.ReadString(&value, static_cast<int>(length))) {
      found.push_back({field_path, kNotWireFormat});
      return;
    }
    if (field == nullptr) continue;
    if (field->type() == FieldDescriptor::TYPE_STRING && !IsUtf8(value)) {
      found.push_back({field_path, kNotUtf8});
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE &&
               depth < kMaxDepth) {
      ReadMessage(value, *field->message_type(), field_path, depth + 1, limit,
                  found);
    }
  }
}

}  // namespace

std::vector<Violation> FindUnparsableFields(const std::string& serialized,
                                            const Descriptor& type,
                                            size_t limit) {
  std::vector<Violation> found;
  ReadMessage(serialized, type, "", 0, limit, found);
  return found;
}

absl::Status UnparsableRequestStatus(const std::string& serialized,
                                     const Descriptor& type) {
  FieldViolations violations;
  for (const Violation& violation :
       FindUnparsableFields(serialized, type, kMaxReportedFields)) {
    // A fault in the framing of the request itself has no field to name.
    violations.Add(violation.field,
                   violation.field.empty()
                       ? absl::StrCat("the request ", kNotWireFormat)
                       : violation.description);
  }
  if (violations.empty()) {
    violations.Add("", absl::StrCat("the request is not a valid ",
                                    type.full_name(), " message"));
  }
  return violations.ToStatus();
}

}  // namespace mea::services
