// Migration 3: the agreements' dated items join the tracking items in
// `due_items`, the one list the secretariat works from.
//
// - AGREEMENT_EXPIRY: every ACTIVE agreement is due on its valid_to. It is
//   owed by procurement (Sykehusinnkjøp HF), which must renegotiate, extend
//   or let the agreement lapse before the price falls back.
// - OUTCOME_TRIGGER: every trigger of an agreement's latest settlement is
//   due on that settlement's as_of, owed by the secretariat, which decides
//   whether the reassessment (revurdering) must come early. A newer
//   settlement without the trigger clears it.
//
// Descriptions name the measure, the observed value and the threshold,
// which are part of the public follow-up; never money.
#include "storage/core/migrations.h"

namespace mea::storage::tracking {

const char kDueItemsViewV1[] = R"sql(
CREATE VIEW due_agreement_items AS
SELECT 'AGREEMENT_EXPIRY' AS kind,
       a.valid_to AS due_date,
       a.method_id AS method_id,
       'Sykehusinnkjøp HF' AS responsible_organisation,
       'Avtaleutløp (agreement expiry): ' || a.id || ' med ' || a.supplier ||
         ' utløper; reforhandle, forleng eller avslutt (renegotiate, ' ||
         'extend or end)' AS description,
       a.decision_id AS decision_id,
       NULL AS data_obligation_id,
       a.id AS agreement_id,
       NULL AS settlement_number
FROM agreements a
WHERE a.state = 'ACTIVE'
UNION ALL
SELECT 'OUTCOME_TRIGGER',
       s.as_of,
       a.method_id,
       'Sekretariatet for Nye metoder',
       CASE t.kind
         WHEN 'OUTCOME_NOT_MET' THEN
           'Utfallsmål ikke nådd (outcome not met): ' || t.measure ||
           ' observert (observed) ' || t.observed || ', terskel (threshold) ' ||
           t.threshold
         ELSE
           'Utilstrekkelige data (insufficient data): ' || t.measure ||
           ' observert (observed) ' ||
           CASE t.observed WHEN '' THEN 'ingen (none)' ELSE t.observed END ||
           ', terskel (threshold) ' || t.threshold
       END || ' i oppgjør (settlement) ' || s.number || ' av avtale ' ||
         a.id || '; vurder tidlig revurdering (consider an early ' ||
         'reassessment)',
       a.decision_id,
       NULL,
       a.id,
       s.number
FROM settlement_triggers t
JOIN settlements s ON s.agreement_id = t.agreement_id AND s.number = t.number
JOIN agreements a ON a.id = s.agreement_id
WHERE s.number = (SELECT MAX(number) FROM settlements l
                  WHERE l.agreement_id = s.agreement_id);

DROP VIEW due_items;
CREATE VIEW due_items AS
SELECT * FROM due_tracking_items
UNION ALL
SELECT * FROM due_agreement_items;
)sql";

}  // namespace mea::storage::tracking
