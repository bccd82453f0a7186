// CSV as RFC 4180 describes it: CRLF line ends, a field quoted when it
// holds a comma, a quote, CR or LF (quotes doubled inside), a header row.
// Money is a plain number with two decimals and '.' ("45210.50"), dates
// are "YYYY-MM-DD", so that any spreadsheet or script reads the same
// figures; the .xlsx export carries the NOK display format.
//
// Every field goes through NeutraliseFormula first (CSV injection): text
// that a spreadsheet would run as a formula is written so that it shows as
// text. This is the one CSV writer of mea: the HTTP exports, `meactl
// export` and `meactl --output csv` all use it.
#ifndef MEA_EXPORT_CSV_H_
#define MEA_EXPORT_CSV_H_

#include <string>
#include <vector>

#include "export/table.h"

namespace mea::exports {

// A field that begins with '=', '+', '-', '@', a tab or a CR gets a
// leading single quote ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)"), so
// that Excel, LibreOffice and Google Sheets show it as text instead of
// evaluating it. A plain number (an optional sign, digits, optionally '.'
// and digits: "-703560.00", "-29", "+5") is left as it is, so that figures
// stay machine-readable. Everything else is unchanged.
std::string NeutraliseFormula(const std::string& text);

// One field: neutralised, then quoted when needed.
std::string CsvField(const std::string& text);

// One record: the fields joined by commas, ended by CRLF.
std::string CsvRecord(const std::vector<std::string>& fields);

// The cell's CSV text (money with two decimals, dates ISO 8601).
std::string CellText(const Cell& cell);

// The header and every row.
std::string TableToCsv(const Table& table);

}  // namespace mea::exports

#endif  // MEA_EXPORT_CSV_H_
