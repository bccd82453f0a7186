#include "services/http/fields.h"

#include <cctype>
#include <cstdint>
#include <type_traits>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "google/protobuf/field_mask.pb.h"

namespace mea::services::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* FindField(const Descriptor* type,
                                 absl::string_view name) {
  const FieldDescriptor* field = type->FindFieldByName(std::string(name));
  if (field == nullptr) {
    field = type->FindFieldByCamelcaseName(std::string(name));
  }
  return field;
}

bool IsFieldMask(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type()->full_name() == "google.protobuf.FieldMask";
}

absl::Status Invalid(absl::string_view expected, absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("must be ", expected, ", got \"", text, "\""));
}

// "activeSubstance" -> "active_substance": a FieldMask in a URL may use
// either spelling, as in its JSON form; the services expect proto names.
std::string SnakeCase(absl::string_view path) {
  std::string out;
  for (char c : path) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      out.push_back('_');
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::Status SetFieldMask(Message* message, const FieldDescriptor* field,
                          absl::string_view text) {
  const Reflection* reflection = message->GetReflection();
  Message* mask_message = field->is_repeated()
                              ? reflection->AddMessage(message, field)
                              : reflection->MutableMessage(message, field);
  google::protobuf::FieldMask mask;
  for (absl::string_view path :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    mask.add_paths(SnakeCase(absl::StripAsciiWhitespace(path)));
  }
  mask_message->CopyFrom(mask);
  return absl::OkStatus();
}

template <typename Int>
absl::StatusOr<Int> ParseInteger(absl::string_view text) {
  Int value;
  if (!absl::SimpleAtoi(text, &value)) {
    return Invalid(
        std::is_signed_v<Int> ? "an integer" : "a non-negative integer", text);
  }
  return value;
}

absl::StatusOr<int> ParseEnum(const FieldDescriptor* field,
                              absl::string_view text) {
  const auto* value = field->enum_type()->FindValueByName(std::string(text));
  int number;
  if (value == nullptr && absl::SimpleAtoi(text, &number)) {
    value = field->enum_type()->FindValueByNumber(number);
  }
  if (value == nullptr) {
    std::vector<std::string> names;
    for (int i = 0; i < field->enum_type()->value_count(); ++i) {
      names.push_back(field->enum_type()->value(i)->name());
    }
    return Invalid(absl::StrCat("one of ", absl::StrJoin(names, ", ")), text);
  }
  return value->number();
}

// A reflection setter (SetInt32, ...) or adder (AddInt32, ...) of T.
template <typename T>
using Setter = void (Reflection::*)(Message*, const FieldDescriptor*, T) const;

// Parses `text` as an integer of type Int and sets it (or adds it, to a
// repeated field) with the reflection calls of that type.
template <typename Int>
absl::Status SetInteger(Message* message, const FieldDescriptor* field,
                        absl::string_view text, Setter<Int> set,
                        Setter<Int> add) {
  MEA_ASSIGN_OR_RETURN(const Int value, ParseInteger<Int>(text));
  const Reflection* r = message->GetReflection();
  (r->*(field->is_repeated() ? add : set))(message, field, value);
  return absl::OkStatus();
}

// Sets or adds (repeated) one scalar value, each protobuf C++ type with
// its own reflection calls.
absl::Status SetScalar(Message* message, const FieldDescriptor* field,
                       absl::string_view text) {
  const Reflection* r = message->GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value(text);
      if (field->type() == FieldDescriptor::TYPE_BYTES &&
          !absl::WebSafeBase64Unescape(text, &value) &&
          !absl::Base64Unescape(text, &value)) {
        return Invalid("base64", text);
      }
      repeated ? r->AddString(message, field, value)
               : r->SetString(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return SetInteger<int32_t>(message, field, text, &Reflection::SetInt32,
                                 &Reflection::AddInt32);
    case FieldDescriptor::CPPTYPE_INT64:
      return SetInteger<int64_t>(message, field, text, &Reflection::SetInt64,
                                 &Reflection::AddInt64);
    case FieldDescriptor::CPPTYPE_UINT32:
      return SetInteger<uint32_t>(message, field, text, &Reflection::SetUInt32,
                                  &Reflection::AddUInt32);
    case FieldDescriptor::CPPTYPE_UINT64:
      return SetInteger<uint64_t>(message, field, text, &Reflection::SetUInt64,
                                  &Reflection::AddUInt64);
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(text, &v)) return Invalid("a number", text);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? r->AddFloat(message, field, static_cast<float>(v))
                 : r->SetFloat(message, field, static_cast<float>(v));
      } else {
        repeated ? r->AddDouble(message, field, v)
                 : r->SetDouble(message, field, v);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      if (text != "true" && text != "false") {
        return Invalid("true or false", text);
      }
      repeated ? r->AddBool(message, field, text == "true")
               : r->SetBool(message, field, text == "true");
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      MEA_ASSIGN_OR_RETURN(const int number, ParseEnum(field, text));
      repeated ? r->AddEnumValue(message, field, number)
               : r->SetEnumValue(message, field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InvalidArgumentError("cannot be given in the URL");
}

}  // namespace

absl::StatusOr<FieldChain> ResolveFieldPath(const Descriptor* type,
                                            absl::string_view path) {
  FieldChain chain;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field =
        type == nullptr ? nullptr : FindField(type, parts[i]);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown field of ",
          chain.empty() ? std::string("the request") : CanonicalPath(chain)));
    }
    chain.push_back(field);
    const bool last = i + 1 == parts.size();
    if (last) break;
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->is_repeated() || IsFieldMask(field)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field->name(), " has no fields to select"));
    }
    type = field->message_type();
  }
  return chain;
}

std::string CanonicalPath(const FieldChain& chain) {
  std::vector<std::string> names;
  for (const FieldDescriptor* field : chain) names.push_back(field->name());
  return absl::StrJoin(names, ".");
}

bool IsTextSettable(const FieldDescriptor* leaf) {
  if (leaf->is_map()) return false;
  return leaf->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
         IsFieldMask(leaf);
}

absl::Status SetFieldFromText(Message* message, const FieldChain& chain,
                              absl::string_view text) {
  if (chain.empty()) return absl::InvalidArgumentError("no field");
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    message = message->GetReflection()->MutableMessage(message, chain[i]);
  }
  const FieldDescriptor* leaf = chain.back();
  if (!IsTextSettable(leaf)) {
    return absl::InvalidArgumentError(
        "is a message; give it in the JSON body or name its fields");
  }
  if (IsFieldMask(leaf)) return SetFieldMask(message, leaf, text);
  return SetScalar(message, leaf, text);
}

}  // namespace mea::services::http
