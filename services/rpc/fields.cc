#include "services/rpc/fields.h"

#include "absl/strings/ascii.h"
#include "rules/civil_date.h"
#include "rules/method_id.h"

namespace mea::services {
namespace {

// Code points of valid UTF-8 (protobuf guarantees string fields are).
size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsBlank(const std::string& text) {
  for (unsigned char c : text) {
    if (!absl::ascii_isspace(c)) return false;
  }
  return true;
}

bool HasControlCharacter(const std::string& text, bool allow_line_breaks) {
  for (unsigned char c : text) {
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

void CheckString(const std::string& value, const std::string& path,
                 Presence presence, size_t max_length, bool multi_line,
                 FieldViolations& violations) {
  if (IsBlank(value)) {
    if (presence == Presence::kRequired) violations.Add(path, "is required");
    return;
  }
  if (CharacterCount(value) > max_length) {
    violations.Add(path,
                   absl::StrCat("must be at most ", max_length, " characters"));
  }
  if (HasControlCharacter(value, multi_line)) {
    violations.Add(path, multi_line ? "must not contain control characters"
                                    : "must be one line without control "
                                      "characters");
  }
}

}  // namespace

std::string Path(const std::string& parent, const std::string& field) {
  return parent.empty() ? field : absl::StrCat(parent, ".", field);
}

std::string Indexed(const std::string& path, size_t index) {
  return absl::StrCat(path, "[", index, "]");
}

void CheckName(const std::string& value, const std::string& path,
               Presence presence, FieldViolations& violations) {
  CheckString(value, path, presence, kMaxNameLength,
              /*multi_line=*/false, violations);
}

void CheckText(const std::string& value, const std::string& path,
               Presence presence, FieldViolations& violations) {
  CheckString(value, path, presence, kMaxTextLength,
              /*multi_line=*/true, violations);
}

void CheckKey(const std::string& value, const std::string& path,
              Presence presence, FieldViolations& violations) {
  CheckString(value, path, presence, kMaxKeyLength,
              /*multi_line=*/false, violations);
}

void CheckMethodId(const std::string& value, const std::string& path,
                   FieldViolations& violations) {
  if (value.empty()) {
    violations.Add(path, "is required");
  } else if (!rules::IsMethodId(value)) {
    violations.Add(path,
                   "must be a Nye metoder case id: \"ID\" + 4 digits + \"_\" "
                   "+ 3 digits, e.g. ID2021_045");
  }
}

std::optional<absl::CivilDay> CheckDate(const std::string& value,
                                        const std::string& path,
                                        Presence presence,
                                        FieldViolations& violations) {
  if (value.empty()) {
    if (presence == Presence::kRequired) {
      violations.Add(path, "is required (a date \"YYYY-MM-DD\")");
    }
    return std::nullopt;
  }
  absl::StatusOr<absl::CivilDay> day = rules::ParseDate(value);
  if (!day.ok()) {
    violations.Add(path, std::string(day.status().message()));
    return std::nullopt;
  }
  return *day;
}

void CheckId(int64_t value, const std::string& path,
             FieldViolations& violations) {
  if (value == 0) {
    violations.Add(path, "is required");
  } else if (value < 0) {
    violations.Add(path, "must be positive");
  }
}

std::string EnumChoices(const google::protobuf::EnumDescriptor& type) {
  std::string choices;
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = type.value(i);
    if (value->number() == 0) continue;
    if (!choices.empty()) {
      choices += i + 1 == type.value_count() ? " or " : ", ";
    }
    choices += value->name();
  }
  return choices;
}

void CheckRange(int64_t value, int64_t min, int64_t max,
                const std::string& path, FieldViolations& violations) {
  if (value < min || value > max) {
    violations.Add(path, absl::StrCat("must be between ", min, " and ", max));
  }
}

}  // namespace mea::services
