// How tracking enums are written to and read from SQLite columns: as their
// proto value names. Reading a value that the schema should have made
// impossible is an INTERNAL error. Rows and dates: storage/core/rows.h.
#ifndef MEA_STORAGE_TRACKING_COLUMNS_H_
#define MEA_STORAGE_TRACKING_COLUMNS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "storage/core/rows.h"
#include "storage/core/statement.h"

namespace mea::storage::tracking_columns {

// The proto value name of `value`, e.g. "INTRODUCED_TEMPORARILY".
template <typename Enum>
std::string EnumName(Enum value) {
  const google::protobuf::EnumValueDescriptor* found =
      google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(value);
  return found == nullptr ? std::string() : found->name();
}

// The enum value named `name` in column `column` of the current row.
template <typename Enum>
absl::StatusOr<Enum> EnumColumn(const Statement& row, int column) {
  const std::string name = row.ColumnText(column);
  const google::protobuf::EnumValueDescriptor* found =
      google::protobuf::GetEnumDescriptor<Enum>()->FindValueByName(name);
  if (found == nullptr) {
    return absl::InternalError(
        absl::StrCat("unknown enum value in the database: \"", name, "\""));
  }
  return static_cast<Enum>(found->number());
}

}  // namespace mea::storage::tracking_columns

#endif  // MEA_STORAGE_TRACKING_COLUMNS_H_
