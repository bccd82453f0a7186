// Applying one results batch to the database, exactly once.
//
// Runs inside the caller's write transaction, on a batch `sent` as it was
// received and `batch`, the typed rows ValidateBatch made of it
// (results/validation.h); `content_digest` (BatchDigest of `sent`) goes on
// a new receipt:
// 1. the agreement must exist (NOT_FOUND);
// 2. a batch id seen before is a resend: the same content (IsDigestOf,
//    results/digest.h) returns the original receipt with duplicate = true
//    and changes nothing; other content is ALREADY_EXISTS;
// 3. the rows are checked against what is stored: a dispensing's or
//    assessment's patient must be in this batch or stored, and not be
//    dated before that patient's start; a patient or (measure, data_cut)
//    already stored is a correction and needs batch.correction_reason; a
//    corrected start may not move after the patient's stored records.
//    Any problem refuses the whole batch (INVALID_ARGUMENT, see
//    BatchRefused) before a row is written;
// 4. the receipt (next sequence of the agreement) and the rows are written.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_INGESTION_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_INGESTION_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "services/agreements/results/validation.h"
#include "storage/core/database.h"

namespace mea::services::agreements {

absl::StatusOr<v1::BatchReceipt> ApplyBatch(storage::Connection& connection,
                                            const v1::ResultsBatch& sent,
                                            const ValidBatch& batch,
                                            std::string_view content_digest,
                                            std::string_view received_time);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_INGESTION_H_
