// SQL for the results delivered for agreements: batch receipts,
// dispensings, patients with their assessments, group outcomes, and the log
// of corrections. Every function runs inside the caller's transaction; the
// service checks a batch completely before it writes any row, so a refused
// batch leaves nothing behind.
#ifndef MEA_STORAGE_AGREEMENTS_RESULTS_H_
#define MEA_STORAGE_AGREEMENTS_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/evaluation.pb.h"
#include "storage/core/database.h"

namespace mea::storage {

// The receipt of batch `batch_id` of the agreement, if it was received
// (duplicate is false in what is returned).
absl::StatusOr<std::optional<v1::BatchReceipt>> FindBatch(
    Connection& connection, std::string_view agreement_id,
    std::string_view batch_id);

// 1 for the first batch of an agreement, then one more than the last.
absl::StatusOr<int64_t> NextBatchSequence(Connection& connection,
                                          std::string_view agreement_id);

// Records the receipt; the batch's rows reference it by sequence, so it is
// written first.
absl::Status InsertBatch(Connection& connection,
                         const v1::BatchReceipt& receipt,
                         std::string_view correction_reason);

// A stored patient record without its assessments. Optional dates are
// empty strings when absent, as on the wire.
struct StoredPatient {
  std::string start_date;
  std::string stop_date;
  std::string death_date;
};

absl::StatusOr<std::optional<StoredPatient>> FindPatient(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id);

// The earliest date of a stored dispensing or assessment of the patient;
// a correction may not move the start after it.
absl::StatusOr<std::optional<std::string>> EarliestPatientRecord(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id);

// The stored value of (measure, data_cut), if any.
absl::StatusOr<std::optional<v1::GroupOutcome>> FindGroupOutcome(
    Connection& connection, std::string_view agreement_id,
    std::string_view measure, std::string_view data_cut);

// Inserts the patient, or, when `previous` is set, replaces its record in
// place and logs `previous` as corrected by batch `sequence`. Either way the
// record's assessments are added.
absl::Status WritePatient(Connection& connection, std::string_view agreement_id,
                          int64_t sequence, const v1::PatientRecord& patient,
                          const std::optional<StoredPatient>& previous);

absl::Status InsertAssessments(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const google::protobuf::RepeatedPtrField<v1::PatientAssessment>& rows);

// One prepared statement for all rows: 100 000 rows take well under a
// second inside the caller's transaction.
absl::Status InsertDispensings(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const google::protobuf::RepeatedPtrField<v1::Dispensing>& rows);

// Inserts the value, or, when `previous` is set, replaces it and logs
// `previous` as corrected by batch `sequence`.
absl::Status WriteGroupOutcome(Connection& connection,
                               std::string_view agreement_id, int64_t sequence,
                               const v1::GroupOutcome& outcome,
                               const std::optional<v1::GroupOutcome>& previous);

// Every stored result of the agreement in the order it was received
// (patients keep their first position when corrected), so that the same
// stored data always gives the same evaluation input.
absl::StatusOr<v1::Results> LoadResults(Connection& connection,
                                        std::string_view agreement_id);

}  // namespace mea::storage

#endif  // MEA_STORAGE_AGREEMENTS_RESULTS_H_
