#include "export/xlsx.h"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "export/csv.h"

namespace mea::exports {
namespace {

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* date;
  lxw_format* integer;
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats formats;
  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  formats.money = workbook_add_format(workbook);
  format_set_num_format(formats.money, kNokFormat);
  formats.date = workbook_add_format(workbook);
  format_set_num_format(formats.date, kDateFormat);
  formats.integer = workbook_add_format(workbook);
  format_set_num_format(formats.integer, "0");
  return formats;
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column,
               const Cell& cell, const Formats& formats) {
  switch (cell.kind) {
    case Cell::Kind::kEmpty:
      return;
    case Cell::Kind::kText:
      // A string cell, never a formula, whatever the text begins with.
      if (!cell.text.empty()) {
        worksheet_write_string(sheet, row, column, cell.text.c_str(), nullptr);
      }
      return;
    case Cell::Kind::kInteger:
      worksheet_write_number(sheet, row, column,
                             static_cast<double>(cell.number), formats.integer);
      return;
    case Cell::Kind::kMoney:
      // Øre to kroner: every amount the format admits (< 10^13 øre) is a
      // double whose two-decimal rendering is exact.
      worksheet_write_number(sheet, row, column,
                             static_cast<double>(cell.number) / 100.0,
                             formats.money);
      return;
    case Cell::Kind::kDate: {
      lxw_datetime datetime = {static_cast<int>(cell.date.year()),
                               cell.date.month(),
                               cell.date.day(),
                               0,
                               0,
                               0.0};
      worksheet_write_datetime(sheet, row, column, &datetime, formats.date);
      return;
    }
  }
}

// Column widths from the longest text shown (in characters), within reason.
void SetWidths(lxw_worksheet* sheet, const Table& table) {
  for (size_t column = 0; column < table.header.size(); ++column) {
    size_t width = table.header[column].size();
    for (const std::vector<Cell>& row : table.rows) {
      if (column < row.size()) {
        width = std::max(width, CellText(row[column]).size() + 4);
      }
    }
    width = std::clamp<size_t>(width, 8, 60);
    worksheet_set_column(sheet, column, column, static_cast<double>(width),
                         nullptr);
  }
}

absl::Status WriteWorkbook(const std::string& path, const std::string& tmpdir,
                           const Table& table) {
  lxw_workbook_options options = {};
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    return absl::InternalError("cannot create the workbook");
  }
  Formats formats = AddFormats(workbook);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
  if (sheet == nullptr) {
    workbook_close(workbook);
    return absl::InternalError(
        absl::StrCat("invalid worksheet name \"", table.sheet, "\""));
  }
  for (size_t column = 0; column < table.header.size(); ++column) {
    worksheet_write_string(sheet, 0, column, table.header[column].c_str(),
                           formats.header);
  }
  for (size_t row = 0; row < table.rows.size(); ++row) {
    for (size_t column = 0; column < table.rows[row].size(); ++column) {
      WriteCell(sheet, row + 1, column, table.rows[row][column], formats);
    }
  }
  SetWidths(sheet, table);
  worksheet_freeze_panes(sheet, 1, 0);
  if (!table.header.empty()) {
    worksheet_autofilter(sheet, 0, 0, table.rows.size(),
                         table.header.size() - 1);
  }
  lxw_error closed = workbook_close(workbook);
  if (closed != LXW_NO_ERROR) {
    return absl::InternalError(
        absl::StrCat("cannot write the workbook: ", lxw_strerror(closed)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InternalError("cannot read the workbook back");
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace

absl::StatusOr<std::string> TableToXlsx(const Table& table) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "mea-xlsx-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError("cannot create a temporary folder");
  }
  const std::string folder = pattern;
  const std::string path = folder + "/export.xlsx";
  absl::Status written = WriteWorkbook(path, folder, table);
  absl::StatusOr<std::string> bytes =
      written.ok() ? ReadFile(path) : absl::StatusOr<std::string>(written);
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  return bytes;
}

}  // namespace mea::exports
