#include "storage/audit/audited_tables.h"

#include <array>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

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
  // The triggers of migrations 2, 4 and 5: each table refuses UPDATE and
  // DELETE with one message. Named <table>_<stem>_update/_delete.
  struct Guarded {
    const char* table;
    const char* stem;
    const char* message;
  };
  static constexpr Guarded kGuarded[] = {
      {"settlements", "no", "settlements are immutable"},
      {"settlement_lines", "no", "settlements are immutable"},
      {"settlement_triggers", "no", "settlements are immutable"},
      {"result_batches", "no", "batch receipts are immutable"},
      {"audit_entries", "append_only", "audit_entries is append-only"},
      {"audit_state", "append_only", "audit_state is append-only"},
      {"audit_keying", "append_only", "audit_keying is append-only"},
  };
  static const std::vector<ImmutabilityTrigger>* const kTriggers = [] {
    auto* triggers = new std::vector<ImmutabilityTrigger>;
    for (const Guarded& guarded : kGuarded) {
      for (const char* operation : {"UPDATE", "DELETE"}) {
        std::string name = absl::StrCat(guarded.table, "_", guarded.stem, "_",
                                        absl::AsciiStrToLower(operation));
        std::string sql =
            absl::StrCat("CREATE TRIGGER ", name, " BEFORE ", operation, " ON ",
                         guarded.table, " BEGIN SELECT RAISE(ABORT, '",
                         guarded.message, "'); END");
        triggers->push_back({std::move(name), std::move(sql)});
      }
    }
    return triggers;
  }();
  return *kTriggers;
}

}  // namespace mea::storage::audit
