// Validation of a results batch on its own, before anything is read or
// written: required fields, value formats (through the rules codecs:
// dates, decimals), units >= 1, n >= 0, known outcomes, dates not before a
// patient's start, and no duplicate patient or (measure, data_cut) inside
// the batch. Paths start at "batch" ("batch.dispensings[3].date").
//
// A batch is refused whole: BatchRefused turns the violations into the
// INVALID_ARGUMENT status that names the batch, so a registry knows which
// of its batches to fix.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "mea/v1/agreements.pb.h"
#include "common/field_violations.h"

namespace mea::services {

// At most this many invalid rows are listed: a broken file of a million
// rows must not produce a million messages.
inline constexpr size_t kMaxBatchViolations = 100;

// The most rows one batch may hold (a patient's nested assessments count):
// a batch is one transaction, and bigger ones belong in several batches.
inline constexpr int64_t kMaxBatchRows = 100000;

// Adds `description` at `field` unless kMaxBatchViolations are listed.
void AddBatchViolation(FieldViolations& violations, std::string_view field,
                       std::string_view description);

// True for RESPONSE, STABLE, PROGRESSION and NOT_EVALUABLE.
bool IsKnownOutcome(std::string_view outcome);

void ValidateBatch(const v1::ResultsBatch& batch, FieldViolations& violations);

// INVALID_ARGUMENT whose message names the batch and says that nothing of
// it was stored, carrying every violation. Precondition: not empty.
absl::Status BatchRefused(const v1::ResultsBatch& batch,
                          const FieldViolations& violations);

}  // namespace mea::services

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_VALIDATION_H_
