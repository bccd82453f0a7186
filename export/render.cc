#include "export/render.h"

#include "absl/strings/str_cat.h"
#include "export/csv.h"
#include "export/xlsx.h"

namespace mea::exports {

absl::StatusOr<Rendered> RenderTable(const Table& table,
                                     const std::string& format) {
  if (format == "csv") {
    return Rendered{TableToCsv(table), "text/csv; charset=utf-8"};
  }
  if (format == "xlsx") {
    absl::StatusOr<std::string> bytes = TableToXlsx(table);
    if (!bytes.ok()) return bytes.status();
    return Rendered{
        *std::move(bytes),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("format must be csv or xlsx, got \"", format, "\""));
}

}  // namespace mea::exports
