// Hostile cases of the AgreementService's results ingestion, settlements,
// simulation and comparison.
#include <functional>

#include "mea/v1/agreements.pb.h"
#include "tests/reliability/hostile_case_builders.h"
#include "tests/reliability/sample_requests.h"

namespace mea::testing::hostile {
namespace {

using B = v1::ResultsBatch;

std::vector<HostileCase> UploadCases(const HostileFixture& fixture) {
  auto batch = [&](const std::function<void(B&)>& change) {
    B batch = samples::PatientBatch(fixture.agreement_id, "hostile-batch",
                                    "P-hostile");
    change(batch);
    return std::vector<B>{batch};
  };
  auto make = [&](std::string name, const std::function<void(B&)>& change,
                  std::string path) {
    return Stream("UploadResults/" + name, batch(change), kInvalid,
                  "batch." + path);
  };
  auto empty = [](B& b) {
    b.clear_patients();
    b.clear_dispensings();
  };
  return {
      Stream("UploadResults/empty batch", batch(empty), kInvalid, "batch"),
      make(
          "agreement missing", [](B& b) { b.clear_agreement_id(); },
          "agreement_id"),
      make(
          "batch id missing", [](B& b) { b.clear_batch_id(); }, "batch_id"),
      make(
          "batch id 129 characters",
          [](B& b) { b.set_batch_id(Repeat("b", 129)); }, "batch_id"),
      make(
          "dispensing on 29 February 2025",
          [](B& b) { b.mutable_dispensings(0)->set_date("2025-02-29"); },
          "dispensings[0].date"),
      make(
          "dispensing date without zero padding",
          [](B& b) { b.mutable_dispensings(0)->set_date("2025-2-3"); },
          "dispensings[0].date"),
      make(
          "dispensing of 0 units",
          [](B& b) { b.mutable_dispensings(0)->set_units(0); },
          "dispensings[0].units"),
      make(
          "dispensing of negative units",
          [](B& b) { b.mutable_dispensings(0)->set_units(-5); },
          "dispensings[0].units"),
      make(
          "patient id 129 characters",
          [](B& b) {
            b.mutable_patients(0)->set_id(Repeat("p", 129));
            b.mutable_dispensings(0)->set_patient(Repeat("p", 129));
          },
          "patients[0].id"),
      make(
          "patient stops before starting",
          [](B& b) { b.mutable_patients(0)->set_stop_date("2025-01-01"); },
          "patients[0].stop_date"),
      make(
          "patient listed twice",
          [](B& b) { *b.add_patients() = b.patients(0); }, "patients[1].id"),
      make(
          "unknown assessment outcome",
          [](B& b) {
            b.mutable_patients(0)->mutable_assessments(0)->set_outcome("CURED");
          },
          "patients[0].assessments[0].outcome"),
      make(
          "added assessment without outcome",
          [](B& b) {
            v1::PatientAssessment* added = b.add_assessments();
            added->set_patient("P-hostile");
            added->set_date("2025-06-01");
          },
          "assessments[0].outcome"),
      make(
          "group outcome with 7 decimals",
          [](B& b) {
            v1::GroupOutcome* outcome = b.add_group_outcomes();
            outcome->set_measure("orr");
            outcome->set_value("0.1234567");
            outcome->set_n(10);
            outcome->set_data_cut("2025-06-30");
          },
          "group_outcomes[0].value"),
      make(
          "group outcome of -1 patients",
          [](B& b) {
            v1::GroupOutcome* outcome = b.add_group_outcomes();
            outcome->set_measure("orr");
            outcome->set_value("0.4");
            outcome->set_n(-1);
            outcome->set_data_cut("2025-06-30");
          },
          "group_outcomes[0].n"),
      make(
          "group outcome twice on one data cut",
          [](B& b) {
            v1::GroupOutcome* outcome = b.add_group_outcomes();
            outcome->set_measure("orr");
            outcome->set_value("0.4");
            outcome->set_n(10);
            outcome->set_data_cut("2025-06-30");
            *b.add_group_outcomes() = *outcome;
          },
          "group_outcomes[1].data_cut"),
      make(
          "dispensing of an unknown patient",
          [](B& b) { b.mutable_dispensings(0)->set_patient("P-nobody"); },
          "dispensings[0].patient"),
      make(
          "100 001 rows",
          [](B& b) {
            b.clear_patients();
            b.clear_dispensings();
            for (int i = 0; i < 100001; ++i) {
              v1::Dispensing* row = b.add_dispensings();
              row->set_date("2025-03-01");
              row->set_units(1);
            }
          },
          "dispensings"),
      Stream("UploadResults/unknown agreement with SQL batch id",
             batch([](B& b) {
               b.set_agreement_id("SI-2099-0003");
               b.set_batch_id("b'; DELETE FROM result_batches; --");
             }),
             kNotFound),
  };
}

std::vector<HostileCase> SettlementCases(const HostileFixture& fixture) {
  const std::string settle = kAgreements + "SettleAgreement";
  const std::string get = kAgreements + "GetSettlement";
  const std::string list = kAgreements + "ListSettlements";
  auto request =
      [&](const std::function<void(v1::SettleAgreementRequest&)>& set) {
        v1::SettleAgreementRequest r =
            samples::Settle2025(fixture.agreement_id);
        set(r);
        return r;
      };
  auto number = [&](const std::string& agreement, int64_t n) {
    v1::GetSettlementRequest r;
    r.set_agreement_id(agreement);
    r.set_number(n);
    return r;
  };
  auto listing =
      [&](const std::function<void(v1::ListSettlementsRequest&)>& set) {
        v1::ListSettlementsRequest r;
        r.set_agreement_id(fixture.agreement_id);
        set(r);
        return r;
      };
  using S = v1::SettleAgreementRequest;
  using L = v1::ListSettlementsRequest;
  return {
      Unary("SettleAgreement/agreement missing", settle,
            request([](S& r) { r.clear_agreement_id(); }), kInvalid,
            "agreement_id"),
      Unary("SettleAgreement/agreement SQL", settle,
            request([](S& r) { r.set_agreement_id(kSqlOr); }), kInvalid,
            "agreement_id"),
      Unary("SettleAgreement/unknown agreement", settle,
            request([](S& r) { r.set_agreement_id("SI-2099-0004"); }),
            kNotFound),
      Unary("SettleAgreement/period missing", settle,
            request([](S& r) { r.clear_period(); }), kInvalid, "period.start"),
      Unary("SettleAgreement/period from 32 January", settle,
            request([](S& r) { r.mutable_period()->set_start("2025-01-32"); }),
            kInvalid, "period.start"),
      Unary("SettleAgreement/period ends before it starts", settle,
            request([](S& r) { r.mutable_period()->set_end("2024-12-31"); }),
            kInvalid, "period.end"),
      Unary("SettleAgreement/as of 29 February 2026", settle,
            request([](S& r) { r.set_as_of("2026-02-29"); }), kInvalid,
            "as_of"),
      Unary("SettleAgreement/as of a timestamp", settle,
            request([](S& r) { r.set_as_of("2026-02-01T00:00:00Z"); }),
            kInvalid, "as_of"),
      Unary("GetSettlement/agreement missing", get, number("", 1), kInvalid,
            "agreement_id"),
      Unary("GetSettlement/number 0", get, number(fixture.agreement_id, 0),
            kInvalid, "number"),
      Unary("GetSettlement/negative number", get,
            number(fixture.agreement_id, -1), kInvalid, "number"),
      Unary("GetSettlement/unknown number", get,
            number(fixture.agreement_id, 999), kNotFound),
      Unary("ListSettlements/agreement missing", list,
            listing([](L& r) { r.clear_agreement_id(); }), kInvalid,
            "agreement_id"),
      Unary("ListSettlements/agreement id SQL", list,
            listing([](L& r) { r.set_agreement_id(kSql); }), kInvalid,
            "agreement_id"),
      Unary("ListSettlements/negative page size", list,
            listing([](L& r) { r.set_page_size(-1); }), kInvalid, "page_size"),
      Unary("ListSettlements/garbage page token", list,
            listing([](L& r) { r.set_page_token("@@@"); }), kInvalid,
            "page_token"),
  };
}

// A valid inline evaluation input: a flat discount on two dispensings.
v1::EvaluationInput InlineInput() {
  v1::EvaluationInput input;
  v1::AgreementTerms* terms = input.mutable_agreement();
  terms->set_id("SI-2025-0077");
  terms->set_method_id("ID2025_077");
  terms->set_unit_price("100.00");
  terms->add_clauses()->mutable_flat_discount()->set_percent("10");
  for (const char* date : {"2025-03-01", "2025-04-01"}) {
    v1::Dispensing* row = input.mutable_results()->add_dispensings();
    row->set_date(date);
    row->set_units(3);
  }
  input.mutable_period()->set_start("2025-01-01");
  input.mutable_period()->set_end("2025-12-31");
  input.set_as_of("2026-02-01");
  return input;
}

std::vector<HostileCase> SimulationCases(const HostileFixture& fixture) {
  const std::string simulate = kAgreements + "SimulateSettlement";
  const std::string compare = kAgreements + "CompareDrafts";
  auto inline_input = [](const std::function<void(v1::EvaluationInput&)>& set) {
    v1::SimulateSettlementRequest r;
    *r.mutable_input() = InlineInput();
    set(*r.mutable_input());
    return r;
  };
  auto stored = [&](const std::function<void(v1::StoredResultsDraft&)>& set) {
    v1::SimulateSettlementRequest r;
    v1::StoredResultsDraft* draft = r.mutable_stored();
    draft->set_agreement_id(fixture.agreement_id);
    draft->mutable_period()->set_start("2025-01-01");
    draft->mutable_period()->set_end("2025-12-31");
    set(*draft);
    return r;
  };
  auto drafts = [&](const std::function<void(v1::CompareDraftsRequest&)>& set) {
    v1::CompareDraftsRequest r;
    *r.mutable_results() = InlineInput().results();
    *r.mutable_period() = InlineInput().period();
    r.set_as_of("2026-02-01");
    *r.mutable_first() = InlineInput().agreement();
    *r.mutable_second() = InlineInput().agreement();
    r.mutable_second()
        ->mutable_clauses(0)
        ->mutable_flat_discount()
        ->set_percent("12.5");
    set(r);
    return r;
  };
  using E = v1::EvaluationInput;
  using C = v1::CompareDraftsRequest;
  return {
      Unary("SimulateSettlement/neither input nor stored", simulate,
            v1::SimulateSettlementRequest(), kInvalid, "source"),
      Unary("SimulateSettlement/period from 30 February", simulate,
            inline_input(
                [](E& e) { e.mutable_period()->set_start("2025-02-30"); }),
            kInvalid, "input.period.start"),
      Unary("SimulateSettlement/unit price with comma", simulate,
            inline_input(
                [](E& e) { e.mutable_agreement()->set_unit_price("1,00"); }),
            kInvalid, "input.agreement.unit_price"),
      Unary("SimulateSettlement/21 clauses", simulate, inline_input([](E& e) {
              for (int i = 0; i < 20; ++i) {
                *e.mutable_agreement()->add_clauses() =
                    e.agreement().clauses(0);
              }
            }),
            kInvalid, "input.agreement.clauses"),
      Unary("SimulateSettlement/dispensing of an unknown patient", simulate,
            inline_input([](E& e) {
              e.mutable_results()->mutable_dispensings(0)->set_patient("X");
            }),
            kInvalid, "input.results.dispensings[0].patient"),
      Unary("SimulateSettlement/cost past the limit", simulate,
            inline_input([](E& e) {
              e.mutable_results()->mutable_dispensings(0)->set_units(INT64_MAX);
            }),
            kInvalid, "input.results.dispensings"),
      Unary("SimulateSettlement/percent above 100", simulate,
            inline_input([](E& e) {
              e.mutable_agreement()
                  ->mutable_clauses(0)
                  ->mutable_flat_discount()
                  ->set_percent("250");
            }),
            kInvalid, "input.agreement.clauses[0].flat_discount.percent"),
      Unary("SimulateSettlement/stored draft of an unknown agreement", simulate,
            stored([](v1::StoredResultsDraft& d) {
              d.set_agreement_id("SI-2099-0005");
            }),
            kNotFound),
      Unary("SimulateSettlement/stored draft ends before it starts", simulate,
            stored([](v1::StoredResultsDraft& d) {
              d.mutable_period()->set_end("2024-01-01");
            }),
            kInvalid, "stored.period.end"),
      Unary("SimulateSettlement/stored draft with a bad percent", simulate,
            stored([](v1::StoredResultsDraft& d) {
              d.mutable_terms()
                  ->add_clauses()
                  ->mutable_flat_discount()
                  ->set_percent("x");
            }),
            kInvalid, "stored.terms.clauses[0].flat_discount.percent"),
      Unary("CompareDrafts/first draft without clauses", compare,
            drafts([](C& r) { r.mutable_first()->clear_clauses(); }), kInvalid,
            "first.clauses"),
      Unary("CompareDrafts/second draft unit price negative", compare,
            drafts([](C& r) { r.mutable_second()->set_unit_price("-1"); }),
            kInvalid, "second.unit_price"),
      Unary("CompareDrafts/period ends before it starts", compare,
            drafts([](C& r) { r.mutable_period()->set_end("2024-06-30"); }),
            kInvalid, "period.end"),
      Unary("CompareDrafts/as of 31 September", compare,
            drafts([](C& r) { r.set_as_of("2025-09-31"); }), kInvalid, "as_of"),
      Unary("CompareDrafts/inline dispensing on 0 March", compare,
            drafts([](C& r) {
              r.mutable_results()->mutable_dispensings(0)->set_date(
                  "2025-03-00");
            }),
            kInvalid, "results.dispensings[0].date"),
      Unary("CompareDrafts/stored results of an unknown agreement", compare,
            drafts([](C& r) {
              r.clear_results();
              r.set_agreement_id("SI-2099-0006");
            }),
            kNotFound),
  };
}

}  // namespace

std::vector<HostileCase> ResultsAndSettlementCases(
    const HostileFixture& fixture) {
  std::vector<HostileCase> cases;
  for (auto part : {UploadCases(fixture), SettlementCases(fixture),
                    SimulationCases(fixture)}) {
    for (HostileCase& c : part) cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace mea::testing::hostile
