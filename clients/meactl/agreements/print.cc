#include "clients/meactl/agreements/print.h"

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace mea::meactl {
namespace {

// A figure the server withheld for the caller's role is absent from the
// answer (confidential fields are `optional`); it is shown as withheld,
// never as 0 or blank, which would read as a real figure.
constexpr char kWithheld[] = "skjermet (withheld)";

std::string Figure(bool present, const std::string& value) {
  return present ? value : kWithheld;
}

std::string Figure(bool present, std::int64_t value) {
  return present ? absl::StrCat(value) : kWithheld;
}

std::string StateName(v1::Agreement::State state) {
  return v1::Agreement::State_Name(state);
}

std::string ClauseJson(const v1::Clause& clause) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(clause, &json, options)
           .ok()) {
    return "?";
  }
  return json;
}

void PrintLines(const Context& context, const v1::Settlement& settlement) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::SettlementLine& line : settlement.lines()) {
    rows.push_back({absl::StrCat(line.index()), line.clause(),
                    Figure(line.has_amount(), line.amount()),
                    Figure(line.has_explanation(), line.explanation())});
  }
  PrintTable(
      context,
      {"#", "klausul (clause)", "beløp (amount)", "forklaring (explanation)"},
      rows);
}

void PrintTriggers(const Context& context, const v1::Settlement& settlement) {
  std::ostream& out = *context.out;
  if (settlement.triggers().empty()) {
    out << "utløsere (triggers)          ingen (none)\n";
    return;
  }
  out << "utløsere (triggers)\n";
  for (const v1::Trigger& trigger : settlement.triggers()) {
    out << "  klausul (clause) " << trigger.clause_index() << "  "
        << trigger.kind() << "  " << trigger.measure() << ": observert "
        << "(observed) "
        << (trigger.observed().empty() ? "-" : trigger.observed())
        << ", terskel (threshold) " << trigger.threshold() << "\n";
  }
}

}  // namespace

void PrintAgreement(const Context& context, const v1::Agreement& agreement) {
  std::ostream& out = *context.out;
  out << "avtale (agreement)     " << agreement.id() << "\n"
      << "tittel (title)         " << agreement.title() << "\n"
      << "metode (method)        " << agreement.method_id() << "\n"
      << "beslutning (decision)  "
      << (agreement.decision_id() == 0 ? std::string("-")
                                       : absl::StrCat(agreement.decision_id()))
      << "\n"
      << "leverandør (supplier)  " << agreement.supplier() << "\n"
      << "status (state)         " << StateName(agreement.state()) << "\n"
      << "gyldig (valid)         " << agreement.valid_from() << " – "
      << agreement.valid_to() << "\n"
      << "form (public summary)  " << agreement.summary().description() << "\n"
      << "enhetspris (unit price, konfidensiell) "
      << Figure(agreement.has_unit_price(), agreement.unit_price()) << "\n"
      << "klausuler (clauses, konfidensielle):\n";
  for (int i = 0; i < agreement.clauses_size(); ++i) {
    out << "  [" << i << "] " << ClauseJson(agreement.clauses(i)) << "\n";
  }
  if (!agreement.has_unit_price()) {
    out << "  (tallene i klausulene er " << kWithheld
        << " for din rolle; the clauses' figures are withheld for your "
           "role)\n";
  }
}

void PrintAgreementList(const Context& context,
                        const std::vector<v1::Agreement>& agreements) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::Agreement& agreement : agreements) {
    rows.push_back({agreement.id(), agreement.method_id(), agreement.supplier(),
                    StateName(agreement.state()), agreement.valid_from(),
                    agreement.valid_to(),
                    absl::StrJoin(agreement.summary().clause_types(), ",")});
  }
  PrintTable(
      context,
      {"avtale (agreement)", "metode (method)", "leverandør (supplier)",
       "status (state)", "fra (from)", "til (to)", "klausuler (clauses)"},
      rows);
}

void PrintSettlement(const Context& context, const v1::Settlement& settlement) {
  std::ostream& out = *context.out;
  out << "oppgjør (settlement)         " << settlement.agreement_id() << "\n"
      << "periode (period)             " << settlement.period().start() << " – "
      << settlement.period().end() << "\n"
      << "per (as of)                  " << settlement.as_of() << "\n\n";
  PrintLines(context, settlement);
  out << "\nenheter (units)              "
      << Figure(settlement.has_units(), settlement.units()) << "\n"
      << "brutto (gross cost)          "
      << Figure(settlement.has_gross_cost(), settlement.gross_cost()) << "\n"
      << "refusjon (total refund)      "
      << Figure(settlement.has_total_refund(), settlement.total_refund())
      << "\n"
      << "netto (net cost)             "
      << Figure(settlement.has_net_cost(), settlement.net_cost()) << "\n";
  if (settlement.has_patient_outcomes()) {
    const v1::PatientOutcomes& o = settlement.patient_outcomes();
    out << "pasientutfall (patients)     success " << o.success()
        << ", failure " << o.failure() << ", pending " << o.pending()
        << ", missing " << o.missing() << "\n";
  }
  PrintTriggers(context, settlement);
}

void PrintStoredSettlement(const Context& context,
                           const v1::StoredSettlement& stored) {
  *context.out << "oppgjør nr. (number)         " << stored.number() << "\n"
               << "opprettet (created)          " << stored.create_time()
               << "\n"
               << "grunnlag (input digest)      " << stored.input_digest()
               << "\n";
  PrintSettlement(context, stored.settlement());
}

void PrintSettlementList(const Context& context,
                         const std::vector<v1::StoredSettlement>& list) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::StoredSettlement& stored : list) {
    const v1::Settlement& s = stored.settlement();
    rows.push_back({absl::StrCat(stored.number()),
                    absl::StrCat(s.period().start(), " – ", s.period().end()),
                    s.as_of(), Figure(s.has_gross_cost(), s.gross_cost()),
                    Figure(s.has_total_refund(), s.total_refund()),
                    Figure(s.has_net_cost(), s.net_cost()),
                    absl::StrCat(s.triggers_size()), stored.create_time()});
  }
  PrintTable(context,
             {"nr.", "periode (period)", "per (as of)", "brutto (gross)",
              "refusjon (refund)", "netto (net)", "utløsere (triggers)",
              "opprettet (created)"},
             rows);
}

void PrintReceipts(const Context& context,
                   const v1::UploadResultsResponse& response) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::BatchReceipt& receipt : response.receipts()) {
    rows.push_back({receipt.batch_id(), absl::StrCat(receipt.sequence()),
                    absl::StrCat(receipt.dispensings()),
                    absl::StrCat(receipt.patients()),
                    absl::StrCat(receipt.assessments()),
                    absl::StrCat(receipt.group_outcomes()),
                    receipt.duplicate() ? "ja (yes)" : "nei (no)",
                    receipt.received_time()});
  }
  PrintTable(
      context,
      {"batch", "sekvens (sequence)", "dispensings", "patients", "assessments",
       "group_outcomes", "duplikat (duplicate)", "mottatt (received)"},
      rows);
}

void PrintComparison(const Context& context,
                     const v1::CompareDraftsResponse& comparison) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::LineDifference& line : comparison.lines()) {
    rows.push_back({absl::StrCat(line.index()), line.first_clause(),
                    Figure(line.has_first_amount(), line.first_amount()),
                    line.second_clause(),
                    Figure(line.has_second_amount(), line.second_amount()),
                    Figure(line.has_difference(), line.difference())});
  }
  const v1::Settlement& first = comparison.first();
  const v1::Settlement& second = comparison.second();
  rows.push_back({"", "sum refusjon (total refund)",
                  Figure(first.has_total_refund(), first.total_refund()), "",
                  Figure(second.has_total_refund(), second.total_refund()),
                  Figure(comparison.has_total_refund_difference(),
                         comparison.total_refund_difference())});
  rows.push_back({"", "netto (net cost)",
                  Figure(first.has_net_cost(), first.net_cost()), "",
                  Figure(second.has_net_cost(), second.net_cost()),
                  Figure(comparison.has_net_cost_difference(),
                         comparison.net_cost_difference())});
  *context.out << "periode (period) " << first.period().start() << " – "
               << first.period().end() << ", per (as of) " << first.as_of()
               << ", enheter (units) "
               << Figure(first.has_units(), first.units())
               << ", brutto (gross cost) "
               << Figure(first.has_gross_cost(), first.gross_cost()) << "\n\n";
  PrintTable(context,
             {"#", "første (first)", "beløp (amount)", "andre (second)",
              "beløp (amount)", "forskjell (second − first)"},
             rows);
}

}  // namespace mea::meactl
