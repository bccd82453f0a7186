#include "storage/audited_tables.h"

#include <array>

namespace mea::storage::audit {

std::span<const AuditedTable> AuditedTables() {
  static constexpr std::array<AuditedTable, 18> kTables = {{
      // Tracking (migration 1).
      {"methods", "id", "rowid"},
      {"decisions", "id", "rowid"},
      {"outcome_measures", "id", "rowid"},
      {"data_obligations", "id", "rowid"},
      {"data_obligation_measures", "data_obligation_id, outcome_measure_id",
       "data_obligation_id, outcome_measure_id"},
      {"reassessments", "decision_id", "rowid"},
      {"reassessment_extensions", "id", "rowid"},
      {"exit_plans", "decision_id", "rowid"},
      // Agreements and settlements (migration 2).
      {"agreements", "id", "rowid"},
      {"settlements", "agreement_id, number", "rowid"},
      {"settlement_lines", "agreement_id, number", "rowid"},
      {"settlement_triggers", "agreement_id, number", "rowid"},
      // Results, grouped by the batch that wrote them.
      {"result_batches", "agreement_id, sequence", "rowid"},
      {"result_patients", "agreement_id, batch_sequence", "rowid", true},
      {"result_dispensings", "agreement_id, batch_sequence", "rowid", true},
      {"result_assessments", "agreement_id, batch_sequence", "rowid", true},
      {"result_group_outcomes", "agreement_id, batch_sequence", "rowid", true},
      {"result_corrections", "agreement_id, batch_sequence", "rowid", true},
  }};
  return kTables;
}

std::span<const ImmutabilityTrigger> ImmutabilityTriggers() {
  // The text of migrations 2, 4 and 5; compared with sqlite_schema with
  // whitespace collapsed.
  static constexpr std::array<ImmutabilityTrigger, 14> kTriggers = {{
      {"settlements_no_update",
       "CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements "
       "BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END"},
      {"settlements_no_delete",
       "CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements "
       "BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END"},
      {"settlement_lines_no_update",
       "CREATE TRIGGER settlement_lines_no_update BEFORE UPDATE ON "
       "settlement_lines BEGIN SELECT RAISE(ABORT, 'settlements are "
       "immutable'); END"},
      {"settlement_lines_no_delete",
       "CREATE TRIGGER settlement_lines_no_delete BEFORE DELETE ON "
       "settlement_lines BEGIN SELECT RAISE(ABORT, 'settlements are "
       "immutable'); END"},
      {"settlement_triggers_no_update",
       "CREATE TRIGGER settlement_triggers_no_update BEFORE UPDATE ON "
       "settlement_triggers BEGIN SELECT RAISE(ABORT, 'settlements are "
       "immutable'); END"},
      {"settlement_triggers_no_delete",
       "CREATE TRIGGER settlement_triggers_no_delete BEFORE DELETE ON "
       "settlement_triggers BEGIN SELECT RAISE(ABORT, 'settlements are "
       "immutable'); END"},
      {"result_batches_no_update",
       "CREATE TRIGGER result_batches_no_update BEFORE UPDATE ON "
       "result_batches BEGIN SELECT RAISE(ABORT, 'batch receipts are "
       "immutable'); END"},
      {"result_batches_no_delete",
       "CREATE TRIGGER result_batches_no_delete BEFORE DELETE ON "
       "result_batches BEGIN SELECT RAISE(ABORT, 'batch receipts are "
       "immutable'); END"},
      {"audit_entries_append_only_update",
       "CREATE TRIGGER audit_entries_append_only_update BEFORE UPDATE ON "
       "audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is "
       "append-only'); END"},
      {"audit_entries_append_only_delete",
       "CREATE TRIGGER audit_entries_append_only_delete BEFORE DELETE ON "
       "audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is "
       "append-only'); END"},
      {"audit_state_append_only_update",
       "CREATE TRIGGER audit_state_append_only_update BEFORE UPDATE ON "
       "audit_state BEGIN SELECT RAISE(ABORT, 'audit_state is "
       "append-only'); END"},
      {"audit_state_append_only_delete",
       "CREATE TRIGGER audit_state_append_only_delete BEFORE DELETE ON "
       "audit_state BEGIN SELECT RAISE(ABORT, 'audit_state is "
       "append-only'); END"},
      {"audit_keying_append_only_update",
       "CREATE TRIGGER audit_keying_append_only_update BEFORE UPDATE ON "
       "audit_keying BEGIN SELECT RAISE(ABORT, 'audit_keying is "
       "append-only'); END"},
      {"audit_keying_append_only_delete",
       "CREATE TRIGGER audit_keying_append_only_delete BEFORE DELETE ON "
       "audit_keying BEGIN SELECT RAISE(ABORT, 'audit_keying is "
       "append-only'); END"},
  }};
  return kTriggers;
}

}  // namespace mea::storage::audit
