// Table output of the agreement commands (--output table, the default).
// With --output json the commands print the answer with PrintJson instead.
#ifndef MEA_CLIENTS_MEACTL_AGREEMENTS_PRINT_H_
#define MEA_CLIENTS_MEACTL_AGREEMENTS_PRINT_H_

#include <vector>

#include "clients/meactl/cli.h"
#include "mea/v1/agreements.pb.h"

namespace mea::meactl {

// One agreement: its fields, public summary and confidential terms.
void PrintAgreement(const Context& context, const v1::Agreement& agreement);
// One line per agreement, no figures.
void PrintAgreementList(const Context& context,
                        const std::vector<v1::Agreement>& agreements);

// Lines with explanations, totals, patient outcomes and triggers.
void PrintSettlement(const Context& context, const v1::Settlement& settlement);
// The record's number, digest and time, then the settlement.
void PrintStoredSettlement(const Context& context,
                           const v1::StoredSettlement& stored);
// One line per settlement.
void PrintSettlementList(const Context& context,
                         const std::vector<v1::StoredSettlement>& list);

void PrintReceipts(const Context& context,
                   const v1::UploadResultsResponse& response);

// Both drafts' lines side by side with the differences.
void PrintComparison(const Context& context,
                     const v1::CompareDraftsResponse& comparison);

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_AGREEMENTS_PRINT_H_
