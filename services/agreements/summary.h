// The public view of an agreement (AgreementSummary): its form and
// structure, never its figures. The framework for alternative price
// agreements makes form and structure public while unit prices, rebate
// percentages and caps may be withheld, so the summary names clause types,
// the basis and number of price-volume tiers and the measures of outcome
// guarantees, and nothing that is money, a percent, a count or a threshold.
#ifndef MEA_SERVICES_AGREEMENTS_SUMMARY_H_
#define MEA_SERVICES_AGREEMENTS_SUMMARY_H_

#include <string>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "storage/agreements/records.h"

namespace mea::services::agreements {

// The clause type's JSON name ("price_volume"), "" when none is set.
std::string ClauseTypeName(const v1::Clause& clause);

// E.g. "price-volume (pris-volum) on all units in 3 tiers; expenditure cap
// (utgiftstak)".
std::string DescribeClauses(const v1::Agreement& agreement);

v1::AgreementSummary SummarizeAgreement(const v1::Agreement& agreement);

// The summary of a stored agreement, e.g. for a dossier; INTERNAL when its
// stored clauses do not parse (services/agreements/mapping.h).
absl::StatusOr<v1::AgreementSummary> SummarizeStoredAgreement(
    const storage::agreements::AgreementRecord& agreement);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_SUMMARY_H_
