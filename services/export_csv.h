// CSV as RFC 4180 describes it: CRLF line ends, a field quoted when it
// holds a comma, a quote, CR or LF (quotes doubled inside), a header row.
// Money is a plain number with two decimals and '.' ("45210.50"), dates
// are "YYYY-MM-DD", so that any spreadsheet or script reads the same
// figures; the .xlsx export carries the NOK display format.
#ifndef MEA_SERVICES_EXPORT_CSV_H_
#define MEA_SERVICES_EXPORT_CSV_H_

#include <string>
#include <vector>

#include "services/export_table.h"

namespace mea::services::exports {

// One field, quoted when needed.
std::string CsvField(const std::string& text);

// One record: the fields joined by commas, ended by CRLF.
std::string CsvRecord(const std::vector<std::string>& fields);

// The cell's CSV text (money with two decimals, dates ISO 8601).
std::string CellText(const Cell& cell);

// The header and every row.
std::string TableToCsv(const Table& table);

}  // namespace mea::services::exports

#endif  // MEA_SERVICES_EXPORT_CSV_H_
