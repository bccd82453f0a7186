// Hostile cases of the AgreementService's agreements: ids, money, percents,
// dates, clause figures and the update mask.
#include <functional>

#include "absl/strings/str_cat.h"
#include "mea/v1/agreements.pb.h"
#include "tests/reliability/hostile_case_builders.h"
#include "tests/reliability/sample_requests.h"

namespace mea::testing::hostile {
namespace {

using A = v1::Agreement;

v1::CreateAgreementRequest NewAgreement(const HostileFixture& fixture,
                                        const std::function<void(A&)>& change) {
  v1::CreateAgreementRequest request;
  *request.mutable_agreement() =
      samples::Agreement("SI-2026-0900", fixture.method_id);
  change(*request.mutable_agreement());
  return request;
}

// The agreement's terms with one clause only.
void OnlyClause(A& agreement, const std::function<void(v1::Clause&)>& set) {
  agreement.clear_clauses();
  set(*agreement.add_clauses());
}

std::vector<HostileCase> IdentityCases(const HostileFixture& fixture) {
  const std::string rpc = kAgreements + "CreateAgreement";
  auto make = [&](std::string name, const std::function<void(A&)>& change,
                  std::string path) {
    return Unary("CreateAgreement/" + name, rpc, NewAgreement(fixture, change),
                 kInvalid, "agreement." + path);
  };
  return {
      Unary("CreateAgreement/empty request", rpc, v1::CreateAgreementRequest(),
            kInvalid, "agreement.id"),
      make(
          "id with a space", [](A& a) { a.set_id("SI 2025"); }, "id"),
      make(
          "id 65 characters", [](A& a) { a.set_id(Repeat("S", 65)); }, "id"),
      make(
          "id SQL", [](A& a) { a.set_id("SI'; DROP TABLE agreements;--"); },
          "id"),
      make(
          "method id wrong form", [](A& a) { a.set_method_id("ID2021"); },
          "method_id"),
      make(
          "supplier missing", [](A& a) { a.clear_supplier(); }, "supplier"),
      make(
          "supplier 10 000 characters",
          [](A& a) { a.set_supplier(Repeat("L", 10000)); }, "supplier"),
      make(
          "title 10 000 characters",
          [](A& a) { a.set_title(Repeat("T", 10000)); }, "title"),
      make(
          "unknown state", [](A& a) { a.set_state(static_cast<A::State>(42)); },
          "state"),
      make(
          "created EXPIRED", [](A& a) { a.set_state(A::EXPIRED); }, "state"),
      make(
          "valid from 29 February 2025",
          [](A& a) { a.set_valid_from("2025-02-29"); }, "valid_from"),
      make(
          "valid to before valid from",
          [](A& a) { a.set_valid_to("2024-12-31"); }, "valid_to"),
      make(
          "valid to missing", [](A& a) { a.clear_valid_to(); }, "valid_to"),
      make(
          "negative decision", [](A& a) { a.set_decision_id(-1); },
          "decision_id"),
      Unary("CreateAgreement/unknown method", rpc,
            NewAgreement(fixture, [](A& a) { a.set_method_id("ID2099_995"); }),
            kNotFound),
      Unary(
          "CreateAgreement/existing id", rpc,
          NewAgreement(fixture, [&](A& a) { a.set_id(fixture.agreement_id); }),
          kExists),
  };
}

std::vector<HostileCase> MoneyAndClauseCases(const HostileFixture& fixture) {
  const std::string rpc = kAgreements + "CreateAgreement";
  auto make = [&](std::string name, const std::function<void(A&)>& change,
                  std::string path) {
    return Unary("CreateAgreement/" + name, rpc, NewAgreement(fixture, change),
                 kInvalid, "agreement." + path);
  };
  auto price = [&](std::string name, std::string text) {
    return make(
        "unit price " + name, [text](A& a) { a.set_unit_price(text); },
        "unit_price");
  };
  auto flat = [&](std::string name, std::string percent) {
    return make(
        "flat discount " + name,
        [percent](A& a) {
          OnlyClause(a, [&](v1::Clause& c) {
            c.mutable_flat_discount()->set_percent(percent);
          });
        },
        "clauses[0].flat_discount.percent");
  };
  return {
      price("with a comma", "45210,50"),
      price("negative", "-5.00"),
      price("with exponent", "1e6"),
      price("above the maximum", "100000000000.01"),
      price("zero", "0.00"),
      price("three decimals", "12.345"),
      price("thousands separator", "45 210.50"),
      price("SQL", "1; DROP TABLE agreements"),
      price("missing", ""),
      flat("above 100", "100.01"),
      flat("three decimals", "12.555"),
      flat("negative", "-1"),
      flat("words", "ti prosent"),
      make(
          "no clauses", [](A& a) { a.clear_clauses(); }, "clauses"),
      make(
          "21 clauses",
          [](A& a) {
            for (int i = 0; i < 18; ++i) *a.add_clauses() = a.clauses(0);
          },
          "clauses"),
      make(
          "10 000 clauses",
          [](A& a) {
            for (int i = 0; i < 9997; ++i) *a.add_clauses() = a.clauses(0);
          },
          "clauses"),
      make(
          "clause without a type",
          [](A& a) { OnlyClause(a, [](v1::Clause&) {}); }, "clauses[0]"),
      make(
          "unknown price-volume basis",
          [](A& a) {
            a.mutable_clauses(1)->mutable_price_volume()->set_basis("SOME");
          },
          "clauses[1].price_volume.basis"),
      make(
          "tiers not increasing",
          [](A& a) {
            a.mutable_clauses(1)
                ->mutable_price_volume()
                ->mutable_tiers(1)
                ->set_above_units(0);
          },
          "clauses[1].price_volume.tiers[1].above_units"),
      make(
          "negative tier",
          [](A& a) {
            a.mutable_clauses(1)
                ->mutable_price_volume()
                ->mutable_tiers(0)
                ->set_above_units(-1);
          },
          "clauses[1].price_volume.tiers[0].above_units"),
      make(
          "no tiers",
          [](A& a) {
            a.mutable_clauses(1)->mutable_price_volume()->clear_tiers();
          },
          "clauses[1].price_volume.tiers"),
      make(
          "cap with three decimals",
          [](A& a) {
            a.mutable_clauses(2)->mutable_expenditure_cap()->set_cap("1.234");
          },
          "clauses[2].expenditure_cap.cap"),
      make(
          "two expenditure caps", [](A& a) { *a.add_clauses() = a.clauses(2); },
          "clauses[3].expenditure_cap"),
      make(
          "patient cap of 0 units",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_patient_unit_cap()->set_max_units(0);
            });
          },
          "clauses[0].patient_unit_cap.max_units"),
      make(
          "initial discount of 0 weeks",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_initial_discount()->set_weeks(0);
              c.mutable_initial_discount()->set_percent("100");
            });
          },
          "clauses[0].initial_discount.weeks"),
      make(
          "payment by result after 521 weeks",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_payment_by_result()->set_assessment_weeks(521);
            });
          },
          "clauses[0].payment_by_result.assessment_weeks"),
      make(
          "unknown missing-outcome rule",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_payment_by_result()->set_assessment_weeks(12);
              c.mutable_payment_by_result()->set_missing_outcome("MAYBE");
            });
          },
          "clauses[0].payment_by_result.missing_outcome"),
      make(
          "unknown guarantee direction",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_outcome_guarantee()->set_measure("orr");
              c.mutable_outcome_guarantee()->set_threshold("0.4");
              c.mutable_outcome_guarantee()->set_direction("SIDEWAYS");
            });
          },
          "clauses[0].outcome_guarantee.direction"),
      make(
          "threshold with 7 decimals",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_outcome_guarantee()->set_measure("orr");
              c.mutable_outcome_guarantee()->set_threshold("0.1234567");
            });
          },
          "clauses[0].outcome_guarantee.threshold"),
      make(
          "guarantee without measure",
          [](A& a) {
            OnlyClause(a, [](v1::Clause& c) {
              c.mutable_outcome_guarantee()->set_threshold("0.4");
            });
          },
          "clauses[0].outcome_guarantee.measure"),
  };
}

std::vector<HostileCase> ReadAndUpdateCases(const HostileFixture& fixture) {
  const std::string get = kAgreements + "GetAgreement";
  const std::string list = kAgreements + "ListAgreements";
  const std::string update = kAgreements + "UpdateAgreement";
  auto id = [](const std::string& text) {
    v1::GetAgreementRequest request;
    request.set_id(text);
    return request;
  };
  auto filter = [](const std::function<void(v1::ListAgreementsRequest&)>& set) {
    v1::ListAgreementsRequest request;
    set(request);
    return request;
  };
  auto change =
      [&](const std::function<void(v1::UpdateAgreementRequest&)>& set) {
        v1::UpdateAgreementRequest request;
        *request.mutable_agreement() =
            samples::Agreement(fixture.agreement_id, fixture.method_id);
        set(request);
        return request;
      };
  using L = v1::ListAgreementsRequest;
  using U = v1::UpdateAgreementRequest;
  return {
      Unary("GetAgreement/id missing", get, id(""), kInvalid, "id"),
      Unary("GetAgreement/id SQL", get, id(kSqlOr), kInvalid, "id"),
      Unary("GetAgreement/unknown id", get, id("SI-2099-0001"), kNotFound),
      Unary("ListAgreements/method id wrong form", list,
            filter([](L& r) { r.set_method_id("ID2021_45X"); }), kInvalid,
            "method_id"),
      Unary("ListAgreements/unknown state", list,
            filter([](L& r) { r.set_state(static_cast<A::State>(9)); }),
            kInvalid, "state"),
      Unary("ListAgreements/negative page size", list,
            filter([](L& r) { r.set_page_size(-1); }), kInvalid, "page_size"),
      Unary("ListAgreements/garbage page token", list,
            filter([](L& r) { r.set_page_token("not a token"); }), kInvalid,
            "page_token"),
      Answered("ListAgreements/supplier SQL matches nothing", list,
               filter([](L& r) { r.set_supplier(kSqlOr); }),
               NoRows<v1::ListAgreementsResponse>(
                   [](const auto& r) { return r.agreements_size(); })),
      Unary("UpdateAgreement/unknown agreement", update,
            change([](U& r) { r.mutable_agreement()->set_id("SI-2099-0002"); }),
            kNotFound),
      Unary("UpdateAgreement/mask unknown path", update,
            change([](U& r) { r.mutable_update_mask()->add_paths("foo"); }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateAgreement/mask names the id", update,
            change([](U& r) { r.mutable_update_mask()->add_paths("id"); }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateAgreement/mask names the method", update, change([](U& r) {
              r.mutable_update_mask()->add_paths("method_id");
            }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateAgreement/unit price with comma", update, change([](U& r) {
              r.mutable_agreement()->set_unit_price("1,5");
              r.mutable_update_mask()->add_paths("unit_price");
            }),
            kInvalid, "agreement.unit_price"),
      Unary("UpdateAgreement/valid to on 31 November", update, change([](U& r) {
              r.mutable_agreement()->set_valid_to("2026-11-31");
              r.mutable_update_mask()->add_paths("valid_to");
            }),
            kInvalid, "agreement.valid_to"),
      Unary("UpdateAgreement/back from ACTIVE to DRAFT", update,
            change([](U& r) {
              r.mutable_agreement()->set_state(A::DRAFT);
              r.mutable_update_mask()->add_paths("state");
            }),
            kPrecondition),
  };
}

}  // namespace

std::vector<HostileCase> AgreementCases(const HostileFixture& fixture) {
  std::vector<HostileCase> cases;
  for (auto part : {IdentityCases(fixture), MoneyAndClauseCases(fixture),
                    ReadAndUpdateCases(fixture)}) {
    for (HostileCase& c : part) cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace mea::testing::hostile
