#include "services/agreements/compare.h"

#include <algorithm>
#include <cstdint>

#include "rules/money.h"
#include "services/agreements/evaluation.h"

namespace mea::services::agreements {
namespace {

v1::LineDifference CompareLine(const rules::Settlement& first,
                               const rules::Settlement& second, size_t i) {
  v1::LineDifference line;
  line.set_index(static_cast<int32_t>(i));
  int64_t first_ore = 0;
  int64_t second_ore = 0;
  if (i < first.lines.size()) {
    line.set_first_clause(first.lines[i].clause);
    first_ore = first.lines[i].amount_ore;
  }
  if (i < second.lines.size()) {
    line.set_second_clause(second.lines[i].clause);
    second_ore = second.lines[i].amount_ore;
  }
  line.set_first_amount(rules::FormatMoney(first_ore));
  line.set_second_amount(rules::FormatMoney(second_ore));
  line.set_difference(rules::FormatMoney(second_ore - first_ore));
  return line;
}

}  // namespace

v1::CompareDraftsResponse CompareSettlements(const rules::Settlement& first,
                                             const rules::Settlement& second) {
  v1::CompareDraftsResponse response;
  *response.mutable_first() = SettlementProto(first);
  *response.mutable_second() = SettlementProto(second);
  const size_t lines = std::max(first.lines.size(), second.lines.size());
  for (size_t i = 0; i < lines; ++i) {
    *response.add_lines() = CompareLine(first, second, i);
  }
  response.set_total_refund_difference(
      rules::FormatMoney(second.total_refund_ore - first.total_refund_ore));
  response.set_net_cost_difference(
      rules::FormatMoney(second.net_cost_ore - first.net_cost_ore));
  return response;
}

}  // namespace mea::services::agreements
