// Migration 5: the audit trail commits to the data it records
// (storage/audit/state.h) and remembers where keying began
// (storage/audit/keying.h).
//
// - audit_entries gains `version` (1: the entry hash of migration 4; 2:
//   also over `state_digest`) and `state_digest`, the digest of the list
//   of groups the change wrote. Existing entries keep version 1 and their
//   hashes.
// - audit_state holds, per entry, the digest of each group of rows it
//   wrote (after-image), append-only like audit_entries.
// - audit_keying holds the first keyed entry once mead is given a key,
//   with an HMAC under the key, so that a later keyed_from is refused.
// - Indexes by batch let an entry digest a results batch's rows without
//   reading the agreement's earlier batches.
#include "storage/core/migrations.h"

namespace mea::storage::audit {

const char kAuditStateSchemaV1[] = R"sql(
ALTER TABLE audit_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1
  CHECK (version IN (1, 2));
ALTER TABLE audit_entries ADD COLUMN state_digest TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_state (
  sequence INTEGER NOT NULL REFERENCES audit_entries (sequence),
  table_name TEXT NOT NULL,
  group_key TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (table_name, group_key, sequence)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_state_by_sequence ON audit_state (sequence);

CREATE TRIGGER audit_state_append_only_update
BEFORE UPDATE ON audit_state
BEGIN
  SELECT RAISE(ABORT, 'audit_state is append-only');
END;

CREATE TRIGGER audit_state_append_only_delete
BEFORE DELETE ON audit_state
BEGIN
  SELECT RAISE(ABORT, 'audit_state is append-only');
END;

CREATE TABLE audit_keying (
  keyed_from INTEGER NOT NULL CHECK (keyed_from >= 1),
  proof TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_keying_append_only_update
BEFORE UPDATE ON audit_keying
BEGIN
  SELECT RAISE(ABORT, 'audit_keying is append-only');
END;

CREATE TRIGGER audit_keying_append_only_delete
BEFORE DELETE ON audit_keying
BEGIN
  SELECT RAISE(ABORT, 'audit_keying is append-only');
END;

CREATE INDEX result_patients_by_batch
  ON result_patients (agreement_id, batch_sequence);
CREATE INDEX result_dispensings_by_batch
  ON result_dispensings (agreement_id, batch_sequence);
CREATE INDEX result_assessments_by_batch
  ON result_assessments (agreement_id, batch_sequence);
CREATE INDEX result_group_outcomes_by_batch
  ON result_group_outcomes (agreement_id, batch_sequence);
CREATE INDEX result_corrections_by_batch
  ON result_corrections (agreement_id, batch_sequence);
)sql";

}  // namespace mea::storage::audit
