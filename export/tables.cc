#include "export/tables.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace mea::exports {
namespace {

Cell IdOrEmpty(std::int64_t id) {
  return id == 0 ? Cell::Empty() : Cell::Integer(id);
}

Cell TextOrEmpty(const std::string& text) {
  return text.empty() ? Cell::Empty() : Cell::Text(text);
}

// A figure the server withheld for the caller's role is absent from the
// settlement (confidential fields are `optional`). Its cell says so in
// words, never 0 and never blank: an empty cell would read as "nothing"
// and a 0 as a real figure, and a text cell is left out of a
// spreadsheet's sums either way.
Cell Withheld() { return Cell::Text(kWithheldCell); }

Cell UnitsCell(const v1::Settlement& s) {
  return s.has_units() ? Cell::Integer(s.units()) : Withheld();
}

Cell MoneyCell(bool present, const std::string& amount) {
  return present ? Cell::MoneyText(amount) : Withheld();
}

std::string ExplanationText(bool present, const std::string& text) {
  return present ? text : kWithheldCell;
}

std::vector<Cell> DueRow(const v1::DueItem& item) {
  return {Cell::DateText(item.due_date()),
          Cell::Integer(item.days_until_due()),
          Cell::Text(item.overdue() ? "ja (yes)" : "nei (no)"),
          Cell::Text(v1::DueItem::Kind_Name(item.kind())),
          Cell::Text(item.method_id()),
          TextOrEmpty(item.method_title()),
          TextOrEmpty(item.therapeutic_area()),
          TextOrEmpty(item.responsible_organisation()),
          TextOrEmpty(item.description()),
          IdOrEmpty(item.decision_id()),
          IdOrEmpty(item.data_obligation_id()),
          TextOrEmpty(item.agreement_id()),
          IdOrEmpty(item.settlement_number())};
}

// The columns every settlement row repeats, then the figure's own.
class SettlementRows {
 public:
  explicit SettlementRows(const v1::StoredSettlement& stored)
      : stored_(stored) {}

  void Add(const std::string& item, Cell index, Cell clause, Cell units,
           Cell amount, const std::string& explanation) {
    const v1::Settlement& s = stored_.settlement();
    rows_.push_back({Cell::Text(s.agreement_id()), IdOrEmpty(stored_.number()),
                     Cell::DateText(s.period().start()),
                     Cell::DateText(s.period().end()),
                     Cell::DateText(s.as_of()), Cell::Text(item),
                     std::move(index), std::move(clause), std::move(units),
                     std::move(amount), TextOrEmpty(explanation)});
  }
  std::vector<std::vector<Cell>> Take() { return std::move(rows_); }

 private:
  const v1::StoredSettlement& stored_;
  std::vector<std::vector<Cell>> rows_;
};

std::string OutcomesText(const v1::PatientOutcomes& outcomes) {
  return absl::StrCat("suksess (success) ", outcomes.success(),
                      ", svikt (failure) ", outcomes.failure(),
                      ", venter (pending) ", outcomes.pending(),
                      ", mangler (missing) ", outcomes.missing());
}

std::string TriggerText(const v1::Trigger& trigger) {
  return absl::StrCat(
      trigger.measure(), ": observert (observed) ",
      trigger.observed().empty() ? "ingen (none)" : trigger.observed(),
      ", terskel (threshold) ", trigger.threshold());
}

}  // namespace

Table DueItemsTable(const std::vector<v1::DueItem>& items) {
  Table table;
  table.sheet = "Frister (due items)";
  table.header = {"forfall (due date)",
                  "dager (days until due)",
                  "forfalt (overdue)",
                  "type (kind)",
                  "metode (method)",
                  "tittel (title)",
                  "terapiområde (therapeutic area)",
                  "ansvarlig (responsible)",
                  "beskrivelse (description)",
                  "beslutning (decision)",
                  "dataansvar (data obligation)",
                  "avtale (agreement)",
                  "oppgjør nr. (settlement)"};
  for (const v1::DueItem& item : items) table.rows.push_back(DueRow(item));
  return table;
}

Table SettlementTable(const v1::StoredSettlement& stored) {
  const v1::Settlement& s = stored.settlement();
  Table table;
  table.sheet = "Oppgjør (settlement)";
  table.header = {"avtale (agreement)",
                  "oppgjør nr. (settlement)",
                  "periode fra (period start)",
                  "periode til (period end)",
                  "per (as of)",
                  "post (item)",
                  "nr. (index)",
                  "klausul (clause)",
                  "enheter (units)",
                  "beløp (amount, NOK)",
                  "forklaring (explanation)"};
  SettlementRows rows(stored);
  rows.Add("brutto (gross cost)", Cell::Empty(), Cell::Empty(), UnitsCell(s),
           MoneyCell(s.has_gross_cost(), s.gross_cost()),
           "enheter × enhetspris (units × unit price)");
  for (const v1::SettlementLine& line : s.lines()) {
    rows.Add("linje (line)", Cell::Integer(line.index()),
             Cell::Text(line.clause()), Cell::Empty(),
             MoneyCell(line.has_amount(), line.amount()),
             ExplanationText(line.has_explanation(), line.explanation()));
  }
  rows.Add("sum refusjon (total refund)", Cell::Empty(), Cell::Empty(),
           Cell::Empty(), MoneyCell(s.has_total_refund(), s.total_refund()),
           "sum av linjene (sum of the lines)");
  rows.Add("netto (net cost)", Cell::Empty(), Cell::Empty(), Cell::Empty(),
           MoneyCell(s.has_net_cost(), s.net_cost()),
           "brutto − refusjon (gross cost − total refund)");
  if (s.has_patient_outcomes()) {
    rows.Add("pasientutfall (patient outcomes)", Cell::Empty(), Cell::Empty(),
             Cell::Empty(), Cell::Empty(), OutcomesText(s.patient_outcomes()));
  }
  for (const v1::Trigger& trigger : s.triggers()) {
    rows.Add("utløser (trigger)", Cell::Integer(trigger.clause_index()),
             Cell::Text(trigger.kind()), Cell::Empty(), Cell::Empty(),
             TriggerText(trigger));
  }
  if (stored.number() != 0) {  // stored, so computed from a stored input
    rows.Add("grunnlag (input digest)", Cell::Empty(), Cell::Empty(),
             Cell::Empty(), Cell::Empty(),
             absl::StrCat("SHA-256 ", stored.input_digest(), ", opprettet ",
                          "(created) ", stored.create_time()));
  }
  table.rows = rows.Take();
  return table;
}

}  // namespace mea::exports
