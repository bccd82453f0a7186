#include "storage/agreements/settlements.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "rules/civil_date.h"
#include "storage/core/rows.h"

namespace mea::storage {
namespace {


constexpr char kSelectSettlement[] =
    "SELECT s.agreement_id, s.number, s.input_digest, s.create_time, "
    "s.period_start, s.period_end, s.as_of, s.units, s.gross_cost_ore, "
    "s.total_refund_ore, s.net_cost_ore, s.has_patient_outcomes, "
    "s.outcomes_success, s.outcomes_failure, s.outcomes_pending, "
    "s.outcomes_missing, a.supplier FROM settlements s "
    "JOIN agreements a ON a.id = s.agreement_id ";

absl::StatusOr<rules::DayNumber> StoredDay(const std::string& text) {
  absl::StatusOr<rules::DayNumber> day = rules::ParseDayNumber(text);
  if (!day.ok()) {
    return absl::DataLossError(
        absl::StrCat("stored settlement date: ", day.status().message()));
  }
  return day;
}

absl::Status ReadDates(const Statement& row, rules::Settlement& out) {
  absl::StatusOr<rules::DayNumber> start = StoredDay(row.ColumnText(4));
  absl::StatusOr<rules::DayNumber> end = StoredDay(row.ColumnText(5));
  absl::StatusOr<rules::DayNumber> as_of = StoredDay(row.ColumnText(6));
  for (const auto* day : {&start, &end, &as_of}) {
    if (!day->ok()) return day->status();
  }
  out.period = {*start, *end};
  out.as_of = *as_of;
  return absl::OkStatus();
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
  if (absl::Status dates = ReadDates(row, settlement); !dates.ok()) {
    return dates;
  }
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
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT clause, clause_index, amount_ore, explanation "
      "FROM settlement_lines WHERE agreement_id = ?1 AND number = ?2 "
      "ORDER BY position");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, record.agreement_id).Bind(2, record.number);
  return ForEachRow(**statement, [&](const Statement& row) {
    record.settlement.lines.push_back(rules::SettlementLine{
        row.ColumnText(0), static_cast<int32_t>(row.ColumnInt64(1)),
        row.ColumnInt64(2), row.ColumnText(3)});
    return absl::OkStatus();
  });
}

absl::Status LoadTriggers(Connection& connection, SettlementRecord& record) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT clause_index, kind, measure, observed, threshold "
      "FROM settlement_triggers WHERE agreement_id = ?1 AND number = ?2 "
      "ORDER BY position");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, record.agreement_id).Bind(2, record.number);
  return ForEachRow(**statement, [&](const Statement& row) {
    rules::Trigger trigger;
    trigger.clause_index = static_cast<int32_t>(row.ColumnInt64(0));
    trigger.kind =
        row.ColumnText(1) ==
                rules::TriggerKindName(rules::TriggerKind::kInsufficientData)
            ? rules::TriggerKind::kInsufficientData
            : rules::TriggerKind::kOutcomeNotMet;
    trigger.measure = row.ColumnText(2);
    trigger.observed = row.ColumnText(3);
    trigger.threshold = row.ColumnText(4);
    record.settlement.triggers.push_back(std::move(trigger));
    return absl::OkStatus();
  });
}

absl::Status LoadDetails(Connection& connection, SettlementRecord& record) {
  if (absl::Status lines = LoadLines(connection, record); !lines.ok()) {
    return lines;
  }
  return LoadTriggers(connection, record);
}

absl::Status InsertHeader(Connection& connection,
                          const SettlementRecord& record) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO settlements (agreement_id, number, input_digest, "
      "create_time, period_start, period_end, as_of, units, gross_cost_ore, "
      "total_refund_ore, net_cost_ore, has_patient_outcomes, "
      "outcomes_success, outcomes_failure, outcomes_pending, "
      "outcomes_missing) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11, ?12, ?13, ?14, ?15, ?16)");
  if (!statement.ok()) return statement.status();
  const rules::Settlement& s = record.settlement;
  const rules::PatientOutcomeCounts counts =
      s.patient_outcomes.value_or(rules::PatientOutcomeCounts{});
  (*statement)
      ->Bind(1, record.agreement_id)
      .Bind(2, record.number)
      .Bind(3, record.input_digest)
      .Bind(4, record.create_time)
      .Bind(5, rules::FormatDayNumber(s.period.start))
      .Bind(6, rules::FormatDayNumber(s.period.end))
      .Bind(7, rules::FormatDayNumber(s.as_of))
      .Bind(8, s.units)
      .Bind(9, s.gross_cost_ore)
      .Bind(10, s.total_refund_ore)
      .Bind(11, s.net_cost_ore)
      .Bind(12, int64_t{s.patient_outcomes.has_value() ? 1 : 0})
      .Bind(13, counts.success)
      .Bind(14, counts.failure)
      .Bind(15, counts.pending)
      .Bind(16, counts.missing);
  return (*statement)->Run();
}

absl::Status InsertLines(Connection& connection,
                         const SettlementRecord& record) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO settlement_lines (agreement_id, number, position, clause, "
      "clause_index, amount_ore, explanation) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!statement.ok()) return statement.status();
  const std::vector<rules::SettlementLine>& lines = record.settlement.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    (*statement)->Reset();
    absl::Status inserted = (*statement)
                                ->Bind(1, record.agreement_id)
                                .Bind(2, record.number)
                                .Bind(3, static_cast<int64_t>(i))
                                .Bind(4, lines[i].clause)
                                .Bind(5, int64_t{lines[i].index})
                                .Bind(6, lines[i].amount_ore)
                                .Bind(7, lines[i].explanation)
                                .Run();
    if (!inserted.ok()) return inserted;
  }
  return absl::OkStatus();
}

absl::Status InsertTriggers(Connection& connection,
                            const SettlementRecord& record) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO settlement_triggers (agreement_id, number, position, "
      "clause_index, kind, measure, observed, threshold) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!statement.ok()) return statement.status();
  const std::vector<rules::Trigger>& triggers = record.settlement.triggers;
  for (size_t i = 0; i < triggers.size(); ++i) {
    (*statement)->Reset();
    absl::Status inserted =
        (*statement)
            ->Bind(1, record.agreement_id)
            .Bind(2, record.number)
            .Bind(3, static_cast<int64_t>(i))
            .Bind(4, int64_t{triggers[i].clause_index})
            .Bind(5, rules::TriggerKindName(triggers[i].kind))
            .Bind(6, triggers[i].measure)
            .Bind(7, triggers[i].observed)
            .Bind(8, triggers[i].threshold)
            .Run();
    if (!inserted.ok()) return inserted;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> NextSettlementNumber(Connection& connection,
                                             std::string_view agreement_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT COALESCE(MAX(number), 0) + 1 FROM settlements "
      "WHERE agreement_id = ?1");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id);
  int64_t next = 1;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        next = row.ColumnInt64(0);
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return next;
}

absl::Status InsertSettlement(Connection& connection,
                              const SettlementRecord& record) {
  if (absl::Status header = InsertHeader(connection, record); !header.ok()) {
    return header;
  }
  if (absl::Status lines = InsertLines(connection, record); !lines.ok()) {
    return lines;
  }
  return InsertTriggers(connection, record);
}

absl::StatusOr<SettlementRecord> LoadSettlement(Connection& connection,
                                                std::string_view agreement_id,
                                                int64_t number) {
  absl::StatusOr<Statement*> statement = connection.Prepare(absl::StrCat(
      kSelectSettlement, "WHERE s.agreement_id = ?1 AND s.number = ?2"));
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, number);
  absl::StatusOr<SettlementRecord> record;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        record = ReadHeader(row);
        return record.status();
      });
  if (!found.ok()) return found.status();
  if (!*found) return SettlementNotFound(agreement_id, number);
  if (absl::Status details = LoadDetails(connection, *record); !details.ok()) {
    return details;
  }
  return record;
}

absl::StatusOr<std::vector<SettlementRecord>> ListSettlements(
    Connection& connection, std::string_view agreement_id, int64_t offset,
    int64_t limit) {
  absl::StatusOr<Statement*> statement = connection.Prepare(absl::StrCat(
      kSelectSettlement,
      "WHERE s.agreement_id = ?1 ORDER BY s.number LIMIT ?2 OFFSET ?3"));
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, limit).Bind(3, offset);
  std::vector<SettlementRecord> records;
  absl::Status listed = ForEachRow(**statement, [&](const Statement& row) {
    absl::StatusOr<SettlementRecord> record = ReadHeader(row);
    if (!record.ok()) return record.status();
    records.push_back(*std::move(record));
    return absl::OkStatus();
  });
  if (!listed.ok()) return listed;
  for (SettlementRecord& record : records) {
    if (absl::Status details = LoadDetails(connection, record); !details.ok()) {
      return details;
    }
  }
  return records;
}

absl::Status SettlementNotFound(std::string_view agreement_id, int64_t number) {
  return absl::NotFoundError(
      absl::StrCat("agreement ", std::string(agreement_id),
                   " has no settlement number ", number));
}

}  // namespace mea::storage
