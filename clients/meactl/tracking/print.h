// Readable text forms of tracking answers, shared by `decisions get`,
// `due` and `dossier`. Norwegian terms come first, English in brackets.
#ifndef MEA_CLIENTS_MEACTL_TRACKING_PRINT_H_
#define MEA_CLIENTS_MEACTL_TRACKING_PRINT_H_

#include <string>

#include "clients/meactl/cli.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "mea/v1/tracking.pb.h"

namespace mea::meactl::tracking_cli {

// A decision and, when it has one, its follow-up plan. With `today`
// ("YYYY-MM-DD") an open reassessment shows the days left to its deadline.
void PrintDecision(const Context& context, const v1::Decision& decision,
                   const std::string& today = "");

// The table of `meactl due`: overdue marker, due date, days, kind, method,
// who owes it, description.
void PrintDueTable(
    const Context& context,
    const google::protobuf::RepeatedPtrField<v1::DueItem>& items);

// "3 forfalt (overdue), 12 i alt (total) per 2026-11-23".
std::string DueCountsLine(int overdue, int total, const std::string& today);

}  // namespace mea::meactl::tracking_cli

#endif  // MEA_CLIENTS_MEACTL_TRACKING_PRINT_H_
