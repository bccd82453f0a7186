// Checks of single request fields, shared by every service. Each adds its
// problems to a FieldViolations under the field's full path from the
// request root and returns the typed value when there is one, so that a
// validator can check every field and report all violations at once.
//
// Text has one set of limits across the API, counted in Unicode characters
// (code points), so "Sykehusinnkjøp" is 14 long.
#ifndef MEA_SERVICES_RPC_FIELDS_H_
#define MEA_SERVICES_RPC_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "common/field_violations.h"

namespace mea::services {

// Keys, references and ids chosen by clients: outcome measure names,
// delivery references, agreement ids, results batch ids and row keys.
inline constexpr size_t kMaxKeyLength = 128;
// One-line names: titles, substances, organisations, units.
inline constexpr size_t kMaxNameLength = 200;
// Free text: conditions, descriptions, reasons, notes.
inline constexpr size_t kMaxTextLength = 4000;

// "decision" + "follow_up" -> "decision.follow_up"; an empty parent gives
// the field alone.
std::string Path(const std::string& parent, const std::string& field);
// "decision.follow_up.data_obligations" + 1 -> "...data_obligations[1]".
std::string Indexed(const std::string& path, size_t index);

enum class Presence { kRequired, kOptional };

// A one-line name (no control characters), at most kMaxNameLength.
void CheckName(const std::string& value, const std::string& path,
               Presence presence, FieldViolations& violations);
// Free text (line breaks allowed), at most kMaxTextLength.
void CheckText(const std::string& value, const std::string& path,
               Presence presence, FieldViolations& violations);
// A short key or reference (one line), at most kMaxKeyLength.
void CheckKey(const std::string& value, const std::string& path,
              Presence presence, FieldViolations& violations);

void CheckMethodId(const std::string& value, const std::string& path,
                   FieldViolations& violations);

// A strict "YYYY-MM-DD" date (rules::ParseDate). Empty and optional gives
// nullopt without a violation.
std::optional<absl::CivilDay> CheckDate(const std::string& value,
                                        const std::string& path,
                                        Presence presence,
                                        FieldViolations& violations);

// An id assigned by the server: required and positive.
void CheckId(int64_t value, const std::string& path,
             FieldViolations& violations);

// `min` <= value <= `max`.
void CheckRange(int64_t value, int64_t min, int64_t max,
                const std::string& path, FieldViolations& violations);

// A value of `Enum` other than its UNSPECIFIED zero; false (with a
// violation) otherwise.
// "A, B or C": the names of an enum's values other than zero.
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);

template <typename Enum>
bool CheckEnum(Enum value, const std::string& path,
               FieldViolations& violations) {
  const google::protobuf::EnumDescriptor* type =
      google::protobuf::GetEnumDescriptor<Enum>();
  if (value == 0) {
    violations.Add(path,
                   absl::StrCat("is required: one of ", EnumChoices(*type)));
    return false;
  }
  if (type->FindValueByNumber(value) == nullptr) {
    violations.Add(path, absl::StrCat("unknown value ", static_cast<int>(value),
                                      "; one of ", EnumChoices(*type)));
    return false;
  }
  return true;
}

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_FIELDS_H_
