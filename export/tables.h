// The exported tables: the due list (frister) and a stored settlement
// (oppgjør) with its lines, explanations and totals. Headers are Norwegian
// with English in parentheses, like the rest of mea's output.
#ifndef MEA_EXPORT_TABLES_H_
#define MEA_EXPORT_TABLES_H_

#include <vector>

#include "export/table.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"

namespace mea::exports {

// One row per item, in the order given (the service's: overdue first).
Table DueItemsTable(const std::vector<v1::DueItem>& items);

// The text of a cell whose figure the server withheld for the caller's
// role (docs/http-api.md, exports): never 0 and never blank.
inline constexpr char kWithheldCell[] = "skjermet (withheld)";

// One row per figure, every row naming the agreement, settlement number and
// period so that rows stand alone in a spreadsheet: the gross cost (with
// units), one row per line (clause, amount, explanation), the total refund,
// the net cost, the patient outcomes when present, the triggers, and the
// input digest the settlement was computed from. A figure absent from
// `stored` (withheld) is the cell kWithheldCell. A settlement that was not
// stored (number 0: `meactl evaluate --output csv`) has an empty number
// cell and no digest row.
Table SettlementTable(const v1::StoredSettlement& stored);

}  // namespace mea::exports

#endif  // MEA_EXPORT_TABLES_H_
