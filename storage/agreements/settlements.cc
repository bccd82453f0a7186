#include "storage/agreements/settlements.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "storage/core/rows.h"

namespace mea::storage::agreements {
namespace {

// settlement_triggers.kind, as migration 2's CHECK constraint lists them.
constexpr EnumText<rules::TriggerKind> kTriggerKindTexts[] = {
    {rules::TriggerKind::kOutcomeNotMet, "OUTCOME_NOT_MET"},
    {rules::TriggerKind::kInsufficientData, "INSUFFICIENT_DATA"},
};

constexpr char kSelectSettlement[] = R"sql(
SELECT s.agreement_id, s.number, s.input_digest, s.create_time,
       s.period_start, s.period_end, s.as_of, s.units, s.gross_cost_ore,
       s.total_refund_ore, s.net_cost_ore, s.has_patient_outcomes,
       s.outcomes_success, s.outcomes_failure, s.outcomes_pending,
       s.outcomes_missing, a.supplier
FROM settlements s JOIN agreements a ON a.id = s.agreement_id
)sql";

// The settlement's dates are rules::DayNumber.
absl::StatusOr<rules::DayNumber> DayColumn(const Statement& row, int column) {
  MEA_ASSIGN_OR_RETURN(absl::CivilDay day, DateColumn(row, column));
  return rules::ToDayNumber(day);
}

std::string DayText(rules::DayNumber day) {
  return DateText(rules::FromDayNumber(day));
}

absl::StatusOr<SettlementRecord> ReadHeader(const Statement& row) {
  SettlementRecord record;
  record.agreement_id = row.ColumnText(0);
  record.number = row.ColumnInt64(1);
  record.input_digest = row.ColumnText(2);
  record.create_time = row.ColumnText(3);
  record.supplier = row.ColumnText(16);
  rules::Settlement& settlement = record.settlement;
  settlement.agreement_id = record.agreement_id;
  MEA_ASSIGN_OR_RETURN(settlement.period.start, DayColumn(row, 4));
  MEA_ASSIGN_OR_RETURN(settlement.period.end, DayColumn(row, 5));
  MEA_ASSIGN_OR_RETURN(settlement.as_of, DayColumn(row, 6));
  settlement.units = row.ColumnInt64(7);
  settlement.gross_cost_ore = row.ColumnInt64(8);
  settlement.total_refund_ore = row.ColumnInt64(9);
  settlement.net_cost_ore = row.ColumnInt64(10);
  if (row.ColumnInt64(11) != 0) {
    settlement.patient_outcomes =
        rules::PatientOutcomeCounts{row.ColumnInt64(12), row.ColumnInt64(13),
                                    row.ColumnInt64(14), row.ColumnInt64(15)};
  }
  return record;
}

absl::Status LoadLines(Connection& connection, SettlementRecord& record) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT clause, clause_index, amount_ore, explanation FROM settlement_lines
WHERE agreement_id = ?1 AND number = ?2 ORDER BY position
)sql"));
  select->Bind(1, record.agreement_id).Bind(2, record.number);
  return ForEachRow(*select, [&](const Statement& row) {
    record.settlement.lines.push_back(rules::SettlementLine{
        row.ColumnText(0), static_cast<int32_t>(row.ColumnInt64(1)),
        row.ColumnInt64(2), row.ColumnText(3)});
    return absl::OkStatus();
  });
}

absl::Status LoadTriggers(Connection& connection, SettlementRecord& record) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT clause_index, kind, measure, observed, threshold
FROM settlement_triggers
WHERE agreement_id = ?1 AND number = ?2 ORDER BY position
)sql"));
  select->Bind(1, record.agreement_id).Bind(2, record.number);
  return ForEachRow(*select, [&](const Statement& row) -> absl::Status {
    rules::Trigger trigger;
    trigger.clause_index = static_cast<int32_t>(row.ColumnInt64(0));
    MEA_ASSIGN_OR_RETURN(trigger.kind, EnumColumn<rules::TriggerKind>(
                                           row, 1, kTriggerKindTexts,
                                           "settlement_triggers.kind"));
    trigger.measure = row.ColumnText(2);
    trigger.observed = row.ColumnText(3);
    trigger.threshold = row.ColumnText(4);
    record.settlement.triggers.push_back(std::move(trigger));
    return absl::OkStatus();
  });
}

absl::Status LoadDetails(Connection& connection, SettlementRecord& record) {
  MEA_RETURN_IF_ERROR(LoadLines(connection, record));
  return LoadTriggers(connection, record);
}

absl::Status InsertHeader(Connection& connection,
                          const SettlementRecord& record) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO settlements (agreement_id, number, input_digest, create_time,
    period_start, period_end, as_of, units, gross_cost_ore, total_refund_ore,
    net_cost_ore, has_patient_outcomes, outcomes_success, outcomes_failure,
    outcomes_pending, outcomes_missing)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
)sql"));
  const rules::Settlement& s = record.settlement;
  const rules::PatientOutcomeCounts counts =
      s.patient_outcomes.value_or(rules::PatientOutcomeCounts{});
  return insert->Bind(1, record.agreement_id)
      .Bind(2, record.number)
      .Bind(3, record.input_digest)
      .Bind(4, record.create_time)
      .Bind(5, DayText(s.period.start))
      .Bind(6, DayText(s.period.end))
      .Bind(7, DayText(s.as_of))
      .Bind(8, s.units)
      .Bind(9, s.gross_cost_ore)
      .Bind(10, s.total_refund_ore)
      .Bind(11, s.net_cost_ore)
      .Bind(12, int64_t{s.patient_outcomes.has_value() ? 1 : 0})
      .Bind(13, counts.success)
      .Bind(14, counts.failure)
      .Bind(15, counts.pending)
      .Bind(16, counts.missing)
      .Run();
}

absl::Status InsertLines(Connection& connection,
                         const SettlementRecord& record) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO settlement_lines (agreement_id, number, position, clause,
    clause_index, amount_ore, explanation)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
)sql"));
  const std::vector<rules::SettlementLine>& lines = record.settlement.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    insert->Reset();
    MEA_RETURN_IF_ERROR(insert->Bind(1, record.agreement_id)
                            .Bind(2, record.number)
                            .Bind(3, static_cast<int64_t>(i))
                            .Bind(4, lines[i].clause)
                            .Bind(5, int64_t{lines[i].index})
                            .Bind(6, lines[i].amount_ore)
                            .Bind(7, lines[i].explanation)
                            .Run());
  }
  return absl::OkStatus();
}

absl::Status InsertTriggers(Connection& connection,
                            const SettlementRecord& record) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO settlement_triggers (agreement_id, number, position,
    clause_index, kind, measure, observed, threshold)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
)sql"));
  const std::vector<rules::Trigger>& triggers = record.settlement.triggers;
  for (size_t i = 0; i < triggers.size(); ++i) {
    insert->Reset();
    MEA_RETURN_IF_ERROR(insert->Bind(1, record.agreement_id)
                            .Bind(2, record.number)
                            .Bind(3, static_cast<int64_t>(i))
                            .Bind(4, int64_t{triggers[i].clause_index})
                            .Bind(5, std::string(TextOf<rules::TriggerKind>(
                                         kTriggerKindTexts, triggers[i].kind)))
                            .Bind(6, triggers[i].measure)
                            .Bind(7, triggers[i].observed)
                            .Bind(8, triggers[i].threshold)
                            .Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InsertSettlement(Connection& connection,
                              const SettlementRecord& record) {
  MEA_RETURN_IF_ERROR(InsertHeader(connection, record));
  MEA_RETURN_IF_ERROR(InsertLines(connection, record));
  return InsertTriggers(connection, record);
}

absl::StatusOr<SettlementRecord> LoadSettlement(Connection& connection,
                                                std::string_view agreement_id,
                                                int64_t number) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(
          kSelectSettlement, "WHERE s.agreement_id = ?1 AND s.number = ?2")));
  select->Bind(1, agreement_id).Bind(2, number);
  SettlementRecord record;
  MEA_ASSIGN_OR_RETURN(bool found,
                       ReadOneRow(*select, [&](const Statement& row) {
                         MEA_ASSIGN_OR_RETURN(record, ReadHeader(row));
                         return absl::OkStatus();
                       }));
  if (!found) return SettlementNotFound(agreement_id, number);
  MEA_RETURN_IF_ERROR(LoadDetails(connection, record));
  return record;
}

absl::StatusOr<std::vector<SettlementRecord>> ListSettlements(
    Connection& connection, std::string_view agreement_id, int64_t offset,
    int64_t limit) {
  MEA_ASSIGN_OR_RETURN(Statement * select,
                       connection.Prepare(absl::StrCat(kSelectSettlement, R"sql(
WHERE s.agreement_id = ?1 ORDER BY s.number LIMIT ?2 OFFSET ?3
)sql")));
  select->Bind(1, agreement_id).Bind(2, limit).Bind(3, offset);
  std::vector<SettlementRecord> records;
  MEA_RETURN_IF_ERROR(ForEachRow(*select, [&](const Statement& row) {
    MEA_ASSIGN_OR_RETURN(SettlementRecord record, ReadHeader(row));
    records.push_back(std::move(record));
    return absl::OkStatus();
  }));
  for (SettlementRecord& record : records) {
    MEA_RETURN_IF_ERROR(LoadDetails(connection, record));
  }
  return records;
}

absl::Status SettlementNotFound(std::string_view agreement_id, int64_t number) {
  return absl::NotFoundError(
      absl::StrCat("agreement ", std::string(agreement_id),
                   " has no settlement number ", number));
}

}  // namespace mea::storage::agreements
