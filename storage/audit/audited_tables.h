// The one list of what the audit trail protects beyond its own entries:
//
// - the audited tables: every business table of the tracking, agreements
//   and results schemas. Each row belongs to a *group*, named by the
//   values of the table's group columns: the primary key for ordinary
//   tables; the batch (agreement_id, batch_sequence) for the bulk results
//   tables, and the settlement (agreement_id, number) for its lines and
//   triggers, so that one batch of a million rows is one group and one
//   digest, not a million. storage/audit/state.h digests groups.
// - the immutability triggers: the triggers that abort UPDATE and DELETE
//   on tables whose rows must never change (settlements, batch receipts,
//   the audit trail). mead checks at start that each exists with exactly
//   this text and recreates it otherwise (services/server/server.cc).
//
// A new business table, or a new column of one, belongs here (and changes
// the digest of its groups: write it in a migration together with a new
// baseline entry).
#ifndef MEA_STORAGE_AUDIT_AUDITED_TABLES_H_
#define MEA_STORAGE_AUDIT_AUDITED_TABLES_H_

#include <span>
#include <string>

namespace mea::storage::audit {

struct AuditedTable {
  const char* name;
  // Comma-separated columns whose values name a row's group.
  const char* group_columns;
  // The order of a group's rows in its digest: "rowid", or the primary
  // key of a WITHOUT ROWID table.
  const char* row_order;
  // A bulk results table grouped by batch: its rows are only ever
  // inserted together with their batch's receipt (result_batches), so the
  // receipt's insertion notes the group and no trigger fires per inserted
  // row (a batch holds up to 100 000). Updates and deletes are noted per
  // row. Rows inserted otherwise are not noted, and verify reports their
  // group as changed outside mea: a mistake here is loud, not silent.
  bool noted_with_batch = false;
};

std::span<const AuditedTable> AuditedTables();

struct ImmutabilityTrigger {
  std::string name;
  // The full CREATE TRIGGER statement, as the migration created it.
  std::string sql;
};

std::span<const ImmutabilityTrigger> ImmutabilityTriggers();

}  // namespace mea::storage::audit

#endif  // MEA_STORAGE_AUDIT_AUDITED_TABLES_H_
