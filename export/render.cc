#include "export/render.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "export/csv.h"
#include "export/xlsx.h"

namespace mea::exports {

absl::StatusOr<Rendered> RenderTable(const Table& table,
                                     const std::string& format) {
  if (format == "csv") {
    return Rendered{TableToCsv(table), "text/csv; charset=utf-8"};
  }
  if (format == "xlsx") {
    MEA_ASSIGN_OR_RETURN(std::string bytes, TableToXlsx(table));
    return Rendered{
        std::move(bytes),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("format must be csv or xlsx, got \"", format, "\""));
}

}  // namespace mea::exports
