#include "services/agreements/results/validation.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "services/agreements/validation.h"

namespace mea::services {
namespace {

constexpr size_t kMaxBatchIdLength = 128;
constexpr size_t kMaxKeyLength = 128;

bool Full(const FieldViolations& violations) {
  return violations.size() >= kMaxBatchViolations;
}

// Parses a required date; on failure records why under `path` + `name`.
std::optional<rules::DayNumber> RequiredDate(const std::string& text,
                                             const std::string& path,
                                             const char* name,
                                             FieldViolations& violations) {
  if (text.empty()) {
    AddBatchViolation(violations, absl::StrCat(path, name), "is required");
    return std::nullopt;
  }
  absl::StatusOr<rules::DayNumber> day = rules::ParseDayNumber(text);
  if (!day.ok()) {
    AddBatchViolation(violations, absl::StrCat(path, name),
                      std::string(day.status().message()));
    return std::nullopt;
  }
  return *day;
}

void CheckKey(const std::string& key, const std::string& field,
              FieldViolations& violations) {
  if (key.empty()) {
    AddBatchViolation(violations, field, "is required");
  } else if (key.size() > kMaxKeyLength) {
    AddBatchViolation(
        violations, field,
        absl::StrCat("must be at most ", kMaxKeyLength, " bytes"));
  }
}

void CheckOutcome(const std::string& outcome, const std::string& field,
                  FieldViolations& violations) {
  if (!IsKnownOutcome(outcome)) {
    AddBatchViolation(violations, field,
                      absl::StrCat("must be RESPONSE, STABLE, PROGRESSION or "
                                   "NOT_EVALUABLE, got \"",
                                   outcome, "\""));
  }
}

// A date of the patient's record that may not come before its start.
void CheckNotBeforeStart(const std::string& text, const char* name,
                         const std::string& path,
                         std::optional<rules::DayNumber> start, bool required,
                         FieldViolations& violations) {
  if (text.empty() && !required) return;
  std::optional<rules::DayNumber> day =
      RequiredDate(text, path, name, violations);
  if (day.has_value() && start.has_value() && *day < *start) {
    AddBatchViolation(violations, absl::StrCat(path, name),
                      absl::StrCat(text,
                                   " is before the patient's start_date"
                                   " (",
                                   rules::FormatDayNumber(*start), ")"));
  }
}

void CheckDispensings(const v1::ResultsBatch& batch,
                      FieldViolations& violations) {
  for (int i = 0; i < batch.dispensings_size() && !Full(violations); ++i) {
    const v1::Dispensing& row = batch.dispensings(i);
    // Paths are built only for invalid rows: a batch may hold 100 000.
    const bool date_ok =
        !row.date().empty() && rules::ParseDayNumber(row.date()).ok();
    if (date_ok && row.units() >= 1 && row.patient().size() <= kMaxKeyLength) {
      continue;
    }
    const std::string path = absl::StrCat("batch.dispensings[", i, "]");
    RequiredDate(row.date(), path, ".date", violations);
    if (row.units() < 1) {
      AddBatchViolation(violations, absl::StrCat(path, ".units"),
                        absl::StrCat("must be at least 1, got ", row.units()));
    }
    if (!row.patient().empty()) {
      CheckKey(row.patient(), absl::StrCat(path, ".patient"), violations);
    }
  }
}

void CheckPatient(const v1::PatientRecord& patient, const std::string& path,
                  FieldViolations& violations) {
  CheckKey(patient.id(), absl::StrCat(path, ".id"), violations);
  std::optional<rules::DayNumber> start =
      RequiredDate(patient.start_date(), path, ".start_date", violations);
  CheckNotBeforeStart(patient.stop_date(), ".stop_date", path, start, false,
                      violations);
  CheckNotBeforeStart(patient.death_date(), ".death_date", path, start, false,
                      violations);
  for (int j = 0; j < patient.assessments_size(); ++j) {
    const v1::Assessment& assessment = patient.assessments(j);
    const std::string at = absl::StrCat(path, ".assessments[", j, "]");
    CheckNotBeforeStart(assessment.date(), ".date", at, start, true,
                        violations);
    CheckOutcome(assessment.outcome(), absl::StrCat(at, ".outcome"),
                 violations);
  }
}

void CheckPatients(const v1::ResultsBatch& batch, FieldViolations& violations) {
  absl::flat_hash_map<std::string_view, int> first_with_id;
  for (int i = 0; i < batch.patients_size() && !Full(violations); ++i) {
    const v1::PatientRecord& patient = batch.patients(i);
    const std::string path = absl::StrCat("batch.patients[", i, "]");
    CheckPatient(patient, path, violations);
    auto [first, added] = first_with_id.try_emplace(patient.id(), i);
    if (!added && !patient.id().empty()) {
      AddBatchViolation(violations, absl::StrCat(path, ".id"),
                        absl::StrCat("repeats batch.patients[", first->second,
                                     "] (\"", patient.id(), "\")"));
    }
  }
}

void CheckAssessments(const v1::ResultsBatch& batch,
                      FieldViolations& violations) {
  for (int i = 0; i < batch.assessments_size() && !Full(violations); ++i) {
    const v1::PatientAssessment& row = batch.assessments(i);
    const std::string path = absl::StrCat("batch.assessments[", i, "]");
    CheckKey(row.patient(), absl::StrCat(path, ".patient"), violations);
    RequiredDate(row.date(), path, ".date", violations);
    CheckOutcome(row.outcome(), absl::StrCat(path, ".outcome"), violations);
  }
}

void CheckGroupOutcome(const v1::GroupOutcome& row, const std::string& path,
                       FieldViolations& violations) {
  CheckKey(row.measure(), absl::StrCat(path, ".measure"), violations);
  if (row.value().empty()) {
    AddBatchViolation(violations, absl::StrCat(path, ".value"), "is required");
  } else if (absl::StatusOr<rules::Decimal> value =
                 rules::Decimal::Parse(row.value());
             !value.ok()) {
    AddBatchViolation(violations, absl::StrCat(path, ".value"),
                      std::string(value.status().message()));
  }
  if (row.n() < 0) {
    AddBatchViolation(violations, absl::StrCat(path, ".n"),
                      absl::StrCat("must be at least 0, got ", row.n()));
  }
  RequiredDate(row.data_cut(), path, ".data_cut", violations);
}

void CheckGroupOutcomes(const v1::ResultsBatch& batch,
                        FieldViolations& violations) {
  absl::flat_hash_map<std::pair<std::string_view, std::string_view>, int> first;
  for (int i = 0; i < batch.group_outcomes_size() && !Full(violations); ++i) {
    const v1::GroupOutcome& row = batch.group_outcomes(i);
    const std::string path = absl::StrCat("batch.group_outcomes[", i, "]");
    CheckGroupOutcome(row, path, violations);
    auto [earlier, added] =
        first.try_emplace(std::pair<std::string_view, std::string_view>(
                              row.measure(), row.data_cut()),
                          i);
    if (!added) {
      AddBatchViolation(violations, absl::StrCat(path, ".data_cut"),
                        absl::StrCat("batch.group_outcomes[", earlier->second,
                                     "] already has measure \"", row.measure(),
                                     "\" on ", row.data_cut()));
    }
  }
}

// False (after recording why, at the largest list) when the batch holds
// more than kMaxBatchRows rows; its rows are then not checked one by one.
bool CheckSize(const v1::ResultsBatch& batch, FieldViolations& violations) {
  int64_t nested = 0;
  for (const v1::PatientRecord& patient : batch.patients()) {
    nested += patient.assessments_size();
  }
  const std::pair<const char*, int64_t> lists[] = {
      {"batch.dispensings", batch.dispensings_size()},
      {"batch.patients", batch.patients_size() + nested},
      {"batch.assessments", batch.assessments_size()},
      {"batch.group_outcomes", batch.group_outcomes_size()}};
  int64_t rows = 0;
  const std::pair<const char*, int64_t>* largest = &lists[0];
  for (const auto& list : lists) {
    rows += list.second;
    if (list.second > largest->second) largest = &list;
  }
  if (rows <= kMaxBatchRows) return true;
  violations.Add(
      largest->first,
      absl::StrCat("the batch holds ", rows, " rows; at most ", kMaxBatchRows,
                   " per batch: send the rest in further batches"));
  return false;
}

void CheckHeader(const v1::ResultsBatch& batch, FieldViolations& violations) {
  ValidateAgreementId(batch.agreement_id(), "batch.agreement_id", violations);
  if (batch.batch_id().empty()) {
    violations.Add("batch.batch_id", "is required");
  } else if (batch.batch_id().size() > kMaxBatchIdLength) {
    violations.Add("batch.batch_id", absl::StrCat("must be at most ",
                                                  kMaxBatchIdLength, " bytes"));
  }
  if (batch.dispensings().empty() && batch.patients().empty() &&
      batch.assessments().empty() && batch.group_outcomes().empty()) {
    violations.Add("batch", "holds no rows");
  }
}

}  // namespace

void AddBatchViolation(FieldViolations& violations, std::string_view field,
                       std::string_view description) {
  if (!Full(violations)) violations.Add(field, description);
}

bool IsKnownOutcome(std::string_view outcome) {
  return outcome == "RESPONSE" || outcome == "STABLE" ||
         outcome == "PROGRESSION" || outcome == "NOT_EVALUABLE";
}

void ValidateBatch(const v1::ResultsBatch& batch, FieldViolations& violations) {
  // In the order of the message's fields.
  CheckHeader(batch, violations);
  if (!CheckSize(batch, violations)) return;
  CheckDispensings(batch, violations);
  CheckPatients(batch, violations);
  CheckAssessments(batch, violations);
  CheckGroupOutcomes(batch, violations);
}

absl::Status BatchRefused(const v1::ResultsBatch& batch,
                          const FieldViolations& violations) {
  absl::Status detailed = violations.ToStatus();
  absl::Status refused = absl::InvalidArgumentError(absl::StrCat(
      "batch \"", batch.batch_id(), "\" of agreement ", batch.agreement_id(),
      " refused, nothing of it was stored (", violations.size(),
      violations.size() == 1 ? " invalid field" : " invalid fields",
      violations.size() >= kMaxBatchViolations ? ", listing stops there" : "",
      "); first ", violations.violations().front().field, ": ",
      violations.violations().front().description));
  detailed.ForEachPayload(
      [&](absl::string_view url, const absl::Cord& payload) {
        refused.SetPayload(url, payload);
      });
  return refused;
}

}  // namespace mea::services
