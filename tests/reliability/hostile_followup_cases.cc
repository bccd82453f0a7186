// Hostile cases of the TrackingService's follow-up: data obligations
// (dataansvar), reassessments (revurdering), due items and the dossier.
#include <functional>

#include "mea/v1/tracking.pb.h"
#include "tests/reliability/hostile_case_builders.h"

namespace mea::testing::hostile {
namespace {

std::vector<HostileCase> ObligationCases(const HostileFixture& fixture) {
  const std::string deliver = kTracking + "DeliverDataObligation";
  const std::string waive = kTracking + "WaiveDataObligation";
  auto delivery =
      [&](const std::function<void(v1::DeliverDataObligationRequest&)>& set) {
        v1::DeliverDataObligationRequest request;
        request.set_id(fixture.obligation_id);
        request.set_delivered_date("2026-02-20");
        request.set_delivery_reference("KREG-2026-117");
        set(request);
        return request;
      };
  auto waiver =
      [&](const std::function<void(v1::WaiveDataObligationRequest&)>& set) {
        v1::WaiveDataObligationRequest request;
        request.set_id(fixture.obligation_id);
        request.set_reason(
            "Registeret leverer ikke (the registry cannot deliver)");
        set(request);
        return request;
      };
  using D = v1::DeliverDataObligationRequest;
  using W = v1::WaiveDataObligationRequest;
  return {
      Unary("DeliverDataObligation/id 0", deliver,
            delivery([](D& r) { r.set_id(0); }), kInvalid, "id"),
      Unary("DeliverDataObligation/unknown id", deliver,
            delivery([](D& r) { r.set_id(99999); }), kNotFound),
      Unary("DeliverDataObligation/29 February 2026", deliver,
            delivery([](D& r) { r.set_delivered_date("2026-02-29"); }),
            kInvalid, "delivered_date"),
      Unary("DeliverDataObligation/date with slashes", deliver,
            delivery([](D& r) { r.set_delivered_date("2026/02/20"); }),
            kInvalid, "delivered_date"),
      Unary("DeliverDataObligation/date in the future", deliver,
            delivery([](D& r) { r.set_delivered_date("2030-01-01"); }),
            kInvalid, "delivered_date"),
      Unary("DeliverDataObligation/reference missing", deliver,
            delivery([](D& r) { r.clear_delivery_reference(); }), kInvalid,
            "delivery_reference"),
      Unary("DeliverDataObligation/reference 129 characters", deliver,
            delivery([](D& r) { r.set_delivery_reference(Repeat("R", 129)); }),
            kInvalid, "delivery_reference"),
      Unary("DeliverDataObligation/already delivered", deliver,
            delivery([&](D& r) { r.set_id(fixture.delivered_obligation_id); }),
            kPrecondition),
      Unary("WaiveDataObligation/reason missing", waive,
            waiver([](W& r) { r.clear_reason(); }), kInvalid, "reason"),
      Unary("WaiveDataObligation/reason 4001 characters", waive,
            waiver([](W& r) { r.set_reason(Repeat("r", 4001)); }), kInvalid,
            "reason"),
      Unary("WaiveDataObligation/negative id", waive,
            waiver([](W& r) { r.set_id(-1); }), kInvalid, "id"),
      Unary("WaiveDataObligation/unknown id", waive,
            waiver([](W& r) { r.set_id(99999); }), kNotFound),
      Unary("WaiveDataObligation/already delivered", waive,
            waiver([&](W& r) { r.set_id(fixture.delivered_obligation_id); }),
            kPrecondition),
  };
}

std::vector<HostileCase> ReassessmentCases(const HostileFixture& fixture) {
  const std::string start = kTracking + "StartReassessment";
  const std::string complete = kTracking + "CompleteReassessment";
  auto starting = [](int64_t id) {
    v1::StartReassessmentRequest request;
    request.set_decision_id(id);
    return request;
  };
  // A complete, valid permanent introduction; each case breaks one thing.
  auto completion =
      [&](const std::function<void(v1::CompleteReassessmentRequest&)>& set) {
        v1::CompleteReassessmentRequest request;
        request.set_decision_id(fixture.temporary_decision_id);
        request.set_outcome(v1::Reassessment::PERMANENT_INTRODUCTION);
        request.set_completed_date("2026-03-01");
        v1::Decision* decision = request.mutable_resulting_decision();
        decision->set_body(v1::Decision::BESLUTNINGSFORUM);
        decision->set_introduction_type(v1::Decision::INTRODUCED);
        decision->set_conditions("Varig innføring (permanent introduction).");
        set(request);
        return request;
      };
  using C = v1::CompleteReassessmentRequest;
  auto extension = [](C& r) {
    r.set_outcome(v1::Reassessment::EXTENSION);
    r.clear_resulting_decision();
    r.set_new_deadline("2028-06-16");
    r.set_reason("Data fra registeret er forsinket (registry data are late)");
  };
  return {
      Unary("StartReassessment/decision 0", start, starting(0), kInvalid,
            "decision_id"),
      Unary("StartReassessment/negative decision", start, starting(-7),
            kInvalid, "decision_id"),
      Unary("StartReassessment/unknown decision", start, starting(424242),
            kNotFound),
      Unary("StartReassessment/not a temporary introduction", start,
            starting(fixture.introduced_decision_id), kPrecondition),
      Unary("CompleteReassessment/decision 0", complete,
            completion([](C& r) { r.set_decision_id(0); }), kInvalid,
            "decision_id"),
      Unary("CompleteReassessment/outcome unspecified", complete,
            completion([](C& r) { r.clear_outcome(); }), kInvalid, "outcome"),
      Unary("CompleteReassessment/unknown outcome", complete,
            completion([](C& r) {
              r.set_outcome(static_cast<v1::Reassessment::Outcome>(77));
            }),
            kInvalid, "outcome"),
      Unary("CompleteReassessment/31 June", complete,
            completion([](C& r) { r.set_completed_date("2025-06-31"); }),
            kInvalid, "completed_date"),
      Unary("CompleteReassessment/extension without reason", complete,
            completion([&](C& r) {
              extension(r);
              r.clear_reason();
            }),
            kInvalid, "reason"),
      Unary("CompleteReassessment/extension to an impossible date", complete,
            completion([&](C& r) {
              extension(r);
              r.set_new_deadline("2028-02-30");
            }),
            kInvalid, "new_deadline"),
      Unary("CompleteReassessment/extension without deadline", complete,
            completion([&](C& r) {
              extension(r);
              r.clear_new_deadline();
            }),
            kInvalid, "new_deadline"),
      Unary("CompleteReassessment/subgroup outcome without subgroup", complete,
            completion([](C& r) {
              r.set_outcome(v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP);
            }),
            kInvalid, "subgroup"),
      Unary("CompleteReassessment/subgroup 4001 characters", complete,
            completion([](C& r) {
              r.set_outcome(v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP);
              r.set_subgroup(Repeat("g", 4001));
            }),
            kInvalid, "subgroup"),
      Unary("CompleteReassessment/no resulting decision", complete,
            completion([](C& r) { r.clear_resulting_decision(); }), kInvalid,
            "resulting_decision"),
      Unary("CompleteReassessment/resulting decision on 30 February", complete,
            completion([](C& r) {
              r.mutable_resulting_decision()->set_decision_date("2026-02-30");
            }),
            kInvalid, "resulting_decision.decision_date"),
      Unary("CompleteReassessment/unknown decision", complete,
            completion([](C& r) { r.set_decision_id(424242); }), kNotFound),
      Unary("CompleteReassessment/not started yet", complete,
            completion([](C&) {}), kPrecondition),
  };
}

std::vector<HostileCase> DueAndDossierCases() {
  const std::string due = kTracking + "ListDueItems";
  const std::string dossier = kTracking + "GetDossier";
  auto query = [](const std::function<void(v1::ListDueItemsRequest&)>& set) {
    v1::ListDueItemsRequest request;
    set(request);
    return request;
  };
  auto of = [](const std::string& id) {
    v1::GetDossierRequest request;
    request.set_method_id(id);
    return request;
  };
  using Q = v1::ListDueItemsRequest;
  auto no_items = NoRows<v1::ListDueItemsResponse>(
      [](const auto& r) { return r.items_size() + r.total_count(); });
  return {
      Unary("ListDueItems/end on 30 February", due,
            query([](Q& r) { r.set_end_date("2026-02-30"); }), kInvalid,
            "end_date"),
      Unary("ListDueItems/end 'tomorrow'", due,
            query([](Q& r) { r.set_end_date("tomorrow"); }), kInvalid,
            "end_date"),
      Unary("ListDueItems/unknown kind", due, query([](Q& r) {
              r.add_kinds(static_cast<v1::DueItem::Kind>(99));
            }),
            kInvalid, "kinds[0]"),
      Unary("ListDueItems/11 kinds", due, query([](Q& r) {
              for (int i = 0; i < 11; ++i)
                r.add_kinds(v1::DueItem::REASSESSMENT);
            }),
            kInvalid, "kinds"),
      Unary("ListDueItems/organisation 201 characters", due, query([](Q& r) {
              r.set_responsible_organisation(Repeat("o", 201));
            }),
            kInvalid, "responsible_organisation"),
      Unary("ListDueItems/method id wrong form", due,
            query([](Q& r) { r.set_method_id("2021_045"); }), kInvalid,
            "method_id"),
      Unary("ListDueItems/negative page size", due,
            query([](Q& r) { r.set_page_size(-1); }), kInvalid, "page_size"),
      Unary("ListDueItems/garbage page token", due,
            query([](Q& r) { r.set_page_token(kSql); }), kInvalid,
            "page_token"),
      Answered("ListDueItems/organisation SQL matches nothing", due,
               query([](Q& r) { r.set_responsible_organisation(kSqlOr); }),
               no_items),
      Answered("ListDueItems/area SQL matches nothing", due,
               query([](Q& r) { r.set_therapeutic_area(kSql); }), no_items),
      Unary("GetDossier/method id missing", dossier, of(""), kInvalid,
            "method_id"),
      Unary("GetDossier/method id wrong form", dossier, of("ID2021_0450"),
            kInvalid, "method_id"),
      Unary("GetDossier/method id SQL", dossier, of(kSqlOr), kInvalid,
            "method_id"),
      Unary("GetDossier/unknown method", dossier, of("ID2099_996"), kNotFound),
  };
}

}  // namespace

std::vector<HostileCase> FollowUpCases(const HostileFixture& fixture) {
  std::vector<HostileCase> cases;
  for (auto part : {ObligationCases(fixture), ReassessmentCases(fixture),
                    DueAndDossierCases()}) {
    for (HostileCase& c : part) cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace mea::testing::hostile
