// Hostile cases of the TrackingService's methods and decisions.
#include <functional>

#include "absl/strings/str_cat.h"
#include "mea/v1/tracking.pb.h"
#include "tests/reliability/hostile_case_builders.h"
#include "tests/reliability/sample_requests.h"

namespace mea::testing::hostile {
namespace {

v1::CreateMethodRequest NewMethod(
    const std::function<void(v1::Method&)>& change) {
  v1::CreateMethodRequest request;
  *request.mutable_method() = samples::Method("ID2025_900");
  change(*request.mutable_method());
  return request;
}

std::vector<HostileCase> CreateMethodCases(const HostileFixture& fixture) {
  const std::string rpc = kTracking + "CreateMethod";
  using M = v1::Method;
  return {
      Unary("CreateMethod/empty request", rpc, v1::CreateMethodRequest(),
            kInvalid, "method.id"),
      Unary("CreateMethod/id short year", rpc,
            NewMethod([](M& m) { m.set_id("ID21_045"); }), kInvalid,
            "method.id"),
      Unary("CreateMethod/id lower case", rpc,
            NewMethod([](M& m) { m.set_id("id2021_045"); }), kInvalid,
            "method.id"),
      Unary("CreateMethod/id with SQL", rpc,
            NewMethod([](M& m) { m.set_id("ID2021_045" + kSql); }), kInvalid,
            "method.id"),
      Unary("CreateMethod/id 10 000 characters", rpc,
            NewMethod([](M& m) { m.set_id(Repeat("9", 10000)); }), kInvalid,
            "method.id"),
      Unary("CreateMethod/title missing", rpc,
            NewMethod([](M& m) { m.clear_title(); }), kInvalid, "method.title"),
      Unary("CreateMethod/title 201 characters", rpc,
            NewMethod([](M& m) { m.set_title(Repeat("t", 201)); }), kInvalid,
            "method.title"),
      Unary("CreateMethod/title 201 two-byte characters", rpc,
            NewMethod([](M& m) { m.set_title(Repeat("ø", 201)); }), kInvalid,
            "method.title"),
      Unary("CreateMethod/title with control characters", rpc,
            NewMethod([](M& m) { m.set_title("Tittel\x01\x1b[31m"); }),
            kInvalid, "method.title"),
      Unary("CreateMethod/active substance missing", rpc,
            NewMethod([](M& m) { m.clear_active_substance(); }), kInvalid,
            "method.active_substance"),
      Unary("CreateMethod/supplier missing", rpc,
            NewMethod([](M& m) { m.clear_supplier(); }), kInvalid,
            "method.supplier"),
      Unary("CreateMethod/supplier one megabyte", rpc,
            NewMethod([](M& m) { m.set_supplier(Repeat("S", 1 << 20)); }),
            kInvalid, "method.supplier"),
      Unary("CreateMethod/brand name 201 characters", rpc,
            NewMethod([](M& m) { m.set_brand_name(Repeat("b", 201)); }),
            kInvalid, "method.brand_name"),
      Unary("CreateMethod/indication 201 characters", rpc,
            NewMethod([](M& m) { m.set_indication(Repeat("i", 201)); }),
            kInvalid, "method.indication"),
      Unary("CreateMethod/therapeutic area 201 characters", rpc,
            NewMethod([](M& m) { m.set_therapeutic_area(Repeat("o", 201)); }),
            kInvalid, "method.therapeutic_area"),
      Unary("CreateMethod/existing id", rpc,
            NewMethod([&](M& m) { m.set_id(fixture.method_id); }), kExists),
  };
}

std::vector<HostileCase> ReadMethodCases(const HostileFixture& fixture) {
  const std::string get = kTracking + "GetMethod";
  const std::string list = kTracking + "ListMethods";
  auto id = [](const std::string& text) {
    v1::GetMethodRequest request;
    request.set_id(text);
    return request;
  };
  auto filter = [](const std::function<void(v1::ListMethodsRequest&)>& set) {
    v1::ListMethodsRequest request;
    set(request);
    return request;
  };
  using L = v1::ListMethodsRequest;
  return {
      Unary("GetMethod/id missing", get, id(""), kInvalid, "id"),
      Unary("GetMethod/id wrong form", get, id("ID2021-045"), kInvalid, "id"),
      Unary("GetMethod/id SQL", get, id(kSqlOr), kInvalid, "id"),
      Unary("GetMethod/id 100 000 characters", get, id(Repeat("I", 100000)),
            kInvalid, "id"),
      Unary("GetMethod/unknown id", get, id("ID2099_999"), kNotFound),
      Unary("ListMethods/negative page size", list,
            filter([](L& r) { r.set_page_size(-1); }), kInvalid, "page_size"),
      Unary("ListMethods/forged page token", list,
            filter([](L& r) { r.set_page_token("b2Zmc2V0PTk5OTk5"); }),
            kInvalid, "page_token"),
      Unary("ListMethods/page token SQL", list,
            filter([](L& r) { r.set_page_token(kSql); }), kInvalid,
            "page_token"),
      Unary("ListMethods/page token of another filter", list, filter([&](L& r) {
              r.set_page_token(fixture.methods_page_token);
              r.set_supplier("Bayer AS");
            }),
            kInvalid, "page_token"),
      Unary("ListMethods/unknown status", list, filter([](L& r) {
              r.set_status(static_cast<v1::Method::Status>(99));
            }),
            kInvalid, "status"),
      Unary("ListMethods/supplier filter 100 000 characters", list,
            filter([](L& r) { r.set_supplier(Repeat("s", 100000)); }), kInvalid,
            "supplier"),
      Answered("ListMethods/supplier filter SQL matches nothing", list,
               filter([](L& r) { r.set_supplier(kSqlOr); }),
               NoRows<v1::ListMethodsResponse>(
                   [](const auto& r) { return r.methods_size(); })),
      Answered("ListMethods/area filter SQL matches nothing", list,
               filter([](L& r) { r.set_therapeutic_area(kSql); }),
               NoRows<v1::ListMethodsResponse>(
                   [](const auto& r) { return r.methods_size(); })),
  };
}

std::vector<HostileCase> UpdateMethodCases(const HostileFixture& fixture) {
  const std::string rpc = kTracking + "UpdateMethod";
  auto update = [&](const std::function<void(v1::UpdateMethodRequest&)>& set) {
    v1::UpdateMethodRequest request;
    *request.mutable_method() = samples::Method(fixture.method_id);
    set(request);
    return request;
  };
  using U = v1::UpdateMethodRequest;
  return {
      Unary("UpdateMethod/id wrong form", rpc,
            update([](U& r) { r.mutable_method()->set_id("ID2021_45"); }),
            kInvalid, "method.id"),
      Unary("UpdateMethod/unknown method", rpc,
            update([](U& r) { r.mutable_method()->set_id("ID2099_998"); }),
            kNotFound),
      Unary("UpdateMethod/mask names an output field", rpc,
            update([](U& r) { r.mutable_update_mask()->add_paths("status"); }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateMethod/mask names the id", rpc,
            update([](U& r) { r.mutable_update_mask()->add_paths("id"); }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateMethod/mask SQL", rpc,
            update([](U& r) { r.mutable_update_mask()->add_paths(kSql); }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateMethod/mask of 10 000 unknown paths", rpc, update([](U& r) {
              for (int i = 0; i < 10000; ++i) {
                r.mutable_update_mask()->add_paths("nope");
              }
            }),
            kInvalid, "update_mask.paths[0]"),
      Unary("UpdateMethod/title emptied", rpc, update([](U& r) {
              r.mutable_method()->clear_title();
              r.mutable_update_mask()->add_paths("title");
            }),
            kInvalid, "method.title"),
      Unary("UpdateMethod/supplier 201 characters", rpc, update([](U& r) {
              r.mutable_method()->set_supplier(Repeat("s", 201));
            }),
            kInvalid, "method.supplier"),
  };
}

v1::CreateDecisionRequest NewDecision(
    const std::string& method_id,
    const std::function<void(v1::Decision&)>& change) {
  v1::CreateDecisionRequest request;
  *request.mutable_decision() = samples::TemporaryDecision(method_id);
  change(*request.mutable_decision());
  return request;
}

std::vector<HostileCase> DecisionCases(const HostileFixture& fixture) {
  const std::string rpc = kTracking + "CreateDecision";
  using D = v1::Decision;
  auto make = [&](std::string name,
                  const std::function<void(v1::Decision&)>& change,
                  std::string path) {
    return Unary("CreateDecision/" + name, rpc,
                 NewDecision(fixture.other_method_id, change), kInvalid,
                 "decision." + path);
  };
  return {
      make(
          "method id wrong form", [](D& d) { d.set_method_id("ID2021_4"); },
          "method_id"),
      make(
          "method id SQL", [](D& d) { d.set_method_id(kSql); }, "method_id"),
      make(
          "30 February", [](D& d) { d.set_decision_date("2025-02-30"); },
          "decision_date"),
      make(
          "month 13", [](D& d) { d.set_decision_date("2025-13-01"); },
          "decision_date"),
      make(
          "two-digit year", [](D& d) { d.set_decision_date("25-06-16"); },
          "decision_date"),
      make(
          "date with SQL",
          [](D& d) {
            d.set_decision_date("2025-06-16'; DELETE FROM decisions;--");
          },
          "decision_date"),
      make(
          "date missing", [](D& d) { d.clear_decision_date(); },
          "decision_date"),
      make(
          "body unspecified", [](D& d) { d.clear_body(); }, "body"),
      make(
          "unknown body", [](D& d) { d.set_body(static_cast<D::Body>(42)); },
          "body"),
      make(
          "type unspecified", [](D& d) { d.clear_introduction_type(); },
          "introduction_type"),
      make(
          "unknown type",
          [](D& d) {
            d.set_introduction_type(static_cast<D::IntroductionType>(99));
          },
          "introduction_type"),
      make(
          "group exemption by Beslutningsforum",
          [](D& d) {
            d.set_introduction_type(D::GROUP_EXEMPTION);
            d.clear_follow_up();
          },
          "body"),
      make(
          "conditions 4001 characters",
          [](D& d) { d.set_conditions(Repeat("v", 4001)); }, "conditions"),
      make(
          "negative superseded decision",
          [](D& d) { d.set_supersedes_decision_id(-5); },
          "supersedes_decision_id"),
      make(
          "temporary without plan", [](D& d) { d.clear_follow_up(); },
          "follow_up"),
      make(
          "introduced with a plan",
          [](D& d) { d.set_introduction_type(D::INTRODUCED); }, "follow_up"),
      make(
          "no outcome measures",
          [](D& d) { d.mutable_follow_up()->clear_outcome_measures(); },
          "follow_up.outcome_measures"),
      make(
          "51 outcome measures",
          [](D& d) {
            auto* measures = d.mutable_follow_up()->mutable_outcome_measures();
            for (int i = 0; i < 49; ++i) {
              v1::OutcomeMeasure* extra = measures->Add();
              *extra = measures->Get(0);
              extra->set_name(absl::StrCat("m", i));
            }
          },
          "follow_up.outcome_measures"),
      make(
          "measure name missing",
          [](D& d) {
            d.mutable_follow_up()->mutable_outcome_measures(0)->clear_name();
          },
          "follow_up.outcome_measures[0].name"),
      make(
          "measure name 129 characters",
          [](D& d) {
            d.mutable_follow_up()->mutable_outcome_measures(0)->set_name(
                Repeat("n", 129));
          },
          "follow_up.outcome_measures[0].name"),
      make(
          "measure names repeated",
          [](D& d) {
            d.mutable_follow_up()->mutable_outcome_measures(1)->set_name("orr");
          },
          "follow_up.outcome_measures[1].name"),
      make(
          "unknown measure kind",
          [](D& d) {
            d.mutable_follow_up()->mutable_outcome_measures(0)->set_kind(
                static_cast<v1::OutcomeMeasure::Kind>(77));
          },
          "follow_up.outcome_measures[0].kind"),
      make(
          "measure direction unspecified",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_outcome_measures(0)
                ->clear_direction();
          },
          "follow_up.outcome_measures[0].direction"),
      make(
          "evaluation at week 0",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_outcome_measures(0)
                ->set_evaluation_weeks(0);
          },
          "follow_up.outcome_measures[0].evaluation_weeks"),
      make(
          "evaluation at week 521",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_outcome_measures(0)
                ->set_evaluation_weeks(521);
          },
          "follow_up.outcome_measures[0].evaluation_weeks"),
      make(
          "expected value not a number",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_outcome_measures(0)
                ->set_expected_value("førti prosent");
          },
          "follow_up.outcome_measures[0].expected_value"),
      make(
          "expected value negative",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_outcome_measures(0)
                ->set_expected_value("-0.4");
          },
          "follow_up.outcome_measures[0].expected_value"),
      make(
          "unknown data source",
          [](D& d) {
            d.mutable_follow_up()->mutable_outcome_measures(0)->set_data_source(
                static_cast<v1::DataSource>(99));
          },
          "follow_up.outcome_measures[0].data_source"),
      make(
          "no data obligations",
          [](D& d) { d.mutable_follow_up()->clear_data_obligations(); },
          "follow_up.data_obligations"),
      make(
          "101 data obligations",
          [](D& d) {
            auto* list = d.mutable_follow_up()->mutable_data_obligations();
            for (int i = 0; i < 99; ++i) *list->Add() = list->Get(0);
          },
          "follow_up.data_obligations"),
      make(
          "obligation due 29 February 2026",
          [](D& d) {
            d.mutable_follow_up()->mutable_data_obligations(1)->set_due_date(
                "2026-02-29");
          },
          "follow_up.data_obligations[1].due_date"),
      make(
          "obligation due date missing",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_data_obligations(0)
                ->clear_due_date();
          },
          "follow_up.data_obligations[0].due_date"),
      make(
          "unknown responsible role",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_data_obligations(0)
                ->set_responsible_role(
                    static_cast<v1::DataObligation::ResponsibleRole>(9));
          },
          "follow_up.data_obligations[0].responsible_role"),
      make(
          "responsible organisation missing",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_data_obligations(0)
                ->clear_responsible_organisation();
          },
          "follow_up.data_obligations[0].responsible_organisation"),
      make(
          "responsible organisation 201 characters",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_data_obligations(0)
                ->set_responsible_organisation(Repeat("K", 201));
          },
          "follow_up.data_obligations[0].responsible_organisation"),
      make(
          "obligation names an unknown measure",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_data_obligations(0)
                ->set_outcome_measures(0, "xyz");
          },
          "follow_up.data_obligations[0].outcome_measures[0]"),
      make(
          "obligation names 51 measures",
          [](D& d) {
            auto* names = d.mutable_follow_up()
                              ->mutable_data_obligations(0)
                              ->mutable_outcome_measures();
            for (int i = 0; i < 50; ++i) *names->Add() = "orr";
          },
          "follow_up.data_obligations[0].outcome_measures"),
      make(
          "obligation description 4001 characters",
          [](D& d) {
            d.mutable_follow_up()->mutable_data_obligations(0)->set_description(
                Repeat("d", 4001));
          },
          "follow_up.data_obligations[0].description"),
      make(
          "unknown obligation source",
          [](D& d) {
            d.mutable_follow_up()->mutable_data_obligations(0)->set_source(
                static_cast<v1::DataSource>(42));
          },
          "follow_up.data_obligations[0].source"),
      make(
          "reassessment missing",
          [](D& d) { d.mutable_follow_up()->clear_reassessment(); },
          "follow_up.reassessment"),
      make(
          "reassessment before the decision",
          [](D& d) {
            d.mutable_follow_up()->mutable_reassessment()->set_deadline(
                "2024-01-01");
          },
          "follow_up.reassessment.deadline"),
      make(
          "reassessment on 31 April",
          [](D& d) {
            d.mutable_follow_up()->mutable_reassessment()->set_deadline(
                "2027-04-31");
          },
          "follow_up.reassessment.deadline"),
      make(
          "exit plan missing",
          [](D& d) { d.mutable_follow_up()->clear_exit_plan(); },
          "follow_up.exit_plan"),
      make(
          "exit plan negative days",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_exit_plan()
                ->set_no_new_patients_after_days(-1);
          },
          "follow_up.exit_plan.no_new_patients_after_days"),
      make(
          "exit plan 3651 days",
          [](D& d) {
            d.mutable_follow_up()
                ->mutable_exit_plan()
                ->set_no_new_patients_after_days(3651);
          },
          "follow_up.exit_plan.no_new_patients_after_days"),
      make(
          "unknown ongoing treatment",
          [](D& d) {
            d.mutable_follow_up()->mutable_exit_plan()->set_ongoing_treatment(
                static_cast<v1::ExitPlan::OngoingTreatment>(9));
          },
          "follow_up.exit_plan.ongoing_treatment"),
      make(
          "payer unspecified",
          [](D& d) {
            d.mutable_follow_up()->mutable_exit_plan()->clear_payer();
          },
          "follow_up.exit_plan.payer"),
      make(
          "exit plan notes 4001 characters",
          [](D& d) {
            d.mutable_follow_up()->mutable_exit_plan()->set_notes(
                Repeat("n", 4001));
          },
          "follow_up.exit_plan.notes"),
      Unary("CreateDecision/unknown method", rpc,
            NewDecision("ID2099_997", [](D&) {}), kNotFound),
  };
}

std::vector<HostileCase> ReadDecisionCases() {
  const std::string get = kTracking + "GetDecision";
  const std::string list = kTracking + "ListDecisions";
  auto id = [](int64_t value) {
    v1::GetDecisionRequest request;
    request.set_id(value);
    return request;
  };
  auto filter = [](const std::function<void(v1::ListDecisionsRequest&)>& set) {
    v1::ListDecisionsRequest request;
    set(request);
    return request;
  };
  using L = v1::ListDecisionsRequest;
  return {
      Unary("GetDecision/id 0", get, id(0), kInvalid, "id"),
      Unary("GetDecision/negative id", get, id(-1), kInvalid, "id"),
      Unary("GetDecision/unknown id", get, id(987654), kNotFound),
      Unary("ListDecisions/method id wrong form", list,
            filter([](L& r) { r.set_method_id("ID_2021_045"); }), kInvalid,
            "method_id"),
      Unary("ListDecisions/method id SQL", list,
            filter([](L& r) { r.set_method_id(kSqlOr); }), kInvalid,
            "method_id"),
      Unary("ListDecisions/unknown type", list, filter([](L& r) {
              r.set_introduction_type(
                  static_cast<v1::Decision::IntroductionType>(99));
            }),
            kInvalid, "introduction_type"),
      Unary("ListDecisions/negative page size", list,
            filter([](L& r) { r.set_page_size(-5); }), kInvalid, "page_size"),
      Unary("ListDecisions/garbage page token", list,
            filter([](L& r) { r.set_page_token("%%%not-base64%%%"); }),
            kInvalid, "page_token"),
  };
}

}  // namespace

std::vector<HostileCase> TrackingCases(const HostileFixture& fixture) {
  std::vector<HostileCase> cases;
  for (auto part : {CreateMethodCases(fixture), ReadMethodCases(fixture),
                    UpdateMethodCases(fixture), DecisionCases(fixture),
                    ReadDecisionCases()}) {
    for (HostileCase& c : part) cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace mea::testing::hostile
