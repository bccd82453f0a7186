// An Excel workbook (.xlsx, written with libxlsxwriter) of one table: a
// bold, frozen header row with a filter; money as numbers in the NOK format
// `#,##0.00 "kr"` (two decimals, the figures of the CSV); dates as real
// dates shown as yyyy-mm-dd; counts as integers. Text is always a string
// cell (worksheet_write_string; never worksheet_write_formula, and
// libxlsxwriter guesses nothing), so a title such as "=HYPERLINK(...)" is
// shown as the text it is and never evaluated: unlike the CSV, no prefix.
#ifndef MEA_EXPORT_XLSX_H_
#define MEA_EXPORT_XLSX_H_

#include <string>

#include "absl/status/statusor.h"
#include "export/table.h"

namespace mea::exports {

inline constexpr char kNokFormat[] = "#,##0.00 \"kr\"";
inline constexpr char kDateFormat[] = "yyyy-mm-dd";

// The workbook's bytes. libxlsxwriter writes files only, so the workbook
// goes through a private temporary folder that is removed afterwards.
absl::StatusOr<std::string> TableToXlsx(const Table& table);

}  // namespace mea::exports

#endif  // MEA_EXPORT_XLSX_H_
