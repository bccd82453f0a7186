// A table to export (due lists, settlements) with typed cells, so that one
// table renders as CSV (text) and as an Excel workbook (numbers, dates and
// NOK amounts as real cells) with the same figures.
#ifndef MEA_EXPORT_TABLE_H_
#define MEA_EXPORT_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace mea::exports {

struct Cell {
  enum class Kind { kEmpty, kText, kInteger, kMoney, kDate };
  Kind kind = Kind::kEmpty;
  std::string text;
  // kInteger: the number; kMoney: øre (may be negative).
  std::int64_t number = 0;
  absl::CivilDay date;

  static Cell Empty() { return Cell(); }
  static Cell Text(std::string text);
  static Cell Integer(std::int64_t value);
  static Cell MoneyOre(std::int64_t ore);
  static Cell Date(absl::CivilDay day);
  // Money written as in evaluation.md ("45210.50", "-0.05"); text that
  // does not parse stays text, so nothing is lost.
  static Cell MoneyText(const std::string& text);
  // "YYYY-MM-DD"; an empty string is an empty cell, other text stays text.
  static Cell DateText(const std::string& text);
};

struct Table {
  // The worksheet name (at most 31 characters, no []:*?/\).
  std::string sheet;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace mea::exports

#endif  // MEA_EXPORT_TABLE_H_
