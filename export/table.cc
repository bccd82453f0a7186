#include "export/table.h"

#include <string_view>
#include <utility>

#include "rules/civil_date.h"
#include "rules/money.h"

namespace mea::exports {

Cell Cell::Text(std::string text) {
  Cell cell;
  cell.kind = Kind::kText;
  cell.text = std::move(text);
  return cell;
}

Cell Cell::Integer(std::int64_t value) {
  Cell cell;
  cell.kind = Kind::kInteger;
  cell.number = value;
  return cell;
}

Cell Cell::MoneyOre(std::int64_t ore) {
  Cell cell;
  cell.kind = Kind::kMoney;
  cell.number = ore;
  return cell;
}

Cell Cell::Date(absl::CivilDay day) {
  Cell cell;
  cell.kind = Kind::kDate;
  cell.date = day;
  return cell;
}

Cell Cell::MoneyText(const std::string& text) {
  // The money codec admits no sign; only net cost and differences carry
  // one, so the sign is taken off here and put back on the øre.
  std::string_view digits = text;
  const bool negative = digits.starts_with('-');
  if (negative) digits.remove_prefix(1);
  absl::StatusOr<std::int64_t> ore = rules::ParseMoney(digits);
  if (!ore.ok()) return Text(text);
  return MoneyOre(negative ? -*ore : *ore);
}

Cell Cell::DateText(const std::string& text) {
  if (text.empty()) return Empty();
  absl::StatusOr<absl::CivilDay> day = rules::ParseDate(text);
  if (!day.ok()) return Text(text);
  return Date(*day);
}

}  // namespace mea::exports
