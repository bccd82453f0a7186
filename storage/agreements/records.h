// Typed values of the agreements area as storage reads and writes them:
// agreements, results and settlements. The service validates a request into
// these records and maps them back to proto messages
// (services/agreements/mapping.h); storage neither parses nor formats the
// wire's text. Money is integer øre, dates absl::CivilDay, outcome values
// rules::Decimal (exactly as delivered: "0.60" stays "0.60").
//
// The clauses are the one opaque part: `clauses_json` is the JSON of
// mea.v1.AgreementTerms holding only `clauses`, stored and read back byte
// for byte. That text is the database format (migration 2), and it keeps
// every figure exactly as procurement wrote it ("12.50", a cap of
// "20000000.00", a refund percent left out rather than defaulted), which
// typed rules::Clause values cannot: they hold the parsed numbers with the
// defaults applied. So the JSON is read and written where the proto lives,
// in services/agreements/mapping.h, and the rules see the parsed clauses.
#ifndef MEA_STORAGE_AGREEMENTS_RECORDS_H_
#define MEA_STORAGE_AGREEMENTS_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "rules/decimal.h"
#include "rules/evaluation.h"
#include "rules/settle.h"

namespace mea::storage::agreements {

// DRAFT -> ACTIVE -> EXPIRED | TERMINATED, and DRAFT -> TERMINATED.
enum class AgreementState { kDraft, kActive, kExpired, kTerminated };

struct AgreementRecord {
  std::string id;
  std::string method_id;
  // 0 = none.
  int64_t decision_id = 0;
  std::string supplier;
  AgreementState state = AgreementState::kDraft;
  absl::CivilDay valid_from;
  absl::CivilDay valid_to;
  std::string title;
  // > 0.
  int64_t unit_price_ore = 0;
  // Opaque here; see the top of this file.
  std::string clauses_json;
  // RFC 3339.
  std::string create_time;
  std::string update_time;
};

// The receipt of one accepted results batch.
struct BatchReceiptRecord {
  std::string agreement_id;
  std::string batch_id;
  // 1, 2, ... per agreement, in the order received.
  int64_t sequence = 0;
  // SHA-256 hex of the batch content.
  std::string content_digest;
  // RFC 3339.
  std::string received_time;
  // Rows of the batch (a patient's nested assessments count as
  // assessments).
  int64_t dispensings = 0;
  int64_t patients = 0;
  int64_t assessments = 0;
  int64_t group_outcomes = 0;
  // Empty unless the batch corrects stored results.
  std::string correction_reason;
};

struct DispensingRecord {
  absl::CivilDay date;
  // >= 1.
  int64_t units = 0;
  // Absent for aggregate volume data.
  std::optional<std::string> patient;
};

struct AssessmentRecord {
  absl::CivilDay date;
  rules::Outcome outcome = rules::Outcome::kNotEvaluable;
};

// An assessment delivered on its own, naming its patient.
struct PatientAssessmentRecord {
  std::string patient;
  AssessmentRecord assessment;
};

struct PatientRecord {
  std::string id;
  absl::CivilDay start_date;
  std::optional<absl::CivilDay> stop_date;
  std::optional<absl::CivilDay> death_date;
  // Written: the assessments delivered with the record. Read (LoadResults):
  // every stored assessment of the patient, nested or not, in the order
  // received.
  std::vector<AssessmentRecord> assessments;
};

struct GroupOutcomeRecord {
  std::string measure;
  absl::CivilDay data_cut;
  rules::Decimal value;
  // >= 0.
  int64_t n = 0;
};

// Every stored result of one agreement, in the order received (a corrected
// patient keeps its first position), so that the same stored data always
// gives the same evaluation input.
struct ResultsRecord {
  std::vector<DispensingRecord> dispensings;
  std::vector<PatientRecord> patients;
  std::vector<GroupOutcomeRecord> group_outcomes;
};

// An immutable settlement (oppgjør): the figures exactly as rules::Settle
// computed them.
struct SettlementRecord {
  std::string agreement_id;
  // 1, 2, ... per agreement.
  int64_t number = 0;
  // SHA-256 hex of the evaluation input.
  std::string input_digest;
  // RFC 3339.
  std::string create_time;
  rules::Settlement settlement;
  // Not stored with the record: the agreement's supplier, read with it so
  // that the answer names the organisation that owns the figures.
  std::string supplier;
};

}  // namespace mea::storage::agreements

#endif  // MEA_STORAGE_AGREEMENTS_RECORDS_H_
