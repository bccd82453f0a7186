#include "services/agreements/results/ingestion.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/agreements/mapping.h"
#include "services/agreements/results/digest.h"
#include "storage/agreements/results.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

// What the checks against storage found, kept for the writes.
struct BatchPlan {
  // Per batch.patients[i]: the stored record it corrects, if any.
  std::vector<std::optional<store::PatientRecord>> patient_corrections;
  // Per batch.group_outcomes[i]: the stored value it corrects, if any.
  std::vector<std::optional<store::GroupOutcomeRecord>> outcome_corrections;
};

// The start date of every patient a row of the batch names: from the batch
// itself, else from storage (looked up once per patient).
class PatientStarts {
 public:
  PatientStarts(storage::Connection& connection, const ValidBatch& batch)
      : connection_(connection), agreement_id_(batch.agreement_id) {
    for (const store::PatientRecord& patient : batch.patients) {
      starts_.try_emplace(patient.id, patient.start_date);
    }
  }

  // The patient's start_date, or nullopt when the patient is unknown.
  absl::StatusOr<std::optional<absl::CivilDay>> StartOf(
      const std::string& patient) {
    auto found = starts_.find(patient);
    if (found != starts_.end()) return found->second;
    MEA_ASSIGN_OR_RETURN(
        const std::optional<store::PatientRecord> stored,
        store::FindPatient(connection_, agreement_id_, patient));
    std::optional<absl::CivilDay> start;
    if (stored.has_value()) start = stored->start_date;
    starts_.emplace(patient, start);
    return start;
  }

 private:
  storage::Connection& connection_;
  std::string agreement_id_;
  absl::flat_hash_map<std::string, std::optional<absl::CivilDay>> starts_;
};

// Checks one row that names a patient: known, and not dated before its
// start.
absl::Status CheckPatientRow(PatientStarts& starts, const std::string& patient,
                             absl::CivilDay date, const std::string& path,
                             const std::string& agreement_id,
                             FieldViolations& violations) {
  MEA_ASSIGN_OR_RETURN(const std::optional<absl::CivilDay> start,
                       starts.StartOf(patient));
  if (!start.has_value()) {
    AddBatchViolation(violations, absl::StrCat(path, ".patient"),
                      absl::StrCat("names patient \"", patient,
                                   "\", who is neither in this batch nor "
                                   "stored for agreement ",
                                   agreement_id));
  } else if (date < *start) {
    AddBatchViolation(
        violations, absl::StrCat(path, ".date"),
        absl::StrCat(rules::FormatDate(date),
                     " is before the start_date of patient \"", patient, "\" (",
                     rules::FormatDate(*start), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckRowsAgainstPatients(storage::Connection& connection,
                                      const ValidBatch& batch,
                                      FieldViolations& violations) {
  PatientStarts starts(connection, batch);
  for (size_t i = 0; i < batch.dispensings.size(); ++i) {
    const store::DispensingRecord& row = batch.dispensings[i];
    if (!row.patient.has_value()) continue;
    if (violations.size() >= kMaxBatchViolations) break;
    MEA_RETURN_IF_ERROR(
        CheckPatientRow(starts, *row.patient, row.date,
                        absl::StrCat("batch.dispensings[", i, "]"),
                        batch.agreement_id, violations));
  }
  for (size_t i = 0; i < batch.assessments.size(); ++i) {
    const store::PatientAssessmentRecord& row = batch.assessments[i];
    MEA_RETURN_IF_ERROR(
        CheckPatientRow(starts, row.patient, row.assessment.date,
                        absl::StrCat("batch.assessments[", i, "]"),
                        batch.agreement_id, violations));
  }
  return absl::OkStatus();
}

absl::Status CheckPatientCorrection(storage::Connection& connection,
                                    const ValidBatch& batch, size_t i,
                                    FieldViolations& violations) {
  const store::PatientRecord& patient = batch.patients[i];
  const std::string path = absl::StrCat("batch.patients[", i, "]");
  if (batch.correction_reason.empty()) {
    AddBatchViolation(violations, absl::StrCat(path, ".id"),
                      absl::StrCat("patient \"", patient.id,
                                   "\" is already stored; a correction "
                                   "needs batch.correction_reason"));
  }
  MEA_ASSIGN_OR_RETURN(
      const std::optional<absl::CivilDay> earliest,
      store::EarliestPatientRecord(connection, batch.agreement_id, patient.id));
  if (earliest.has_value() && *earliest < patient.start_date) {
    AddBatchViolation(
        violations, absl::StrCat(path, ".start_date"),
        absl::StrCat("is after the patient's earliest stored dispensing or "
                     "assessment (",
                     rules::FormatDate(*earliest), ")"));
  }
  return absl::OkStatus();
}

absl::Status PlanPatients(storage::Connection& connection,
                          const ValidBatch& batch, BatchPlan& plan,
                          FieldViolations& violations) {
  for (size_t i = 0; i < batch.patients.size(); ++i) {
    MEA_ASSIGN_OR_RETURN(std::optional<store::PatientRecord> stored,
                         store::FindPatient(connection, batch.agreement_id,
                                            batch.patients[i].id));
    if (stored.has_value()) {
      MEA_RETURN_IF_ERROR(
          CheckPatientCorrection(connection, batch, i, violations));
    }
    plan.patient_corrections.push_back(std::move(stored));
  }
  return absl::OkStatus();
}

absl::Status PlanGroupOutcomes(storage::Connection& connection,
                               const ValidBatch& batch, BatchPlan& plan,
                               FieldViolations& violations) {
  for (size_t i = 0; i < batch.group_outcomes.size(); ++i) {
    const store::GroupOutcomeRecord& row = batch.group_outcomes[i];
    MEA_ASSIGN_OR_RETURN(std::optional<store::GroupOutcomeRecord> stored,
                         store::FindGroupOutcome(connection, batch.agreement_id,
                                                 row.measure, row.data_cut));
    if (stored.has_value() && batch.correction_reason.empty()) {
      AddBatchViolation(violations,
                        absl::StrCat("batch.group_outcomes[", i, "].data_cut"),
                        absl::StrCat("measure \"", row.measure, "\" on ",
                                     rules::FormatDate(row.data_cut),
                                     " is already stored; a correction needs "
                                     "batch.correction_reason"));
    }
    plan.outcome_corrections.push_back(std::move(stored));
  }
  return absl::OkStatus();
}

// Step 3: everything that depends on what is stored.
absl::StatusOr<BatchPlan> PlanBatch(storage::Connection& connection,
                                    const ValidBatch& batch) {
  BatchPlan plan;
  FieldViolations violations;
  MEA_RETURN_IF_ERROR(PlanPatients(connection, batch, plan, violations));
  MEA_RETURN_IF_ERROR(CheckRowsAgainstPatients(connection, batch, violations));
  MEA_RETURN_IF_ERROR(PlanGroupOutcomes(connection, batch, plan, violations));
  if (!violations.empty()) {
    return BatchRefused(batch.agreement_id, batch.batch_id, violations);
  }
  return plan;
}

store::BatchReceiptRecord NewReceipt(const ValidBatch& batch, int64_t sequence,
                                     std::string_view digest,
                                     std::string_view received_time) {
  int64_t assessments = static_cast<int64_t>(batch.assessments.size());
  for (const store::PatientRecord& patient : batch.patients) {
    assessments += static_cast<int64_t>(patient.assessments.size());
  }
  return {.agreement_id = batch.agreement_id,
          .batch_id = batch.batch_id,
          .sequence = sequence,
          .content_digest = std::string(digest),
          .received_time = std::string(received_time),
          .dispensings = static_cast<int64_t>(batch.dispensings.size()),
          .patients = static_cast<int64_t>(batch.patients.size()),
          .assessments = assessments,
          .group_outcomes = static_cast<int64_t>(batch.group_outcomes.size()),
          .correction_reason = batch.correction_reason};
}

// Step 4. Patients first: dispensings and assessments reference them.
absl::Status WriteRows(storage::Connection& connection, const ValidBatch& batch,
                       int64_t sequence, const BatchPlan& plan) {
  const std::string& agreement = batch.agreement_id;
  for (size_t i = 0; i < batch.patients.size(); ++i) {
    MEA_RETURN_IF_ERROR(store::WritePatient(connection, agreement, sequence,
                                            batch.patients[i],
                                            plan.patient_corrections[i]));
  }
  MEA_RETURN_IF_ERROR(store::InsertAssessments(connection, agreement, sequence,
                                               batch.assessments));
  MEA_RETURN_IF_ERROR(store::InsertDispensings(connection, agreement, sequence,
                                               batch.dispensings));
  for (size_t i = 0; i < batch.group_outcomes.size(); ++i) {
    MEA_RETURN_IF_ERROR(store::WriteGroupOutcome(
        connection, agreement, sequence, batch.group_outcomes[i],
        plan.outcome_corrections[i]));
  }
  return absl::OkStatus();
}

// Step 2: nullopt for a new batch id.
absl::StatusOr<std::optional<store::BatchReceiptRecord>> CheckResend(
    storage::Connection& connection, const v1::ResultsBatch& sent) {
  MEA_ASSIGN_OR_RETURN(
      std::optional<store::BatchReceiptRecord> earlier,
      store::FindBatch(connection, sent.agreement_id(), sent.batch_id()));
  if (earlier.has_value() && !IsDigestOf(earlier->content_digest, sent)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "batch \"", sent.batch_id(), "\" of agreement ", sent.agreement_id(),
        " was received before (sequence ", earlier->sequence,
        ") with other content; choose a new batch_id for new results"));
  }
  return earlier;
}

}  // namespace

absl::StatusOr<v1::BatchReceipt> ApplyBatch(storage::Connection& connection,
                                            const v1::ResultsBatch& sent,
                                            const ValidBatch& batch,
                                            std::string_view content_digest,
                                            std::string_view received_time) {
  MEA_RETURN_IF_ERROR(
      store::LoadAgreement(connection, batch.agreement_id).status());
  MEA_ASSIGN_OR_RETURN(const std::optional<store::BatchReceiptRecord> resent,
                       CheckResend(connection, sent));
  if (resent.has_value()) return ReceiptToProto(*resent, /*duplicate=*/true);
  MEA_ASSIGN_OR_RETURN(const BatchPlan plan, PlanBatch(connection, batch));
  MEA_ASSIGN_OR_RETURN(
      const int64_t sequence,
      store::NextNumber(connection, store::Numbering::kBatchSequence,
                        batch.agreement_id));
  const store::BatchReceiptRecord receipt =
      NewReceipt(batch, sequence, content_digest, received_time);
  MEA_RETURN_IF_ERROR(store::InsertBatch(connection, receipt));
  MEA_RETURN_IF_ERROR(WriteRows(connection, batch, sequence, plan));
  return ReceiptToProto(receipt, /*duplicate=*/false);
}

}  // namespace mea::services::agreements
