// Migration 1: the tracking schema of the Nye metoder secretariat.
//
// Methods (metoder), their decisions (beslutninger) and, for temporary
// introductions, the follow-up plan: outcome measures (utfallsmål), data
// obligations (dataansvar), the reassessment (revurdering) with its
// extensions, and the exit plan (exit-plan).
//
// Conventions: enums are stored as fixed texts, the API's value names
// (enum_texts.h: readable in the database and stable when numbers are
// added); dates as TEXT "YYYY-MM-DD"
// (so text order is date order); timestamps as RFC 3339 TEXT. CHECK
// constraints repeat the invariants the service validates, so that a bug in
// the service cannot store an impossible state. Nothing derived ("overdue",
// a method's status, "superseded by") is stored.
#include "storage/core/migrations.h"

namespace mea::storage::tracking {

const char kTrackingSchemaV1[] = R"sql(
CREATE TABLE methods (
  id TEXT PRIMARY KEY
    CHECK (id GLOB 'ID[0-9][0-9][0-9][0-9]_[0-9][0-9][0-9]'),
  title TEXT NOT NULL CHECK (title <> ''),
  active_substance TEXT NOT NULL,
  brand_name TEXT NOT NULL,
  indication TEXT NOT NULL,
  supplier TEXT NOT NULL,
  therapeutic_area TEXT NOT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL
) STRICT;

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  method_id TEXT NOT NULL REFERENCES methods (id),
  decision_date TEXT NOT NULL
    CHECK (decision_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  body TEXT NOT NULL CHECK (body IN ('BESLUTNINGSFORUM', 'MEDICAL_DIRECTORS')),
  introduction_type TEXT NOT NULL CHECK (introduction_type IN (
    'INTRODUCED', 'INTRODUCED_TEMPORARILY', 'NOT_INTRODUCED',
    'GROUP_EXEMPTION', 'PHASED_OUT')),
  conditions TEXT NOT NULL,
  -- At most one decision supersedes a given one (UNIQUE), and only one of
  -- the same method (the composite foreign key).
  supersedes_decision_id INTEGER UNIQUE,
  create_time TEXT NOT NULL,
  -- Group exemptions (gruppeunntak) are granted by the RHFs' medical
  -- directors, everything else by Beslutningsforum.
  CHECK ((body = 'MEDICAL_DIRECTORS') = (introduction_type = 'GROUP_EXEMPTION')),
  UNIQUE (id, method_id),
  FOREIGN KEY (supersedes_decision_id, method_id)
    REFERENCES decisions (id, method_id)
) STRICT;
CREATE INDEX decisions_by_method
  ON decisions (method_id, decision_date DESC, id DESC);

CREATE TABLE outcome_measures (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id),
  name TEXT NOT NULL CHECK (name <> ''),
  description TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (
    'PROPORTION', 'MEDIAN_TIME', 'MEAN_SCORE', 'COUNT')),
  unit TEXT NOT NULL CHECK (unit <> ''),
  expected_value TEXT NOT NULL CHECK (expected_value <> ''),
  direction TEXT NOT NULL CHECK (direction IN ('AT_LEAST', 'AT_MOST')),
  evaluation_weeks INTEGER NOT NULL CHECK (evaluation_weeks > 0),
  data_source TEXT NOT NULL CHECK (data_source IN (
    'DATA_SOURCE_COMPANY_STUDY', 'DATA_SOURCE_CANCER_REGISTRY',
    'DATA_SOURCE_NPR', 'DATA_SOURCE_QUALITY_REGISTRY', 'DATA_SOURCE_PROM',
    'DATA_SOURCE_OBSERVATIONAL_STUDY')),
  UNIQUE (decision_id, name)
) STRICT;

CREATE TABLE data_obligations (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id),
  description TEXT NOT NULL CHECK (description <> ''),
  source TEXT NOT NULL CHECK (source IN (
    'DATA_SOURCE_COMPANY_STUDY', 'DATA_SOURCE_CANCER_REGISTRY',
    'DATA_SOURCE_NPR', 'DATA_SOURCE_QUALITY_REGISTRY', 'DATA_SOURCE_PROM',
    'DATA_SOURCE_OBSERVATIONAL_STUDY')),
  responsible_organisation TEXT NOT NULL CHECK (responsible_organisation <> ''),
  responsible_role TEXT NOT NULL CHECK (responsible_role IN (
    'SUPPLIER', 'REGISTRY', 'HOSPITAL', 'AGENCY')),
  due_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'WAIVED')),
  delivered_date TEXT,
  delivery_reference TEXT,
  waiver_reason TEXT,
  CHECK ((state = 'DELIVERED') = (delivered_date IS NOT NULL)),
  CHECK ((state = 'WAIVED') = (waiver_reason IS NOT NULL))
) STRICT;
CREATE INDEX data_obligations_by_decision ON data_obligations (decision_id);
CREATE INDEX data_obligations_pending_by_due_date
  ON data_obligations (due_date) WHERE state = 'PENDING';

-- Which outcome measures of the same plan a data obligation covers.
CREATE TABLE data_obligation_measures (
  data_obligation_id INTEGER NOT NULL REFERENCES data_obligations (id),
  outcome_measure_id INTEGER NOT NULL REFERENCES outcome_measures (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (data_obligation_id, outcome_measure_id)
) STRICT, WITHOUT ROWID;

-- One per temporary introduction. `outcome` is the final outcome, set on
-- completion; an extension is recorded in reassessment_extensions instead
-- and leaves the reassessment open.
CREATE TABLE reassessments (
  decision_id INTEGER PRIMARY KEY REFERENCES decisions (id),
  deadline TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN (
    'SCHEDULED', 'UNDER_ASSESSMENT', 'COMPLETED')),
  outcome TEXT CHECK (outcome IN ('PERMANENT_INTRODUCTION',
    'RENEGOTIATE_PRICE', 'PHASE_OUT', 'PHASE_OUT_EXCEPT_SUBGROUP')),
  subgroup TEXT NOT NULL,
  reason TEXT NOT NULL,
  completed_date TEXT,
  resulting_decision_id INTEGER REFERENCES decisions (id),
  CHECK ((state = 'COMPLETED') = (completed_date IS NOT NULL)),
  CHECK ((state = 'COMPLETED') = (outcome IS NOT NULL)),
  CHECK ((state = 'COMPLETED') = (resulting_decision_id IS NOT NULL))
) STRICT;
CREATE INDEX reassessments_open_by_deadline
  ON reassessments (deadline) WHERE state <> 'COMPLETED';

CREATE TABLE reassessment_extensions (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES reassessments (decision_id),
  previous_deadline TEXT NOT NULL,
  new_deadline TEXT NOT NULL CHECK (new_deadline > previous_deadline),
  reason TEXT NOT NULL CHECK (reason <> ''),
  decided_date TEXT NOT NULL
) STRICT;
CREATE INDEX reassessment_extensions_by_decision
  ON reassessment_extensions (decision_id);

CREATE TABLE exit_plans (
  decision_id INTEGER PRIMARY KEY REFERENCES decisions (id),
  no_new_patients_after_days INTEGER NOT NULL
    CHECK (no_new_patients_after_days >= 0),
  ongoing_treatment TEXT NOT NULL CHECK (ongoing_treatment IN (
    'CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS', 'CONTINUE_AT_PUBLIC_COST',
    'STOP_WITH_TAPERING')),
  payer TEXT NOT NULL CHECK (payer IN (
    'PAYER_SUPPLIER', 'PAYER_PUBLIC', 'PAYER_SHARED')),
  notes TEXT NOT NULL
) STRICT;

-- A method's status: the introduction type of its latest decision that no
-- other decision supersedes; AWAITING_DECISION without one.
CREATE VIEW method_statuses AS
SELECT m.id AS method_id,
       COALESCE((
         SELECT d.introduction_type FROM decisions d
         WHERE d.method_id = m.id
           AND NOT EXISTS (SELECT 1 FROM decisions s
                           WHERE s.supersedes_decision_id = d.id)
         ORDER BY d.decision_date DESC, d.id DESC
         LIMIT 1), 'AWAITING_DECISION') AS status
FROM methods m;

-- Open tracking items with a date: reassessments not completed and data
-- obligations still pending. Overdue is not here: it depends on the
-- server's today and is computed by the query.
CREATE VIEW due_tracking_items AS
SELECT 'REASSESSMENT' AS kind,
       r.deadline AS due_date,
       d.method_id AS method_id,
       'Sekretariatet for Nye metoder' AS responsible_organisation,
       'Revurdering (reassessment) av midlertidig innføring fra ' ||
         d.decision_date ||
         CASE r.state WHEN 'UNDER_ASSESSMENT'
           THEN ' (under vurdering / under assessment)' ELSE '' END
         AS description,
       d.id AS decision_id,
       NULL AS data_obligation_id,
       NULL AS agreement_id,
       NULL AS settlement_number
FROM reassessments r JOIN decisions d ON d.id = r.decision_id
WHERE r.state <> 'COMPLETED'
UNION ALL
SELECT 'DATA_OBLIGATION',
       o.due_date,
       d.method_id,
       o.responsible_organisation,
       'Datalevering (data delivery): ' || o.description,
       d.id,
       o.id,
       NULL,
       NULL
FROM data_obligations o JOIN decisions d ON d.id = o.decision_id
WHERE o.state = 'PENDING';

CREATE VIEW due_items AS SELECT * FROM due_tracking_items;
)sql";

}  // namespace mea::storage::tracking
