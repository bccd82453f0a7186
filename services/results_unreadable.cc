#include "services/results_unreadable.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/stubs/common.h"
#include "google/protobuf/unknown_field_set.h"
#include "mea/v1/agreements.pb.h"

namespace mea::services {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

std::string FieldPath(const std::string& prefix, const FieldDescriptor& field,
                      int occurrence) {
  std::string path =
      prefix.empty() ? field.name() : absl::StrCat(prefix, ".", field.name());
  if (field.is_repeated()) absl::StrAppend(&path, "[", occurrence, "]");
  return path;
}

void FindIn(const UnknownFieldSet& fields, const Descriptor& type,
            const std::string& prefix, size_t limit,
            std::vector<std::string>& found) {
  std::map<int, int> occurrences;
  for (int i = 0; i < fields.field_count() && found.size() < limit; ++i) {
    const UnknownField& raw = fields.field(i);
    const int occurrence = occurrences[raw.number()]++;
    const FieldDescriptor* field = type.FindFieldByNumber(raw.number());
    if (field == nullptr || raw.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    const std::string path = FieldPath(prefix, *field, occurrence);
    const std::string& bytes = raw.length_delimited();
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      // The very check protobuf applies when it parses a proto3 string.
      if (!google::protobuf::internal::IsStructurallyValidUTF8(
              bytes.data(), static_cast<int>(bytes.size()))) {
        found.push_back(path);
      }
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      UnknownFieldSet inner;
      if (inner.ParseFromString(bytes)) {
        FindIn(inner, *field->message_type(), path, limit, found);
      }
    }
  }
}

}  // namespace

std::vector<std::string> FindNonUtf8Fields(const std::string& serialized,
                                           size_t limit) {
  std::vector<std::string> found;
  UnknownFieldSet fields;
  if (fields.ParseFromString(serialized)) {
    FindIn(fields, *v1::UploadResultsRequest::descriptor(), "", limit, found);
  }
  return found;
}

}  // namespace mea::services
