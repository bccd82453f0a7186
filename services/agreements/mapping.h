// Maps the agreement area's records from storage
// (storage/agreements/records.h) to the proto messages of the API and back.
// Storage holds typed values only; the wire's text forms (money with two
// decimals, "YYYY-MM-DD" dates, outcome names) are read and written here.
//
// The clauses are stored as the JSON of mea.v1.AgreementTerms holding only
// `clauses` (records.h says why), so this is also where that JSON is
// printed and parsed: a stored text that does not parse is INTERNAL, never
// an empty list.
#ifndef MEA_SERVICES_AGREEMENTS_MAPPING_H_
#define MEA_SERVICES_AGREEMENTS_MAPPING_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/evaluation.h"
#include "storage/agreements/records.h"

namespace mea::services::agreements {

// Every state but STATE_UNSPECIFIED has a record state.
v1::Agreement::State StateToProto(storage::agreements::AgreementState state);
// nullopt for STATE_UNSPECIFIED and numbers that name no state.
std::optional<storage::agreements::AgreementState> StateFromProto(
    v1::Agreement::State state);

// "RESPONSE", "STABLE", "PROGRESSION" or "NOT_EVALUABLE" (evaluation.md).
std::string_view OutcomeText(rules::Outcome outcome);
// nullopt for any other text.
std::optional<rules::Outcome> OutcomeFromText(std::string_view text);

// `agreement` as stored. Precondition: ValidateAgreement found nothing
// wrong with it; a value that does not parse is INTERNAL.
absl::StatusOr<storage::agreements::AgreementRecord> AgreementToRecord(
    const v1::Agreement& agreement);

// A stored agreement as the API shows it, without its summary: the unit
// price in the canonical two-decimal form ("45210" -> "45210.00"), the
// clauses exactly as written.
absl::StatusOr<v1::Agreement> AgreementToProto(
    const storage::agreements::AgreementRecord& agreement);

// Stored results in their wire form, row for row and in the same order,
// so that the digest of an evaluation input built from them is the digest
// of the same input sent inline.
v1::Results ResultsToProto(const storage::agreements::ResultsRecord& results);

v1::BatchReceipt ReceiptToProto(
    const storage::agreements::BatchReceiptRecord& receipt, bool duplicate);

v1::StoredSettlement StoredSettlementToProto(
    const storage::agreements::SettlementRecord& record);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_MAPPING_H_
