#include "services/agreements/results/ingestion.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "services/agreements/results/digest.h"
#include "services/agreements/results/validation.h"
#include "storage/agreements/results.h"
#include "storage/agreements/store.h"

namespace mea::services {
namespace {

using storage::StoredPatient;

// What the checks against storage found, kept for the writes.
struct BatchPlan {
  // Per batch.patients[i]: the stored record it corrects, if any.
  std::vector<std::optional<StoredPatient>> patient_corrections;
  // Per batch.group_outcomes[i]: the stored value it corrects, if any.
  std::vector<std::optional<v1::GroupOutcome>> outcome_corrections;
};

// The start date of every patient a row of the batch names: from the batch
// itself, else from storage (looked up once per patient).
class PatientStarts {
 public:
  PatientStarts(storage::Connection& connection, const v1::ResultsBatch& batch)
      : connection_(connection), agreement_id_(batch.agreement_id()) {
    for (const v1::PatientRecord& patient : batch.patients()) {
      starts_.try_emplace(patient.id(), patient.start_date());
    }
  }

  // The patient's start_date, or nullopt when the patient is unknown.
  absl::StatusOr<std::optional<std::string>> StartOf(
      const std::string& patient) {
    auto found = starts_.find(patient);
    if (found != starts_.end()) return found->second;
    absl::StatusOr<std::optional<StoredPatient>> stored =
        storage::FindPatient(connection_, agreement_id_, patient);
    if (!stored.ok()) return stored.status();
    std::optional<std::string> start;
    if (stored->has_value()) start = (*stored)->start_date;
    starts_.emplace(patient, start);
    return start;
  }

 private:
  storage::Connection& connection_;
  std::string agreement_id_;
  absl::flat_hash_map<std::string, std::optional<std::string>> starts_;
};

// Checks one row that names a patient: known, and not dated before its
// start. Dates are valid "YYYY-MM-DD" here, so text order is date order.
absl::Status CheckPatientRow(PatientStarts& starts, const std::string& patient,
                             const std::string& date, const std::string& path,
                             const std::string& agreement_id,
                             FieldViolations& violations) {
  absl::StatusOr<std::optional<std::string>> start = starts.StartOf(patient);
  if (!start.ok()) return start.status();
  if (!start->has_value()) {
    AddBatchViolation(violations, absl::StrCat(path, ".patient"),
                      absl::StrCat("names patient \"", patient,
                                   "\", who is neither in "
                                   "this batch nor stored for agreement ",
                                   agreement_id));
  } else if (date < **start) {
    AddBatchViolation(violations, absl::StrCat(path, ".date"),
                      absl::StrCat(date,
                                   " is before the start_date of "
                                   "patient \"",
                                   patient, "\" (", **start, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckRowsAgainstPatients(storage::Connection& connection,
                                      const v1::ResultsBatch& batch,
                                      FieldViolations& violations) {
  PatientStarts starts(connection, batch);
  for (int i = 0; i < batch.dispensings_size(); ++i) {
    const v1::Dispensing& row = batch.dispensings(i);
    if (row.patient().empty()) continue;
    if (violations.size() >= kMaxBatchViolations) break;
    absl::Status checked =
        CheckPatientRow(starts, row.patient(), row.date(),
                        absl::StrCat("batch.dispensings[", i, "]"),
                        batch.agreement_id(), violations);
    if (!checked.ok()) return checked;
  }
  for (int i = 0; i < batch.assessments_size(); ++i) {
    const v1::PatientAssessment& row = batch.assessments(i);
    absl::Status checked =
        CheckPatientRow(starts, row.patient(), row.date(),
                        absl::StrCat("batch.assessments[", i, "]"),
                        batch.agreement_id(), violations);
    if (!checked.ok()) return checked;
  }
  return absl::OkStatus();
}

absl::Status CheckPatientCorrection(storage::Connection& connection,
                                    const v1::ResultsBatch& batch, int i,
                                    FieldViolations& violations) {
  const v1::PatientRecord& patient = batch.patients(i);
  const std::string path = absl::StrCat("batch.patients[", i, "]");
  if (batch.correction_reason().empty()) {
    AddBatchViolation(violations, absl::StrCat(path, ".id"),
                      absl::StrCat("patient \"", patient.id(),
                                   "\" is already stored; a correction "
                                   "needs batch.correction_reason"));
  }
  absl::StatusOr<std::optional<std::string>> earliest =
      storage::EarliestPatientRecord(connection, batch.agreement_id(),
                                     patient.id());
  if (!earliest.ok()) return earliest.status();
  if (earliest->has_value() && **earliest < patient.start_date()) {
    AddBatchViolation(
        violations, absl::StrCat(path, ".start_date"),
        absl::StrCat("is after the patient's earliest stored dispensing or "
                     "assessment (",
                     **earliest, ")"));
  }
  return absl::OkStatus();
}

absl::Status PlanPatients(storage::Connection& connection,
                          const v1::ResultsBatch& batch, BatchPlan& plan,
                          FieldViolations& violations) {
  for (int i = 0; i < batch.patients_size(); ++i) {
    absl::StatusOr<std::optional<StoredPatient>> stored = storage::FindPatient(
        connection, batch.agreement_id(), batch.patients(i).id());
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) {
      absl::Status checked =
          CheckPatientCorrection(connection, batch, i, violations);
      if (!checked.ok()) return checked;
    }
    plan.patient_corrections.push_back(*std::move(stored));
  }
  return absl::OkStatus();
}

absl::Status PlanGroupOutcomes(storage::Connection& connection,
                               const v1::ResultsBatch& batch, BatchPlan& plan,
                               FieldViolations& violations) {
  for (int i = 0; i < batch.group_outcomes_size(); ++i) {
    const v1::GroupOutcome& row = batch.group_outcomes(i);
    absl::StatusOr<std::optional<v1::GroupOutcome>> stored =
        storage::FindGroupOutcome(connection, batch.agreement_id(),
                                  row.measure(), row.data_cut());
    if (!stored.ok()) return stored.status();
    if (stored->has_value() && batch.correction_reason().empty()) {
      AddBatchViolation(
          violations, absl::StrCat("batch.group_outcomes[", i, "].data_cut"),
          absl::StrCat("measure \"", row.measure(), "\" on ", row.data_cut(),
                       " is already stored; a correction needs "
                       "batch.correction_reason"));
    }
    plan.outcome_corrections.push_back(*std::move(stored));
  }
  return absl::OkStatus();
}

// Step 3: everything that depends on what is stored.
absl::StatusOr<BatchPlan> PlanBatch(storage::Connection& connection,
                                    const v1::ResultsBatch& batch) {
  BatchPlan plan;
  FieldViolations violations;
  absl::Status checked = PlanPatients(connection, batch, plan, violations);
  if (checked.ok()) {
    checked = CheckRowsAgainstPatients(connection, batch, violations);
  }
  if (checked.ok()) {
    checked = PlanGroupOutcomes(connection, batch, plan, violations);
  }
  if (!checked.ok()) return checked;
  if (!violations.empty()) return BatchRefused(batch, violations);
  return plan;
}

v1::BatchReceipt NewReceipt(const v1::ResultsBatch& batch, int64_t sequence,
                            std::string_view digest,
                            std::string_view received_time) {
  v1::BatchReceipt receipt;
  receipt.set_agreement_id(batch.agreement_id());
  receipt.set_batch_id(batch.batch_id());
  receipt.set_sequence(sequence);
  receipt.set_content_digest(std::string(digest));
  receipt.set_received_time(std::string(received_time));
  receipt.set_dispensings(batch.dispensings_size());
  receipt.set_patients(batch.patients_size());
  int assessments = batch.assessments_size();
  for (const v1::PatientRecord& patient : batch.patients()) {
    assessments += patient.assessments_size();
  }
  receipt.set_assessments(assessments);
  receipt.set_group_outcomes(batch.group_outcomes_size());
  return receipt;
}

// Step 4. Patients first: dispensings and assessments reference them.
absl::Status WriteRows(storage::Connection& connection,
                       const v1::ResultsBatch& batch, int64_t sequence,
                       const BatchPlan& plan) {
  const std::string& agreement = batch.agreement_id();
  for (int i = 0; i < batch.patients_size(); ++i) {
    absl::Status written =
        storage::WritePatient(connection, agreement, sequence,
                              batch.patients(i), plan.patient_corrections[i]);
    if (!written.ok()) return written;
  }
  absl::Status written = storage::InsertAssessments(
      connection, agreement, sequence, batch.assessments());
  if (written.ok()) {
    written = storage::InsertDispensings(connection, agreement, sequence,
                                         batch.dispensings());
  }
  for (int i = 0; written.ok() && i < batch.group_outcomes_size(); ++i) {
    written = storage::WriteGroupOutcome(connection, agreement, sequence,
                                         batch.group_outcomes(i),
                                         plan.outcome_corrections[i]);
  }
  return written;
}

// Step 2: nullopt for a new batch id.
absl::StatusOr<std::optional<v1::BatchReceipt>> CheckResend(
    storage::Connection& connection, const v1::ResultsBatch& batch) {
  absl::StatusOr<std::optional<v1::BatchReceipt>> earlier =
      storage::FindBatch(connection, batch.agreement_id(), batch.batch_id());
  if (!earlier.ok() || !earlier->has_value()) return earlier;
  v1::BatchReceipt& receipt = **earlier;
  if (!IsDigestOf(receipt.content_digest(), batch)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "batch \"", batch.batch_id(), "\" of agreement ", batch.agreement_id(),
        " was received before (sequence ", receipt.sequence(),
        ") with other content; choose a new batch_id for new results"));
  }
  receipt.set_duplicate(true);
  return earlier;
}

}  // namespace

absl::StatusOr<v1::BatchReceipt> ApplyBatch(storage::Connection& connection,
                                            const v1::ResultsBatch& batch,
                                            std::string_view content_digest,
                                            std::string_view received_time) {
  absl::StatusOr<v1::Agreement> agreement =
      storage::LoadAgreement(connection, batch.agreement_id());
  if (!agreement.ok()) return agreement.status();
  absl::StatusOr<std::optional<v1::BatchReceipt>> resent =
      CheckResend(connection, batch);
  if (!resent.ok()) return resent.status();
  if (resent->has_value()) return **resent;
  absl::StatusOr<BatchPlan> plan = PlanBatch(connection, batch);
  if (!plan.ok()) return plan.status();
  absl::StatusOr<int64_t> sequence =
      storage::NextBatchSequence(connection, batch.agreement_id());
  if (!sequence.ok()) return sequence.status();
  v1::BatchReceipt receipt =
      NewReceipt(batch, *sequence, content_digest, received_time);
  absl::Status recorded =
      storage::InsertBatch(connection, receipt, batch.correction_reason());
  if (!recorded.ok()) return recorded;
  absl::Status written = WriteRows(connection, batch, *sequence, *plan);
  if (!written.ok()) return written;
  return receipt;
}

}  // namespace mea::services
