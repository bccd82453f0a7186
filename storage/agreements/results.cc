#include "storage/agreements/results.h"

#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"

namespace mea::storage::agreements {
namespace {

// result_assessments.outcome, as migration 2's CHECK constraint lists them.
constexpr EnumText<rules::Outcome> kOutcomeTexts[] = {
    {rules::Outcome::kResponse, "RESPONSE"},
    {rules::Outcome::kStable, "STABLE"},
    {rules::Outcome::kProgression, "PROGRESSION"},
    {rules::Outcome::kNotEvaluable, "NOT_EVALUABLE"},
};

absl::StatusOr<rules::Outcome> OutcomeColumn(const Statement& row, int column) {
  return EnumColumn<rules::Outcome>(row, column, kOutcomeTexts,
                                    "result_assessments.outcome");
}

// result_group_outcomes.value: decimal text exactly as delivered.
absl::StatusOr<rules::Decimal> ValueColumn(const Statement& row, int column) {
  const std::string text = row.ColumnText(column);
  absl::StatusOr<rules::Decimal> value = rules::Decimal::Parse(text);
  if (!value.ok()) {
    return absl::InternalError(absl::StrCat(
        "bad value \"", text, "\" in result_group_outcomes.value"));
  }
  return value;
}

std::string DescribeDate(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? DateText(*day) : "-";
}

// The text result_corrections keeps of a replaced patient record.
std::string DescribePatient(const PatientRecord& patient) {
  return absl::StrCat("start_date ", DateText(patient.start_date),
                      ", stop_date ", DescribeDate(patient.stop_date),
                      ", death_date ", DescribeDate(patient.death_date));
}

absl::Status LogCorrection(Connection& connection,
                           std::string_view agreement_id, int64_t sequence,
                           std::string_view kind, std::string_view subject,
                           std::string_view previous) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO result_corrections (agreement_id, batch_sequence, kind, subject,
    previous)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  return insert->Bind(1, agreement_id)
      .Bind(2, sequence)
      .Bind(3, kind)
      .Bind(4, subject)
      .Bind(5, previous)
      .Run();
}

absl::Status InsertAssessment(Connection& connection,
                              std::string_view agreement_id, int64_t sequence,
                              std::string_view patient,
                              const AssessmentRecord& assessment) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO result_assessments (agreement_id, patient, date, outcome,
    batch_sequence)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  return insert->Bind(1, agreement_id)
      .Bind(2, patient)
      .Bind(3, DateText(assessment.date))
      .Bind(4, std::string(
                   TextOf<rules::Outcome>(kOutcomeTexts, assessment.outcome)))
      .Bind(5, sequence)
      .Run();
}

absl::Status LoadDispensings(Connection& connection,
                             std::string_view agreement_id,
                             ResultsRecord& results) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT date, units, patient FROM result_dispensings
WHERE agreement_id = ?1 ORDER BY rowid
)sql"));
  select->Bind(1, agreement_id);
  return ForEachRow(*select, [&](const Statement& row) -> absl::Status {
    DispensingRecord& dispensing = results.dispensings.emplace_back();
    MEA_ASSIGN_OR_RETURN(dispensing.date, DateColumn(row, 0));
    dispensing.units = row.ColumnInt64(1);
    dispensing.patient = OptionalText(row, 2);
    return absl::OkStatus();
  });
}

absl::StatusOr<PatientRecord> ReadPatient(const Statement& row) {
  PatientRecord patient;
  patient.id = row.ColumnText(0);
  MEA_ASSIGN_OR_RETURN(patient.start_date, DateColumn(row, 1));
  MEA_ASSIGN_OR_RETURN(patient.stop_date, OptionalDateColumn(row, 2));
  MEA_ASSIGN_OR_RETURN(patient.death_date, OptionalDateColumn(row, 3));
  return patient;
}

absl::Status LoadPatients(Connection& connection, std::string_view agreement_id,
                          ResultsRecord& results) {
  MEA_ASSIGN_OR_RETURN(Statement * patients, connection.Prepare(R"sql(
SELECT id, start_date, stop_date, death_date FROM result_patients
WHERE agreement_id = ?1 ORDER BY rowid
)sql"));
  patients->Bind(1, agreement_id);
  absl::flat_hash_map<std::string, size_t> index_of;
  MEA_RETURN_IF_ERROR(ForEachRow(*patients, [&](const Statement& row) {
    MEA_ASSIGN_OR_RETURN(PatientRecord patient, ReadPatient(row));
    index_of[patient.id] = results.patients.size();
    results.patients.push_back(std::move(patient));
    return absl::OkStatus();
  }));
  MEA_ASSIGN_OR_RETURN(Statement * assessments, connection.Prepare(R"sql(
SELECT patient, date, outcome FROM result_assessments
WHERE agreement_id = ?1 ORDER BY rowid
)sql"));
  assessments->Bind(1, agreement_id);
  return ForEachRow(*assessments, [&](const Statement& row) -> absl::Status {
    auto patient = index_of.find(row.ColumnText(0));
    if (patient == index_of.end()) {
      return absl::InternalError(
          "a row of result_assessments names no stored patient");
    }
    AssessmentRecord assessment;
    MEA_ASSIGN_OR_RETURN(assessment.date, DateColumn(row, 1));
    MEA_ASSIGN_OR_RETURN(assessment.outcome, OutcomeColumn(row, 2));
    results.patients[patient->second].assessments.push_back(assessment);
    return absl::OkStatus();
  });
}

absl::Status LoadGroupOutcomes(Connection& connection,
                               std::string_view agreement_id,
                               ResultsRecord& results) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT measure, value, n, data_cut FROM result_group_outcomes
WHERE agreement_id = ?1 ORDER BY rowid
)sql"));
  select->Bind(1, agreement_id);
  return ForEachRow(*select, [&](const Statement& row) -> absl::Status {
    GroupOutcomeRecord outcome;
    outcome.measure = row.ColumnText(0);
    MEA_ASSIGN_OR_RETURN(outcome.value, ValueColumn(row, 1));
    outcome.n = row.ColumnInt64(2);
    MEA_ASSIGN_OR_RETURN(outcome.data_cut, DateColumn(row, 3));
    results.group_outcomes.push_back(std::move(outcome));
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<std::optional<BatchReceiptRecord>> FindBatch(
    Connection& connection, std::string_view agreement_id,
    std::string_view batch_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT sequence, content_digest, received_time, dispensings, patients,
       assessments, group_outcomes, correction_reason
FROM result_batches WHERE agreement_id = ?1 AND batch_id = ?2
)sql"));
  select->Bind(1, agreement_id).Bind(2, batch_id);
  std::optional<BatchReceiptRecord> receipt;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        receipt = BatchReceiptRecord{
                            .agreement_id = std::string(agreement_id),
                            .batch_id = std::string(batch_id),
                            .sequence = row.ColumnInt64(0),
                            .content_digest = row.ColumnText(1),
                            .received_time = row.ColumnText(2),
                            .dispensings = row.ColumnInt64(3),
                            .patients = row.ColumnInt64(4),
                            .assessments = row.ColumnInt64(5),
                            .group_outcomes = row.ColumnInt64(6),
                            .correction_reason = row.ColumnText(7)};
                        return absl::OkStatus();
                      }).status());
  return receipt;
}

absl::Status InsertBatch(Connection& connection,
                         const BatchReceiptRecord& receipt) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO result_batches (agreement_id, sequence, batch_id, content_digest,
    received_time, dispensings, patients, assessments, group_outcomes,
    correction_reason)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
)sql"));
  return insert->Bind(1, receipt.agreement_id)
      .Bind(2, receipt.sequence)
      .Bind(3, receipt.batch_id)
      .Bind(4, receipt.content_digest)
      .Bind(5, receipt.received_time)
      .Bind(6, receipt.dispensings)
      .Bind(7, receipt.patients)
      .Bind(8, receipt.assessments)
      .Bind(9, receipt.group_outcomes)
      .Bind(10, receipt.correction_reason)
      .Run();
}

absl::StatusOr<std::optional<PatientRecord>> FindPatient(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT id, start_date, stop_date, death_date FROM result_patients
WHERE agreement_id = ?1 AND id = ?2
)sql"));
  select->Bind(1, agreement_id).Bind(2, patient_id);
  std::optional<PatientRecord> patient;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        MEA_ASSIGN_OR_RETURN(patient, ReadPatient(row));
                        return absl::OkStatus();
                      }).status());
  return patient;
}

absl::StatusOr<std::optional<absl::CivilDay>> EarliestPatientRecord(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT MIN(date) FROM (
  SELECT date FROM result_dispensings WHERE agreement_id = ?1 AND patient = ?2
  UNION ALL
  SELECT date FROM result_assessments WHERE agreement_id = ?1 AND patient = ?2)
)sql"));
  select->Bind(1, agreement_id).Bind(2, patient_id);
  std::optional<absl::CivilDay> earliest;
  MEA_RETURN_IF_ERROR(ReadOneRow(*select, [&](const Statement& row) {
                        MEA_ASSIGN_OR_RETURN(earliest,
                                             OptionalDateColumn(row, 0));
                        return absl::OkStatus();
                      }).status());
  return earliest;
}

absl::StatusOr<std::optional<GroupOutcomeRecord>> FindGroupOutcome(
    Connection& connection, std::string_view agreement_id,
    std::string_view measure, absl::CivilDay data_cut) {
  MEA_ASSIGN_OR_RETURN(Statement * select, connection.Prepare(R"sql(
SELECT value, n FROM result_group_outcomes
WHERE agreement_id = ?1 AND measure = ?2 AND data_cut = ?3
)sql"));
  select->Bind(1, agreement_id).Bind(2, measure).Bind(3, DateText(data_cut));
  std::optional<GroupOutcomeRecord> outcome;
  MEA_RETURN_IF_ERROR(
      ReadOneRow(*select, [&](const Statement& row) {
        MEA_ASSIGN_OR_RETURN(rules::Decimal value, ValueColumn(row, 0));
        outcome = GroupOutcomeRecord{.measure = std::string(measure),
                                     .data_cut = data_cut,
                                     .value = std::move(value),
                                     .n = row.ColumnInt64(1)};
        return absl::OkStatus();
      }).status());
  return outcome;
}

absl::Status WritePatient(Connection& connection, std::string_view agreement_id,
                          int64_t sequence, const PatientRecord& patient,
                          const std::optional<PatientRecord>& previous) {
  // The upsert keeps the row (and its rowid, hence its position in the
  // evaluation input) when a correction replaces the record.
  MEA_ASSIGN_OR_RETURN(Statement * upsert, connection.Prepare(R"sql(
INSERT INTO result_patients (agreement_id, id, start_date, stop_date,
    death_date, batch_sequence)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (agreement_id, id) DO UPDATE SET
  start_date = excluded.start_date, stop_date = excluded.stop_date,
  death_date = excluded.death_date, batch_sequence = excluded.batch_sequence
)sql"));
  upsert->Bind(1, agreement_id)
      .Bind(2, patient.id)
      .Bind(3, DateText(patient.start_date))
      .Bind(6, sequence);
  BindOptionalDate(*upsert, 4, patient.stop_date);
  BindOptionalDate(*upsert, 5, patient.death_date);
  MEA_RETURN_IF_ERROR(upsert->Run());
  if (previous.has_value()) {
    MEA_RETURN_IF_ERROR(LogCorrection(connection, agreement_id, sequence,
                                      "patient", patient.id,
                                      DescribePatient(*previous)));
  }
  for (const AssessmentRecord& assessment : patient.assessments) {
    MEA_RETURN_IF_ERROR(InsertAssessment(connection, agreement_id, sequence,
                                         patient.id, assessment));
  }
  return absl::OkStatus();
}

absl::Status InsertAssessments(Connection& connection,
                               std::string_view agreement_id, int64_t sequence,
                               absl::Span<const PatientAssessmentRecord> rows) {
  for (const PatientAssessmentRecord& row : rows) {
    MEA_RETURN_IF_ERROR(InsertAssessment(connection, agreement_id, sequence,
                                         row.patient, row.assessment));
  }
  return absl::OkStatus();
}

absl::Status InsertDispensings(Connection& connection,
                               std::string_view agreement_id, int64_t sequence,
                               absl::Span<const DispensingRecord> rows) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO result_dispensings (agreement_id, batch_sequence, date, units,
    patient)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  for (const DispensingRecord& row : rows) {
    insert->Reset();
    insert->Bind(1, agreement_id)
        .Bind(2, sequence)
        .Bind(3, DateText(row.date))
        .Bind(4, row.units);
    if (row.patient.has_value()) {
      insert->Bind(5, *row.patient);
    } else {
      insert->BindNull(5);
    }
    MEA_RETURN_IF_ERROR(insert->Run());
  }
  return absl::OkStatus();
}

absl::Status WriteGroupOutcome(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const GroupOutcomeRecord& outcome,
    const std::optional<GroupOutcomeRecord>& previous) {
  MEA_ASSIGN_OR_RETURN(Statement * upsert, connection.Prepare(R"sql(
INSERT INTO result_group_outcomes (agreement_id, measure, data_cut, value, n,
    batch_sequence)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (agreement_id, measure, data_cut) DO UPDATE SET
  value = excluded.value, n = excluded.n,
  batch_sequence = excluded.batch_sequence
)sql"));
  MEA_RETURN_IF_ERROR(upsert->Bind(1, agreement_id)
                          .Bind(2, outcome.measure)
                          .Bind(3, DateText(outcome.data_cut))
                          .Bind(4, outcome.value.text())
                          .Bind(5, outcome.n)
                          .Bind(6, sequence)
                          .Run());
  if (!previous.has_value()) return absl::OkStatus();
  return LogCorrection(
      connection, agreement_id, sequence, "group_outcome",
      absl::StrCat(outcome.measure, " @ ", DateText(outcome.data_cut)),
      absl::StrCat("value ", previous->value.text(), ", n ", previous->n));
}

absl::StatusOr<ResultsRecord> LoadResults(Connection& connection,
                                          std::string_view agreement_id) {
  ResultsRecord results;
  MEA_RETURN_IF_ERROR(LoadDispensings(connection, agreement_id, results));
  MEA_RETURN_IF_ERROR(LoadPatients(connection, agreement_id, results));
  MEA_RETURN_IF_ERROR(LoadGroupOutcomes(connection, agreement_id, results));
  return results;
}

}  // namespace mea::storage::agreements
