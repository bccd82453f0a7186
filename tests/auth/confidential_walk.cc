#include "tests/auth/confidential_walk.h"

#include "absl/strings/str_cat.h"
#include "mea/v1/options.pb.h"

namespace mea::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool OwnedBy(const Message& message, const std::string& organisation) {
  if (organisation.empty()) return false;
  const auto* type = message.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->options().GetExtension(v1::owner_organisation)) {
      return message.GetReflection()->GetString(message, field) == organisation;
    }
  }
  return false;
}

void Walk(const Message& message, const std::string& viewer,
          const std::string& path, std::vector<std::string>& found) {
  if (OwnedBy(message, viewer)) return;
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // only fields that are set
  for (const FieldDescriptor* field : fields) {
    const std::string here =
        path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
    if (field->options().GetExtension(v1::confidential)) {
      found.push_back(here);
      continue;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        Walk(reflection->GetRepeatedMessage(message, field, i), viewer,
             absl::StrCat(here, "[", i, "]"), found);
      }
    } else {
      Walk(reflection->GetMessage(message, field), viewer, here, found);
    }
  }
}

}  // namespace

std::vector<std::string> SetConfidentialFields(
    const google::protobuf::Message& message,
    const std::string& viewer_organisation) {
  std::vector<std::string> found;
  Walk(message, viewer_organisation, "", found);
  return found;
}

}  // namespace mea::testing
