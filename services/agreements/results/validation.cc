#include "services/agreements/results/validation.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"
#include "services/agreements/mapping.h"
#include "services/agreements/validation.h"
#include "services/rpc/fields.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

bool Full(const FieldViolations& violations) {
  return violations.size() >= kMaxBatchViolations;
}

// Lists what one of the shared field checks found, while there is room.
void List(const FieldViolations& found, FieldViolations& violations) {
  for (const FieldViolations::Violation& violation : found.violations()) {
    AddBatchViolation(violations, violation.field, violation.description);
  }
}

void CheckBatchKey(const std::string& key, const std::string& path,
                   Presence presence, FieldViolations& violations) {
  FieldViolations found;
  CheckKey(key, path, presence, found);
  List(found, violations);
}

// Whether CheckKey accepts `key`; asked first, so that the path of a row
// is built only when the row is invalid (a batch may hold 100 000).
bool IsValidKey(const std::string& key, Presence presence) {
  FieldViolations found;
  CheckKey(key, "", presence, found);
  return found.empty();
}

std::optional<absl::CivilDay> CheckBatchDate(const std::string& text,
                                             const std::string& path,
                                             Presence presence,
                                             FieldViolations& violations) {
  FieldViolations found;
  std::optional<absl::CivilDay> day = CheckDate(text, path, presence, found);
  List(found, violations);
  return day;
}

// A date of the patient's record that may not come before its start.
std::optional<absl::CivilDay> CheckNotBeforeStart(
    const std::string& text, const std::string& path,
    std::optional<absl::CivilDay> start, Presence presence,
    FieldViolations& violations) {
  std::optional<absl::CivilDay> day =
      CheckBatchDate(text, path, presence, violations);
  if (day.has_value() && start.has_value() && *day < *start) {
    AddBatchViolation(
        violations, path,
        absl::StrCat(text, " is before the patient's start_date (",
                     rules::FormatDate(*start), ")"));
  }
  return day;
}

rules::Outcome CheckOutcome(const std::string& outcome, const std::string& path,
                            FieldViolations& violations) {
  std::optional<rules::Outcome> known = OutcomeFromText(outcome);
  if (!known.has_value()) {
    AddBatchViolation(violations, path,
                      absl::StrCat("must be RESPONSE, STABLE, PROGRESSION or "
                                   "NOT_EVALUABLE, got \"",
                                   outcome, "\""));
  }
  return known.value_or(rules::Outcome::kNotEvaluable);
}

void CheckDispensings(const v1::ResultsBatch& batch, ValidBatch& out,
                      FieldViolations& violations) {
  out.dispensings.reserve(batch.dispensings_size());
  for (int i = 0; i < batch.dispensings_size() && !Full(violations); ++i) {
    const v1::Dispensing& row = batch.dispensings(i);
    absl::StatusOr<absl::CivilDay> date = rules::ParseDate(row.date());
    if (date.ok() && row.units() >= 1 &&
        IsValidKey(row.patient(), Presence::kOptional)) {
      std::optional<std::string> patient;
      if (!row.patient().empty()) patient = row.patient();
      out.dispensings.push_back({*date, row.units(), std::move(patient)});
      continue;
    }
    const std::string path = absl::StrCat("batch.dispensings[", i, "]");
    CheckBatchDate(row.date(), path + ".date", Presence::kRequired, violations);
    if (row.units() < 1) {
      AddBatchViolation(violations, path + ".units",
                        absl::StrCat("must be at least 1, got ", row.units()));
    }
    CheckBatchKey(row.patient(), path + ".patient", Presence::kOptional,
                  violations);
  }
}

store::PatientRecord CheckPatient(const v1::PatientRecord& patient,
                                  const std::string& path,
                                  FieldViolations& violations) {
  store::PatientRecord out;
  out.id = patient.id();
  CheckBatchKey(patient.id(), path + ".id", Presence::kRequired, violations);
  std::optional<absl::CivilDay> start =
      CheckBatchDate(patient.start_date(), path + ".start_date",
                     Presence::kRequired, violations);
  out.start_date = start.value_or(absl::CivilDay());
  out.stop_date = CheckNotBeforeStart(patient.stop_date(), path + ".stop_date",
                                      start, Presence::kOptional, violations);
  out.death_date =
      CheckNotBeforeStart(patient.death_date(), path + ".death_date", start,
                          Presence::kOptional, violations);
  for (int j = 0; j < patient.assessments_size(); ++j) {
    const v1::Assessment& assessment = patient.assessments(j);
    const std::string at = absl::StrCat(path, ".assessments[", j, "]");
    std::optional<absl::CivilDay> date =
        CheckNotBeforeStart(assessment.date(), at + ".date", start,
                            Presence::kRequired, violations);
    out.assessments.push_back(
        {date.value_or(absl::CivilDay()),
         CheckOutcome(assessment.outcome(), at + ".outcome", violations)});
  }
  return out;
}

void CheckPatients(const v1::ResultsBatch& batch, ValidBatch& out,
                   FieldViolations& violations) {
  absl::flat_hash_map<std::string_view, int> first_with_id;
  for (int i = 0; i < batch.patients_size() && !Full(violations); ++i) {
    const v1::PatientRecord& patient = batch.patients(i);
    const std::string path = absl::StrCat("batch.patients[", i, "]");
    out.patients.push_back(CheckPatient(patient, path, violations));
    auto [first, added] = first_with_id.try_emplace(patient.id(), i);
    if (!added && !patient.id().empty()) {
      AddBatchViolation(violations, path + ".id",
                        absl::StrCat("repeats batch.patients[", first->second,
                                     "] (\"", patient.id(), "\")"));
    }
  }
}

void CheckAssessments(const v1::ResultsBatch& batch, ValidBatch& out,
                      FieldViolations& violations) {
  for (int i = 0; i < batch.assessments_size() && !Full(violations); ++i) {
    const v1::PatientAssessment& row = batch.assessments(i);
    const std::string path = absl::StrCat("batch.assessments[", i, "]");
    CheckBatchKey(row.patient(), path + ".patient", Presence::kRequired,
                  violations);
    std::optional<absl::CivilDay> date = CheckBatchDate(
        row.date(), path + ".date", Presence::kRequired, violations);
    out.assessments.push_back(
        {row.patient(),
         {date.value_or(absl::CivilDay()),
          CheckOutcome(row.outcome(), path + ".outcome", violations)}});
  }
}

store::GroupOutcomeRecord CheckGroupOutcome(const v1::GroupOutcome& row,
                                            const std::string& path,
                                            FieldViolations& violations) {
  store::GroupOutcomeRecord out;
  out.measure = row.measure();
  out.n = row.n();
  CheckBatchKey(row.measure(), path + ".measure", Presence::kRequired,
                violations);
  if (row.value().empty()) {
    AddBatchViolation(violations, path + ".value", "is required");
  } else if (absl::StatusOr<rules::Decimal> value =
                 rules::Decimal::Parse(row.value());
             value.ok()) {
    out.value = *std::move(value);
  } else {
    AddBatchViolation(violations, path + ".value",
                      std::string(value.status().message()));
  }
  if (row.n() < 0) {
    AddBatchViolation(violations, path + ".n",
                      absl::StrCat("must be at least 0, got ", row.n()));
  }
  out.data_cut = CheckBatchDate(row.data_cut(), path + ".data_cut",
                                Presence::kRequired, violations)
                     .value_or(absl::CivilDay());
  return out;
}

void CheckGroupOutcomes(const v1::ResultsBatch& batch, ValidBatch& out,
                        FieldViolations& violations) {
  absl::flat_hash_map<std::pair<std::string_view, std::string_view>, int> first;
  for (int i = 0; i < batch.group_outcomes_size() && !Full(violations); ++i) {
    const v1::GroupOutcome& row = batch.group_outcomes(i);
    const std::string path = absl::StrCat("batch.group_outcomes[", i, "]");
    out.group_outcomes.push_back(CheckGroupOutcome(row, path, violations));
    auto [earlier, added] =
        first.try_emplace(std::pair<std::string_view, std::string_view>(
                              row.measure(), row.data_cut()),
                          i);
    if (!added) {
      AddBatchViolation(violations, path + ".data_cut",
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
  CheckKey(batch.batch_id(), "batch.batch_id", Presence::kRequired, violations);
  CheckText(batch.correction_reason(), "batch.correction_reason",
            Presence::kOptional, violations);
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

absl::StatusOr<ValidBatch> ValidateBatch(const v1::ResultsBatch& batch) {
  FieldViolations violations;
  ValidBatch out{.agreement_id = batch.agreement_id(),
                 .batch_id = batch.batch_id(),
                 .correction_reason = batch.correction_reason()};
  // In the order of the message's fields.
  CheckHeader(batch, violations);
  if (CheckSize(batch, violations)) {
    CheckDispensings(batch, out, violations);
    CheckPatients(batch, out, violations);
    CheckAssessments(batch, out, violations);
    CheckGroupOutcomes(batch, out, violations);
  }
  if (!violations.empty()) {
    return BatchRefused(batch.agreement_id(), batch.batch_id(), violations);
  }
  return out;
}

absl::Status BatchRefused(std::string_view agreement_id,
                          std::string_view batch_id,
                          const FieldViolations& violations) {
  absl::Status detailed = violations.ToStatus();
  absl::Status refused = absl::InvalidArgumentError(absl::StrCat(
      "batch \"", std::string(batch_id), "\" of agreement ",
      std::string(agreement_id), " refused, nothing of it was stored (",
      violations.size(),
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

}  // namespace mea::services::agreements
