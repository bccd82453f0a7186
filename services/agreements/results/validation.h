// Validation of a results batch on its own, before anything is read or
// written: required fields, keys and the correction reason within the API's
// text limits (services/rpc/fields.h), value formats (through the rules
// codecs: dates, decimals), units >= 1, n >= 0, known outcomes, dates not
// before a patient's start, and no duplicate patient or (measure, data_cut)
// inside the batch. Paths start at "batch" ("batch.dispensings[3].date").
// A valid batch comes back typed, as storage writes it.
//
// A batch is refused whole: BatchRefused turns the violations into the
// INVALID_ARGUMENT status that names the batch, so a registry knows which
// of its batches to fix.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/field_violations.h"
#include "mea/v1/agreements.pb.h"
#include "storage/agreements/records.h"

namespace mea::services::agreements {

// At most this many invalid rows are listed: a broken file of a million
// rows must not produce a million messages.
inline constexpr size_t kMaxBatchViolations = 100;

// The most rows one batch may hold (a patient's nested assessments count):
// a batch is one transaction, and bigger ones belong in several batches.
inline constexpr int64_t kMaxBatchRows = 100000;

// A batch that passed ValidateBatch, its rows typed in the order sent.
struct ValidBatch {
  std::string agreement_id;
  std::string batch_id;
  std::string correction_reason;
  std::vector<storage::agreements::DispensingRecord> dispensings;
  std::vector<storage::agreements::PatientRecord> patients;
  std::vector<storage::agreements::PatientAssessmentRecord> assessments;
  std::vector<storage::agreements::GroupOutcomeRecord> group_outcomes;
};

// Adds `description` at `field` unless kMaxBatchViolations are listed.
void AddBatchViolation(FieldViolations& violations, std::string_view field,
                       std::string_view description);

// The typed batch, or its refusal (BatchRefused) listing every violation.
absl::StatusOr<ValidBatch> ValidateBatch(const v1::ResultsBatch& batch);

// INVALID_ARGUMENT whose message names the batch and says that nothing of
// it was stored, carrying every violation. Precondition: not empty.
absl::Status BatchRefused(std::string_view agreement_id,
                          std::string_view batch_id,
                          const FieldViolations& violations);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_
