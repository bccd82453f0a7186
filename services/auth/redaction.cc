#include "services/auth/redaction.h"

#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "mea/v1/options.pb.h"
#include "services/auth/policy.h"

namespace mea::services::auth {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsConfidential(const FieldDescriptor* field) {
  return field->options().GetExtension(v1::confidential);
}

bool IsOwner(const FieldDescriptor* field) {
  return field->options().GetExtension(v1::owner_organisation) &&
         field->type() == FieldDescriptor::TYPE_STRING && !field->is_repeated();
}

// Whether `type` reaches a confidential field; `visiting` holds the types
// on the current path, so recursive types end instead of looping.
bool ReachesConfidential(const Descriptor* type,
                         absl::flat_hash_set<const Descriptor*>& visiting) {
  if (!visiting.insert(type).second) return false;
  bool reaches = false;
  for (int i = 0; i < type->field_count() && !reaches; ++i) {
    const FieldDescriptor* field = type->field(i);
    reaches = IsConfidential(field) ||
              (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
               ReachesConfidential(field->message_type(), visiting));
  }
  visiting.erase(type);
  return reaches;
}

// Whether confidential fields of `message` are visible to `caller`, given
// the visibility `inherited` from the enclosing message.
bool VisibleIn(const identity::Principal& caller, const Message& message,
               bool inherited) {
  if (SeesConfidential(caller.role) != ConfidentialAccess::kOwnOrganisation) {
    return inherited;
  }
  const Descriptor* type = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (!IsOwner(field)) continue;
    std::string owner = reflection->GetString(message, field);
    // An owner field decides for everything inside it, either way.
    return !owner.empty() && owner == caller.organisation;
  }
  return inherited;
}

void Walk(const identity::Principal& caller, Message& message, bool inherited);

void WalkField(const identity::Principal& caller, Message& message,
               const FieldDescriptor* field, bool visible) {
  const Reflection* reflection = message.GetReflection();
  if (!MayHoldConfidential(field->message_type())) return;
  if (field->is_repeated()) {
    // Map fields are repeated entry messages; a confidential map value is
    // cleared inside its entry like any other field.
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      Walk(caller, *reflection->MutableRepeatedMessage(&message, field, i),
           visible);
    }
  } else if (reflection->HasField(message, field)) {
    Walk(caller, *reflection->MutableMessage(&message, field), visible);
  }
}

void Walk(const identity::Principal& caller, Message& message, bool inherited) {
  const bool visible = VisibleIn(caller, message, inherited);
  const Descriptor* type = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (IsConfidential(field) && !visible) {
      reflection->ClearField(&message, field);
      continue;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      WalkField(caller, message, field, visible);
    }
  }
}

// Sets `field` (a singular scalar) to the value it reads as, which makes
// it present.
void SetToItsValue(Message& message, const FieldDescriptor* field) {
  const Reflection* reflection = message.GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      reflection->SetInt32(&message, field,
                           reflection->GetInt32(message, field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      reflection->SetInt64(&message, field,
                           reflection->GetInt64(message, field));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      reflection->SetUInt32(&message, field,
                            reflection->GetUInt32(message, field));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      reflection->SetUInt64(&message, field,
                            reflection->GetUInt64(message, field));
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      reflection->SetDouble(&message, field,
                            reflection->GetDouble(message, field));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      reflection->SetFloat(&message, field,
                           reflection->GetFloat(message, field));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      reflection->SetBool(&message, field, reflection->GetBool(message, field));
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      reflection->SetEnumValue(&message, field,
                               reflection->GetEnumValue(message, field));
      break;
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(&message, field,
                            reflection->GetString(message, field));
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
}

}  // namespace

void MarkFiguresPresent(Message& message) {
  if (!MayHoldConfidential(message.GetDescriptor())) return;
  const Descriptor* type = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
          MarkFiguresPresent(
              *reflection->MutableRepeatedMessage(&message, field, j));
        }
      } else if (reflection->HasField(message, field)) {
        MarkFiguresPresent(*reflection->MutableMessage(&message, field));
      }
      continue;
    }
    // A member of a real oneof is left alone: setting it would choose it.
    if (IsConfidential(field) && !field->is_repeated() &&
        field->has_presence() && field->real_containing_oneof() == nullptr &&
        !reflection->HasField(message, field)) {
      SetToItsValue(message, field);
    }
  }
}

bool SeesAllConfidential(const identity::Principal& caller) {
  return SeesConfidential(caller.role) == ConfidentialAccess::kAll;
}

bool MayHoldConfidential(const Descriptor* type) {
  static std::mutex mutex;
  static auto* known = new absl::flat_hash_map<const Descriptor*, bool>();
  std::lock_guard<std::mutex> lock(mutex);
  auto [entry, inserted] = known->try_emplace(type, false);
  if (inserted) {
    absl::flat_hash_set<const Descriptor*> visiting;
    entry->second = ReachesConfidential(type, visiting);
  }
  return entry->second;
}

void Redact(const identity::Principal& caller, Message& message) {
  if (SeesAllConfidential(caller)) return;
  if (!MayHoldConfidential(message.GetDescriptor())) return;
  Walk(caller, message, /*inherited=*/false);
}

}  // namespace mea::services::auth
