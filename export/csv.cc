#include "export/csv.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "rules/civil_date.h"
#include "rules/money.h"

namespace mea::exports {
namespace {

bool AllDigits(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

// [+-]digits[.digits]
bool IsPlainNumber(absl::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  if (dot == absl::string_view::npos) return AllDigits(text);
  return AllDigits(text.substr(0, dot)) && AllDigits(text.substr(dot + 1));
}

}  // namespace

std::string NeutraliseFormula(const std::string& text) {
  if (text.empty()) return text;
  switch (text[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      break;
    default:
      return text;
  }
  if (IsPlainNumber(text)) return text;
  return absl::StrCat("'", text);
}

std::string CsvField(const std::string& raw) {
  const std::string text = NeutraliseFormula(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string record;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) record += ',';
    record += CsvField(fields[i]);
  }
  record += "\r\n";
  return record;
}

std::string CellText(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kEmpty:
      return "";
    case Cell::Kind::kText:
      return cell.text;
    case Cell::Kind::kInteger:
      return absl::StrCat(cell.number);
    case Cell::Kind::kMoney:
      return rules::FormatMoney(cell.number);
    case Cell::Kind::kDate:
      return rules::FormatDate(cell.date);
  }
  return "";
}

std::string TableToCsv(const Table& table) {
  std::string csv = CsvRecord(table.header);
  for (const std::vector<Cell>& row : table.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const Cell& cell : row) fields.push_back(CellText(cell));
    csv += CsvRecord(fields);
  }
  return csv;
}

}  // namespace mea::exports
