#include "storage/agreements/results.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "storage/core/rows.h"

namespace mea::storage {
namespace {


// NULL for "", the wire form of an absent date.
void BindDateOrNull(Statement& statement, int index, std::string_view date) {
  if (date.empty()) {
    statement.BindNull(index);
  } else {
    statement.Bind(index, date);
  }
}

std::string DescribePatient(const StoredPatient& patient) {
  return absl::StrCat("start_date ", patient.start_date, ", stop_date ",
                      patient.stop_date.empty() ? "-" : patient.stop_date,
                      ", death_date ",
                      patient.death_date.empty() ? "-" : patient.death_date);
}

absl::Status LogCorrection(Connection& connection,
                           std::string_view agreement_id, int64_t sequence,
                           std::string_view kind, std::string_view subject,
                           std::string_view previous) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_corrections (agreement_id, batch_sequence, kind, "
      "subject, previous) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!statement.ok()) return statement.status();
  return (*statement)
      ->Bind(1, agreement_id)
      .Bind(2, sequence)
      .Bind(3, kind)
      .Bind(4, subject)
      .Bind(5, previous)
      .Run();
}

absl::Status InsertAssessment(Connection& connection,
                              std::string_view agreement_id, int64_t sequence,
                              std::string_view patient, std::string_view date,
                              std::string_view outcome) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_assessments (agreement_id, patient, date, outcome, "
      "batch_sequence) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!statement.ok()) return statement.status();
  return (*statement)
      ->Bind(1, agreement_id)
      .Bind(2, patient)
      .Bind(3, date)
      .Bind(4, outcome)
      .Bind(5, sequence)
      .Run();
}

absl::Status LoadDispensings(Connection& connection,
                             std::string_view agreement_id,
                             v1::Results& results) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT date, units, patient FROM result_dispensings "
      "WHERE agreement_id = ?1 ORDER BY rowid");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id);
  return ForEachRow(**statement, [&](const Statement& row) {
    v1::Dispensing* dispensing = results.add_dispensings();
    dispensing->set_date(row.ColumnText(0));
    dispensing->set_units(row.ColumnInt64(1));
    dispensing->set_patient(row.ColumnText(2));
    return absl::OkStatus();
  });
}

absl::Status LoadPatients(Connection& connection, std::string_view agreement_id,
                          v1::Results& results) {
  absl::StatusOr<Statement*> patients = connection.Prepare(
      "SELECT id, start_date, stop_date, death_date FROM result_patients "
      "WHERE agreement_id = ?1 ORDER BY rowid");
  if (!patients.ok()) return patients.status();
  (*patients)->Bind(1, agreement_id);
  absl::flat_hash_map<std::string, v1::PatientRecord*> by_id;
  absl::Status loaded = ForEachRow(**patients, [&](const Statement& row) {
    v1::PatientRecord* patient = results.add_patients();
    patient->set_id(row.ColumnText(0));
    patient->set_start_date(row.ColumnText(1));
    patient->set_stop_date(row.ColumnText(2));
    patient->set_death_date(row.ColumnText(3));
    by_id[patient->id()] = patient;
    return absl::OkStatus();
  });
  if (!loaded.ok()) return loaded;
  absl::StatusOr<Statement*> assessments = connection.Prepare(
      "SELECT patient, date, outcome FROM result_assessments "
      "WHERE agreement_id = ?1 ORDER BY rowid");
  if (!assessments.ok()) return assessments.status();
  (*assessments)->Bind(1, agreement_id);
  return ForEachRow(**assessments, [&](const Statement& row) {
    auto patient = by_id.find(row.ColumnText(0));
    if (patient == by_id.end()) {
      return absl::DataLossError("an assessment names no stored patient");
    }
    v1::Assessment* assessment = patient->second->add_assessments();
    assessment->set_date(row.ColumnText(1));
    assessment->set_outcome(row.ColumnText(2));
    return absl::OkStatus();
  });
}

absl::Status LoadGroupOutcomes(Connection& connection,
                               std::string_view agreement_id,
                               v1::Results& results) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT measure, value, n, data_cut FROM result_group_outcomes "
      "WHERE agreement_id = ?1 ORDER BY rowid");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id);
  return ForEachRow(**statement, [&](const Statement& row) {
    v1::GroupOutcome* outcome = results.add_group_outcomes();
    outcome->set_measure(row.ColumnText(0));
    outcome->set_value(row.ColumnText(1));
    outcome->set_n(row.ColumnInt64(2));
    outcome->set_data_cut(row.ColumnText(3));
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<std::optional<v1::BatchReceipt>> FindBatch(
    Connection& connection, std::string_view agreement_id,
    std::string_view batch_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT sequence, content_digest, received_time, dispensings, "
      "patients, assessments, group_outcomes FROM result_batches "
      "WHERE agreement_id = ?1 AND batch_id = ?2");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, batch_id);
  std::optional<v1::BatchReceipt> receipt;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        receipt.emplace();
        receipt->set_agreement_id(std::string(agreement_id));
        receipt->set_batch_id(std::string(batch_id));
        receipt->set_sequence(row.ColumnInt64(0));
        receipt->set_content_digest(row.ColumnText(1));
        receipt->set_received_time(row.ColumnText(2));
        receipt->set_dispensings(static_cast<int32_t>(row.ColumnInt64(3)));
        receipt->set_patients(static_cast<int32_t>(row.ColumnInt64(4)));
        receipt->set_assessments(static_cast<int32_t>(row.ColumnInt64(5)));
        receipt->set_group_outcomes(static_cast<int32_t>(row.ColumnInt64(6)));
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return receipt;
}

absl::StatusOr<int64_t> NextBatchSequence(Connection& connection,
                                          std::string_view agreement_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT COALESCE(MAX(sequence), 0) + 1 FROM result_batches "
      "WHERE agreement_id = ?1");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id);
  int64_t next = 1;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        next = row.ColumnInt64(0);
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return next;
}

absl::Status InsertBatch(Connection& connection,
                         const v1::BatchReceipt& receipt,
                         std::string_view correction_reason) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_batches (agreement_id, sequence, batch_id, "
      "content_digest, received_time, dispensings, patients, assessments, "
      "group_outcomes, correction_reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!statement.ok()) return statement.status();
  return (*statement)
      ->Bind(1, receipt.agreement_id())
      .Bind(2, receipt.sequence())
      .Bind(3, receipt.batch_id())
      .Bind(4, receipt.content_digest())
      .Bind(5, receipt.received_time())
      .Bind(6, int64_t{receipt.dispensings()})
      .Bind(7, int64_t{receipt.patients()})
      .Bind(8, int64_t{receipt.assessments()})
      .Bind(9, int64_t{receipt.group_outcomes()})
      .Bind(10, correction_reason)
      .Run();
}

absl::StatusOr<std::optional<StoredPatient>> FindPatient(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT start_date, stop_date, death_date FROM result_patients "
      "WHERE agreement_id = ?1 AND id = ?2");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, patient_id);
  std::optional<StoredPatient> patient;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        patient = StoredPatient{row.ColumnText(0), row.ColumnText(1),
                                row.ColumnText(2)};
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return patient;
}

absl::StatusOr<std::optional<std::string>> EarliestPatientRecord(
    Connection& connection, std::string_view agreement_id,
    std::string_view patient_id) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT MIN(date) FROM ("
      "SELECT date FROM result_dispensings WHERE agreement_id = ?1 AND "
      "patient = ?2 UNION ALL "
      "SELECT date FROM result_assessments WHERE agreement_id = ?1 AND "
      "patient = ?2)");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, patient_id);
  std::optional<std::string> earliest;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        earliest = OptionalText(row, 0);
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return earliest;
}

absl::StatusOr<std::optional<v1::GroupOutcome>> FindGroupOutcome(
    Connection& connection, std::string_view agreement_id,
    std::string_view measure, std::string_view data_cut) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "SELECT value, n FROM result_group_outcomes "
      "WHERE agreement_id = ?1 AND measure = ?2 AND data_cut = ?3");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, measure).Bind(3, data_cut);
  std::optional<v1::GroupOutcome> outcome;
  absl::StatusOr<bool> found =
      ReadOneRow(**statement, [&](const Statement& row) {
        outcome.emplace();
        outcome->set_measure(std::string(measure));
        outcome->set_data_cut(std::string(data_cut));
        outcome->set_value(row.ColumnText(0));
        outcome->set_n(row.ColumnInt64(1));
        return absl::OkStatus();
      });
  if (!found.ok()) return found.status();
  return outcome;
}

absl::Status WritePatient(Connection& connection, std::string_view agreement_id,
                          int64_t sequence, const v1::PatientRecord& patient,
                          const std::optional<StoredPatient>& previous) {
  // The upsert keeps the row (and its rowid, hence its position in the
  // evaluation input) when a correction replaces the record.
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_patients (agreement_id, id, start_date, stop_date, "
      "death_date, batch_sequence) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (agreement_id, id) DO UPDATE SET "
      "start_date = excluded.start_date, stop_date = excluded.stop_date, "
      "death_date = excluded.death_date, "
      "batch_sequence = excluded.batch_sequence");
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, agreement_id).Bind(2, patient.id());
  (*statement)->Bind(3, patient.start_date()).Bind(6, sequence);
  BindDateOrNull(**statement, 4, patient.stop_date());
  BindDateOrNull(**statement, 5, patient.death_date());
  if (absl::Status written = (*statement)->Run(); !written.ok()) {
    return written;
  }
  if (previous.has_value()) {
    absl::Status logged =
        LogCorrection(connection, agreement_id, sequence, "patient",
                      patient.id(), DescribePatient(*previous));
    if (!logged.ok()) return logged;
  }
  for (const v1::Assessment& assessment : patient.assessments()) {
    absl::Status inserted =
        InsertAssessment(connection, agreement_id, sequence, patient.id(),
                         assessment.date(), assessment.outcome());
    if (!inserted.ok()) return inserted;
  }
  return absl::OkStatus();
}

absl::Status InsertAssessments(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const google::protobuf::RepeatedPtrField<v1::PatientAssessment>& rows) {
  for (const v1::PatientAssessment& row : rows) {
    absl::Status inserted =
        InsertAssessment(connection, agreement_id, sequence, row.patient(),
                         row.date(), row.outcome());
    if (!inserted.ok()) return inserted;
  }
  return absl::OkStatus();
}

absl::Status InsertDispensings(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const google::protobuf::RepeatedPtrField<v1::Dispensing>& rows) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_dispensings (agreement_id, batch_sequence, date, "
      "units, patient) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!statement.ok()) return statement.status();
  for (const v1::Dispensing& row : rows) {
    (*statement)->Reset();
    (*statement)
        ->Bind(1, agreement_id)
        .Bind(2, sequence)
        .Bind(3, row.date())
        .Bind(4, row.units());
    if (row.patient().empty()) {
      (*statement)->BindNull(5);
    } else {
      (*statement)->Bind(5, row.patient());
    }
    if (absl::Status inserted = (*statement)->Run(); !inserted.ok()) {
      return inserted;
    }
  }
  return absl::OkStatus();
}

absl::Status WriteGroupOutcome(
    Connection& connection, std::string_view agreement_id, int64_t sequence,
    const v1::GroupOutcome& outcome,
    const std::optional<v1::GroupOutcome>& previous) {
  absl::StatusOr<Statement*> statement = connection.Prepare(
      "INSERT INTO result_group_outcomes (agreement_id, measure, data_cut, "
      "value, n, batch_sequence) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (agreement_id, measure, data_cut) DO UPDATE SET "
      "value = excluded.value, n = excluded.n, "
      "batch_sequence = excluded.batch_sequence");
  if (!statement.ok()) return statement.status();
  absl::Status written = (*statement)
                             ->Bind(1, agreement_id)
                             .Bind(2, outcome.measure())
                             .Bind(3, outcome.data_cut())
                             .Bind(4, outcome.value())
                             .Bind(5, outcome.n())
                             .Bind(6, sequence)
                             .Run();
  if (!written.ok() || !previous.has_value()) return written;
  return LogCorrection(
      connection, agreement_id, sequence, "group_outcome",
      absl::StrCat(outcome.measure(), " @ ", outcome.data_cut()),
      absl::StrCat("value ", previous->value(), ", n ", previous->n()));
}

absl::StatusOr<v1::Results> LoadResults(Connection& connection,
                                        std::string_view agreement_id) {
  v1::Results results;
  if (absl::Status loaded = LoadDispensings(connection, agreement_id, results);
      !loaded.ok()) {
    return loaded;
  }
  if (absl::Status loaded = LoadPatients(connection, agreement_id, results);
      !loaded.ok()) {
    return loaded;
  }
  if (absl::Status loaded =
          LoadGroupOutcomes(connection, agreement_id, results);
      !loaded.ok()) {
    return loaded;
  }
  return results;
}

}  // namespace mea::storage
