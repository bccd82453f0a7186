// Migration 4: the audit trail (revisjonsspor), see storage/audit/store.h.
//
// Append-only from the application: triggers abort every UPDATE and
// DELETE, so no code path of mea can rewrite history. Somebody with the
// file can still drop the triggers and edit rows; the hash chain
// (storage/audit/chain.h) is what shows that afterwards.
#include "storage/core/migrations.h"

namespace mea::storage::audit {

const char kAuditSchemaV1[] = R"sql(
CREATE TABLE audit_entries (
  sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
  time TEXT NOT NULL,
  principal TEXT NOT NULL,
  organisation TEXT NOT NULL,
  role TEXT NOT NULL,
  credential TEXT NOT NULL,
  rpc TEXT NOT NULL,
  resource TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  reason TEXT NOT NULL,
  previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
  entry_hash TEXT NOT NULL CHECK (length(entry_hash) = 64)
) STRICT;
CREATE INDEX audit_entries_by_resource ON audit_entries (resource);
CREATE INDEX audit_entries_by_principal ON audit_entries (principal);

CREATE TRIGGER audit_entries_append_only_update
BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only');
END;

CREATE TRIGGER audit_entries_append_only_delete
BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
)sql";

}  // namespace mea::storage::audit
