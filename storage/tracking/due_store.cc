// What is due (frister): one query over the due_items view, whatever the
// areas that feed it (reassessments and data obligations here; agreement
// expiries and outcome triggers from the agreements area). Overdue is
// computed from the caller's today, never stored.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"
#include "storage/tracking/store.h"

namespace mea::storage::tracking {
namespace {

// Parameters: ?1 today, ?2 end date, ?3 organisation, ?4 method, ?5 area,
// ?6 kinds as ",KIND,KIND," (empty: all), ?9 all drafts (1/0), ?10 the
// supplier whose drafts are visible too ('' none): DraftVisibility::Admits
// for the item's agreement. The kinds list is bound as one text value and
// matched with instr(), so the statement text never changes.
constexpr char kDueFromWhere[] = R"sql(
FROM due_items i JOIN methods m ON m.id = i.method_id
WHERE (i.due_date <= ?2 OR i.due_date < ?1)
  AND (?3 = '' OR i.responsible_organisation = ?3 COLLATE NOCASE)
  AND (?4 = '' OR i.method_id = ?4)
  AND (?5 = '' OR m.therapeutic_area = ?5 COLLATE NOCASE)
  AND (?6 = '' OR instr(?6, ',' || i.kind || ',') > 0)
  AND (i.agreement_id IS NULL OR ?9 = 1 OR NOT EXISTS (
         SELECT 1 FROM agreements d
         WHERE d.id = i.agreement_id AND d.state = 'DRAFT'
           AND NOT (?10 <> '' AND d.supplier = ?10)))
)sql";

constexpr char kDueColumns[] = R"sql(
SELECT i.kind, i.due_date, i.method_id, m.title, m.therapeutic_area,
       i.responsible_organisation, i.description,
       COALESCE(i.decision_id, 0), COALESCE(i.data_obligation_id, 0),
       COALESCE(i.agreement_id, ''), COALESCE(i.settlement_number, 0)
)sql";

// Overdue first, then by date; the remaining keys make the order total so
// that pages neither repeat nor skip an item.
constexpr char kDueOrder[] = R"sql(
ORDER BY (i.due_date < ?1) DESC, i.due_date, i.kind, i.method_id,
         COALESCE(i.decision_id, 0), COALESCE(i.data_obligation_id, 0),
         COALESCE(i.agreement_id, ''), COALESCE(i.settlement_number, 0),
         i.description
LIMIT ?7 OFFSET ?8
)sql";

std::string KindsText(const std::vector<DueItemKind>& kinds) {
  if (kinds.empty()) return "";
  std::string text = ",";
  for (DueItemKind kind : kinds) {
    absl::StrAppend(&text, StoredText(kDueItemKindTexts, kind), ",");
  }
  return text;
}

void BindQuery(Statement& statement, const DueQuery& query) {
  statement.Bind(1, DateText(query.today))
      .Bind(2, DateText(query.end_date))
      .Bind(3, query.responsible_organisation)
      .Bind(4, query.method_id)
      .Bind(5, query.therapeutic_area)
      .Bind(6, KindsText(query.kinds))
      .Bind(9, static_cast<int64_t>(query.drafts.all ? 1 : 0))
      .Bind(10, query.drafts.supplier);
}

absl::Status ReadDueItem(const Statement& row, DueItemRecord& item) {
  MEA_ASSIGN_OR_RETURN(
      item.kind,
      EnumColumn<DueItemKind>(row, 0, kDueItemKindTexts, "due_items.kind"));
  MEA_ASSIGN_OR_RETURN(item.due_date, DateColumn(row, 1));
  item.method_id = row.ColumnText(2);
  item.method_title = row.ColumnText(3);
  item.therapeutic_area = row.ColumnText(4);
  item.responsible_organisation = row.ColumnText(5);
  item.description = row.ColumnText(6);
  item.decision_id = row.ColumnInt64(7);
  item.data_obligation_id = row.ColumnInt64(8);
  item.agreement_id = row.ColumnText(9);
  item.settlement_number = row.ColumnInt64(10);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<DueItemRecord>> ListDueItems(Connection& connection,
                                                        const DueQuery& query,
                                                        int64_t offset,
                                                        int32_t limit) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(kDueColumns, kDueFromWhere, kDueOrder)));
  BindQuery(*select, query);
  select->Bind(7, static_cast<int64_t>(limit)).Bind(8, offset);
  std::vector<DueItemRecord> items;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    return ReadDueItem(row, items.emplace_back());
  }));
  return items;
}

absl::StatusOr<DueCounts> CountDueItems(Connection& connection,
                                        const DueQuery& query) {
  MEA_ASSIGN_OR_RETURN(Statement * select,
                       connection.Prepare(absl::StrCat(
                           "SELECT COUNT(*), COALESCE(SUM(i.due_date < ?1), 0)",
                           kDueFromWhere)));
  BindQuery(*select, query);
  DueCounts counts;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        counts.total = row.ColumnInt64(0);
                        counts.overdue = row.ColumnInt64(1);
                        return absl::OkStatus();
                      }).status());
  return counts;
}

}  // namespace mea::storage::tracking
