// SQL for the results delivered for agreements: batch receipts,
// dispensings, patients with their assessments, group outcomes, and the log
// of corrections. Every function runs inside the caller's transaction; the
// service checks a batch completely before it writes any row, so a refused
// batch leaves nothing behind. Rows are typed (records.h); an unknown stored
// outcome or a bad stored date is INTERNAL.
#ifndef MEA_STORAGE_AGREEMENTS_RESULTS_H_
#define MEA_STORAGE_AGREEMENTS_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "storage/agreements/records.h"
#include "storage/core/database.h"

namespace mea::storage::agreements {

// The receipt of batch `batch_id` of the agreement, if it was received.
absl::StatusOr<std::optional<BatchReceiptRecord>> FindBatch(
    Connection& connection, std::string_view agreement_id,
    std::string_view batch_id);

// Records the receipt (its sequence from NextNumber, store.h); the batch's
// rows reference it by sequence, so it is written first.
absl::Status InsertBatch(Connection& connection,
                         const BatchReceiptRecord& receipt);

// The stored record of the patient, without its assessments.
absl::StatusOr<std::optional<PatientRecord>> FindPatient(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id);

// The earliest date of a stored dispensing or assessment of the patient;
// a correction may not move the start after it.
absl::StatusOr<std::optional<absl::CivilDay>> EarliestPatientRecord(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id);

// The stored value of (measure, data_cut), if any.
absl::StatusOr<std::optional<GroupOutcomeRecord>> FindGroupOutcome(
    Connection& connection, std::string_view agreement_id,
    std::string_view measure, absl::CivilDay data_cut);

// Inserts the patient, or, when `previous` is set, replaces its record in
// place and logs `previous` as corrected by batch `sequence`. Either way the
// record's assessments are added.
absl::Status WritePatient(Connection& connection, std::string_view agreement_id,
                          int64_t sequence, const PatientRecord& patient,
                          const std::optional<PatientRecord>& previous);

absl::Status InsertAssessments(Connection& connection,
                               std::string_view agreement_id, int64_t sequence,
                               absl::Span<const PatientAssessmentRecord> rows);

// One prepared statement for all rows: 100 000 rows take well under a
// second inside the caller's transaction.
absl::Status InsertDispensings(Connection& connection,
                               std::string_view agreement_id, int64_t sequence,
                               absl::Span<const DispensingRecord> rows);

// Inserts the value, or, when `previous` is set, replaces it and logs
// `previous` as corrected by batch `sequence`.
absl::Status WriteGroupOutcome(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const GroupOutcomeRecord& outcome,
    const std::optional<GroupOutcomeRecord>& previous);

// Every stored result of the agreement in the order it was received
// (patients keep their first position when corrected).
absl::StatusOr<ResultsRecord> LoadResults(Connection& connection,
                                          std::string_view agreement_id);

}  // namespace mea::storage::agreements

#endif  // MEA_STORAGE_AGREEMENTS_RESULTS_H_
