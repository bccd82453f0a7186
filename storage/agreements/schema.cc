// Migration 2: alternative price agreements (alternative prisavtaler), the
// results delivered for them in batches, and their settlements (oppgjør).
//
// Dates are TEXT "YYYY-MM-DD", timestamps RFC 3339 TEXT, money INTEGER øre.
// Result rows remember the batch that delivered them, so every figure can be
// traced to a receipt. Settlements and receipts are immutable: triggers abort
// any UPDATE or DELETE, because what was invoiced or acknowledged must stay
// exactly as it was even when results are corrected later.
#include "storage/core/migrations.h"

namespace mea::storage::agreements {

const char kAgreementsSchemaV1[] = R"sql(
CREATE TABLE agreements (
  id TEXT PRIMARY KEY,
  method_id TEXT NOT NULL REFERENCES methods(id),
  decision_id INTEGER REFERENCES decisions(id),
  supplier TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('DRAFT', 'ACTIVE', 'EXPIRED', 'TERMINATED')),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL CHECK (valid_from <= valid_to),
  title TEXT NOT NULL DEFAULT '',
  unit_price_ore INTEGER NOT NULL CHECK (unit_price_ore > 0),
  -- The clauses as the JSON of mea.v1.AgreementTerms holding only
  -- `clauses`: figures stay exactly as written (percent "12.5", cap
  -- "20000000.00"), so an evaluation reads what procurement agreed.
  clauses_json TEXT NOT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL
);
CREATE INDEX agreements_by_method ON agreements(method_id);

-- One row per accepted batch: the receipt.
CREATE TABLE result_batches (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  batch_id TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  received_time TEXT NOT NULL,
  dispensings INTEGER NOT NULL,
  patients INTEGER NOT NULL,
  assessments INTEGER NOT NULL,
  group_outcomes INTEGER NOT NULL,
  correction_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, sequence),
  UNIQUE (agreement_id, batch_id)
);

-- The current record of each patient; a correction replaces it in place
-- (keeping its position, hence its rowid) and logs the old one in
-- result_corrections.
CREATE TABLE result_patients (
  agreement_id TEXT NOT NULL,
  id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  stop_date TEXT,
  death_date TEXT,
  batch_sequence INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, id),
  FOREIGN KEY (agreement_id, batch_sequence)
    REFERENCES result_batches(agreement_id, sequence)
);

CREATE TABLE result_dispensings (
  agreement_id TEXT NOT NULL,
  batch_sequence INTEGER NOT NULL,
  date TEXT NOT NULL,
  units INTEGER NOT NULL CHECK (units >= 1),
  -- NULL for aggregate volume data.
  patient TEXT,
  FOREIGN KEY (agreement_id, batch_sequence)
    REFERENCES result_batches(agreement_id, sequence),
  FOREIGN KEY (agreement_id, patient)
    REFERENCES result_patients(agreement_id, id)
);
CREATE INDEX result_dispensings_by_patient
  ON result_dispensings(agreement_id, patient);

CREATE TABLE result_assessments (
  agreement_id TEXT NOT NULL,
  patient TEXT NOT NULL,
  date TEXT NOT NULL,
  outcome TEXT NOT NULL
    CHECK (outcome IN ('RESPONSE', 'STABLE', 'PROGRESSION', 'NOT_EVALUABLE')),
  batch_sequence INTEGER NOT NULL,
  FOREIGN KEY (agreement_id, batch_sequence)
    REFERENCES result_batches(agreement_id, sequence),
  FOREIGN KEY (agreement_id, patient)
    REFERENCES result_patients(agreement_id, id)
);
CREATE INDEX result_assessments_by_patient
  ON result_assessments(agreement_id, patient);

-- At most one value per (measure, data_cut); a later batch may correct it.
CREATE TABLE result_group_outcomes (
  agreement_id TEXT NOT NULL,
  measure TEXT NOT NULL,
  data_cut TEXT NOT NULL,
  -- Decimal text exactly as delivered ("0.60" stays "0.60").
  value TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  batch_sequence INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, measure, data_cut),
  FOREIGN KEY (agreement_id, batch_sequence)
    REFERENCES result_batches(agreement_id, sequence)
);

-- What each correction replaced, for the audit trail.
CREATE TABLE result_corrections (
  agreement_id TEXT NOT NULL,
  batch_sequence INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('patient', 'group_outcome')),
  subject TEXT NOT NULL,
  previous TEXT NOT NULL,
  FOREIGN KEY (agreement_id, batch_sequence)
    REFERENCES result_batches(agreement_id, sequence)
);

CREATE TABLE settlements (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  -- SHA-256 hex of the canonical evaluation input it was computed from.
  input_digest TEXT NOT NULL,
  create_time TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  as_of TEXT NOT NULL,
  units INTEGER NOT NULL,
  gross_cost_ore INTEGER NOT NULL,
  total_refund_ore INTEGER NOT NULL,
  net_cost_ore INTEGER NOT NULL,
  has_patient_outcomes INTEGER NOT NULL CHECK (has_patient_outcomes IN (0, 1)),
  outcomes_success INTEGER NOT NULL DEFAULT 0,
  outcomes_failure INTEGER NOT NULL DEFAULT 0,
  outcomes_pending INTEGER NOT NULL DEFAULT 0,
  outcomes_missing INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agreement_id, number)
);

CREATE TABLE settlement_lines (
  agreement_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  position INTEGER NOT NULL,
  clause TEXT NOT NULL,
  clause_index INTEGER NOT NULL,
  amount_ore INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY (agreement_id, number, position),
  FOREIGN KEY (agreement_id, number) REFERENCES settlements(agreement_id, number)
);

CREATE TABLE settlement_triggers (
  agreement_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  position INTEGER NOT NULL,
  clause_index INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('OUTCOME_NOT_MET', 'INSUFFICIENT_DATA')),
  measure TEXT NOT NULL,
  observed TEXT NOT NULL,
  threshold TEXT NOT NULL,
  PRIMARY KEY (agreement_id, number, position),
  FOREIGN KEY (agreement_id, number) REFERENCES settlements(agreement_id, number)
);

CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER settlement_lines_no_update BEFORE UPDATE ON settlement_lines
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER settlement_lines_no_delete BEFORE DELETE ON settlement_lines
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER settlement_triggers_no_update
BEFORE UPDATE ON settlement_triggers
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER settlement_triggers_no_delete
BEFORE DELETE ON settlement_triggers
BEGIN SELECT RAISE(ABORT, 'settlements are immutable'); END;
CREATE TRIGGER result_batches_no_update BEFORE UPDATE ON result_batches
BEGIN SELECT RAISE(ABORT, 'batch receipts are immutable'); END;
CREATE TRIGGER result_batches_no_delete BEFORE DELETE ON result_batches
BEGIN SELECT RAISE(ABORT, 'batch receipts are immutable'); END;
)sql";

}  // namespace mea::storage::agreements
