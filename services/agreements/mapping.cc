#include "services/agreements/mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "evaluation/mapping.h"
#include "google/protobuf/util/json_util.h"
#include "rules/civil_date.h"
#include "rules/money.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

using v1::Agreement;

constexpr std::pair<store::AgreementState, Agreement::State> kStates[] = {
    {store::AgreementState::kDraft, Agreement::DRAFT},
    {store::AgreementState::kActive, Agreement::ACTIVE},
    {store::AgreementState::kExpired, Agreement::EXPIRED},
    {store::AgreementState::kTerminated, Agreement::TERMINATED},
};

constexpr std::pair<rules::Outcome, std::string_view> kOutcomes[] = {
    {rules::Outcome::kResponse, "RESPONSE"},
    {rules::Outcome::kStable, "STABLE"},
    {rules::Outcome::kProgression, "PROGRESSION"},
    {rules::Outcome::kNotEvaluable, "NOT_EVALUABLE"},
};

absl::StatusOr<std::string> ClausesToJson(const Agreement& agreement) {
  v1::AgreementTerms terms;
  *terms.mutable_clauses() = agreement.clauses();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  if (auto printed =
          google::protobuf::util::MessageToJsonString(terms, &json, options);
      !printed.ok()) {
    return absl::InternalError(absl::StrCat(
        "clauses of agreement ", agreement.id(), ": ", printed.ToString()));
  }
  return json;
}

absl::Status ClausesFromJson(const store::AgreementRecord& stored,
                             Agreement& out) {
  v1::AgreementTerms terms;
  if (auto parsed = google::protobuf::util::JsonStringToMessage(
          stored.clauses_json, &terms);
      !parsed.ok()) {
    return absl::InternalError(
        absl::StrCat("agreements.clauses_json of agreement ", stored.id,
                     " is not the JSON of clauses: ", parsed.ToString()));
  }
  *out.mutable_clauses() = std::move(*terms.mutable_clauses());
  return absl::OkStatus();
}

// A value that should have been validated at the edge.
template <typename T>
absl::StatusOr<T> Validated(absl::StatusOr<T> parsed, const char* field) {
  if (parsed.ok()) return parsed;
  return absl::InternalError(absl::StrCat(
      "unvalidated ", field, " reached storage: ", parsed.status().message()));
}

}  // namespace

Agreement::State StateToProto(store::AgreementState state) {
  for (const auto& [record, proto] : kStates) {
    if (record == state) return proto;
  }
  return Agreement::STATE_UNSPECIFIED;
}

std::optional<store::AgreementState> StateFromProto(Agreement::State state) {
  for (const auto& [record, proto] : kStates) {
    if (proto == state) return record;
  }
  return std::nullopt;
}

std::string_view OutcomeText(rules::Outcome outcome) {
  for (const auto& [value, text] : kOutcomes) {
    if (value == outcome) return text;
  }
  return "";
}

std::optional<rules::Outcome> OutcomeFromText(std::string_view text) {
  for (const auto& [value, name] : kOutcomes) {
    if (name == text) return value;
  }
  return std::nullopt;
}

absl::StatusOr<store::AgreementRecord> AgreementToRecord(
    const Agreement& agreement) {
  store::AgreementRecord record;
  record.id = agreement.id();
  record.method_id = agreement.method_id();
  record.decision_id = agreement.decision_id();
  record.supplier = agreement.supplier();
  std::optional<store::AgreementState> state =
      StateFromProto(agreement.state());
  if (!state.has_value()) {
    return absl::InternalError("unvalidated agreement state reached storage");
  }
  record.state = *state;
  MEA_ASSIGN_OR_RETURN(
      record.valid_from,
      Validated(rules::ParseDate(agreement.valid_from()), "valid_from"));
  MEA_ASSIGN_OR_RETURN(
      record.valid_to,
      Validated(rules::ParseDate(agreement.valid_to()), "valid_to"));
  record.title = agreement.title();
  MEA_ASSIGN_OR_RETURN(
      record.unit_price_ore,
      Validated(rules::ParseMoney(agreement.unit_price()), "unit price"));
  MEA_ASSIGN_OR_RETURN(record.clauses_json, ClausesToJson(agreement));
  record.create_time = agreement.create_time();
  record.update_time = agreement.update_time();
  return record;
}

absl::StatusOr<Agreement> AgreementToProto(
    const store::AgreementRecord& stored) {
  Agreement agreement;
  agreement.set_id(stored.id);
  agreement.set_method_id(stored.method_id);
  agreement.set_decision_id(stored.decision_id);
  agreement.set_supplier(stored.supplier);
  agreement.set_state(StateToProto(stored.state));
  agreement.set_valid_from(rules::FormatDate(stored.valid_from));
  agreement.set_valid_to(rules::FormatDate(stored.valid_to));
  agreement.set_title(stored.title);
  agreement.set_unit_price(rules::FormatMoney(stored.unit_price_ore));
  MEA_RETURN_IF_ERROR(ClausesFromJson(stored, agreement));
  agreement.set_create_time(stored.create_time);
  agreement.set_update_time(stored.update_time);
  return agreement;
}

v1::Results ResultsToProto(const store::ResultsRecord& results) {
  v1::Results out;
  out.mutable_dispensings()->Reserve(
      static_cast<int>(results.dispensings.size()));
  for (const store::DispensingRecord& row : results.dispensings) {
    v1::Dispensing* dispensing = out.add_dispensings();
    dispensing->set_date(rules::FormatDate(row.date));
    dispensing->set_units(row.units);
    dispensing->set_patient(row.patient.value_or(""));
  }
  for (const store::PatientRecord& row : results.patients) {
    v1::PatientRecord* patient = out.add_patients();
    patient->set_id(row.id);
    patient->set_start_date(rules::FormatDate(row.start_date));
    if (row.stop_date)
      patient->set_stop_date(rules::FormatDate(*row.stop_date));
    if (row.death_date) {
      patient->set_death_date(rules::FormatDate(*row.death_date));
    }
    for (const store::AssessmentRecord& assessment : row.assessments) {
      v1::Assessment* added = patient->add_assessments();
      added->set_date(rules::FormatDate(assessment.date));
      added->set_outcome(std::string(OutcomeText(assessment.outcome)));
    }
  }
  for (const store::GroupOutcomeRecord& row : results.group_outcomes) {
    v1::GroupOutcome* outcome = out.add_group_outcomes();
    outcome->set_measure(row.measure);
    outcome->set_value(row.value.text());
    outcome->set_n(row.n);
    outcome->set_data_cut(rules::FormatDate(row.data_cut));
  }
  return out;
}

v1::BatchReceipt ReceiptToProto(const store::BatchReceiptRecord& receipt,
                                bool duplicate) {
  v1::BatchReceipt out;
  out.set_agreement_id(receipt.agreement_id);
  out.set_batch_id(receipt.batch_id);
  out.set_sequence(receipt.sequence);
  out.set_content_digest(receipt.content_digest);
  out.set_received_time(receipt.received_time);
  out.set_dispensings(static_cast<int32_t>(receipt.dispensings));
  out.set_patients(static_cast<int32_t>(receipt.patients));
  out.set_assessments(static_cast<int32_t>(receipt.assessments));
  out.set_group_outcomes(static_cast<int32_t>(receipt.group_outcomes));
  out.set_duplicate(duplicate);
  return out;
}

v1::StoredSettlement StoredSettlementToProto(
    const store::SettlementRecord& record) {
  v1::StoredSettlement stored;
  stored.set_agreement_id(record.agreement_id);
  stored.set_number(record.number);
  stored.set_input_digest(record.input_digest);
  stored.set_create_time(record.create_time);
  stored.set_supplier(record.supplier);
  *stored.mutable_settlement() =
      evaluation::SettlementToProto(record.settlement);
  return stored;
}

}  // namespace mea::services::agreements
