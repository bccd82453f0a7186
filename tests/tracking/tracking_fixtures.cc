#include "tests/tracking/tracking_fixtures.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "tests/support/database_inspection.h"

namespace mea::testing {

std::string Day(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

v1::Method ValidMethod(const std::string& id, const std::string& area) {
  v1::Method method;
  method.set_id(id);
  method.set_title(absl::StrCat("Testmetode ", id));
  method.set_active_substance("larotrektinib");
  method.set_brand_name("Vitrakvi");
  method.set_indication("Solide svulster med NTRK-genfusjon");
  method.set_supplier("Bayer AS");
  method.set_therapeutic_area(area);
  return method;
}

v1::Decision IntroducedDecision(const std::string& method_id,
                                absl::CivilDay date) {
  v1::Decision decision;
  decision.set_method_id(method_id);
  decision.set_decision_date(Day(date));
  decision.set_body(v1::Decision::BESLUTNINGSFORUM);
  decision.set_introduction_type(v1::Decision::INTRODUCED);
  decision.set_conditions("Innføres.");
  return decision;
}

namespace {

v1::OutcomeMeasure Measure(const std::string& name, const std::string& value) {
  v1::OutcomeMeasure measure;
  measure.set_name(name);
  measure.set_description("Måles i registeret");
  measure.set_kind(v1::OutcomeMeasure::PROPORTION);
  measure.set_unit("proportion");
  measure.set_expected_value(value);
  measure.set_direction(v1::OutcomeMeasure::AT_LEAST);
  measure.set_evaluation_weeks(24);
  measure.set_data_source(v1::DATA_SOURCE_CANCER_REGISTRY);
  return measure;
}

v1::DataObligation Obligation(const std::string& organisation,
                              const std::string& measure,
                              v1::DataObligation::ResponsibleRole role,
                              absl::CivilDay due) {
  v1::DataObligation obligation;
  obligation.set_description(absl::StrCat("Data fra ", organisation));
  obligation.add_outcome_measures(measure);
  obligation.set_source(v1::DATA_SOURCE_CANCER_REGISTRY);
  obligation.set_responsible_organisation(organisation);
  obligation.set_responsible_role(role);
  obligation.set_due_date(Day(due));
  return obligation;
}

}  // namespace

v1::Decision TemporaryDecision(const std::string& method_id,
                               absl::CivilDay date) {
  v1::Decision decision = IntroducedDecision(method_id, date);
  decision.set_introduction_type(v1::Decision::INTRODUCED_TEMPORARILY);
  decision.set_conditions("Midlertidig innføring.");
  v1::FollowUpPlan* plan = decision.mutable_follow_up();
  *plan->add_outcome_measures() = Measure("orr", "0.40");
  *plan->add_outcome_measures() = Measure("pfs", "0.25");
  *plan->add_data_obligations() = Obligation(
      "Kreftregisteret", "orr", v1::DataObligation::REGISTRY, date + 100);
  *plan->add_data_obligations() =
      Obligation("Bayer AS", "pfs", v1::DataObligation::SUPPLIER, date + 200);
  plan->mutable_reassessment()->set_deadline(Day(date + 365));
  v1::ExitPlan* exit_plan = plan->mutable_exit_plan();
  exit_plan->set_no_new_patients_after_days(30);
  exit_plan->set_ongoing_treatment(
      v1::ExitPlan::CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS);
  exit_plan->set_payer(v1::ExitPlan::PAYER_SUPPLIER);
  return decision;
}

void CreateMethodOrFail(v1::TrackingService::Stub& stub,
                        const v1::Method& method) {
  v1::CreateMethodRequest request;
  *request.mutable_method() = method;
  auto answer = CALL(stub, CreateMethod, request, v1::Method);
  ASSERT_TRUE(answer.status.ok()) << answer.status.error_message();
}

Answer<v1::Decision> CreateDecision(v1::TrackingService::Stub& stub,
                                    const v1::Decision& decision) {
  v1::CreateDecisionRequest request;
  *request.mutable_decision() = decision;
  return CALL(stub, CreateDecision, request, v1::Decision);
}

v1::Decision CreateDecisionOrFail(v1::TrackingService::Stub& stub,
                                  const v1::Decision& decision) {
  Answer<v1::Decision> answer = CreateDecision(stub, decision);
  EXPECT_TRUE(answer.status.ok()) << answer.status.error_message();
  return answer.response;
}

std::vector<std::string> FieldPaths(const grpc::Status& status) {
  std::vector<std::string> paths;
  for (const auto& violation : ViolationsOf(FromGrpcStatus(status))) {
    paths.push_back(violation.field);
  }
  return paths;
}

std::string ViolationAt(const grpc::Status& status, const std::string& path) {
  for (const auto& violation : ViolationsOf(FromGrpcStatus(status))) {
    if (violation.field == path) {
      return absl::StrCat(violation.field, ": ", violation.description);
    }
  }
  return "";
}

int64_t CountRows(TestServer& server, const std::string& table) {
  absl::StatusOr<int64_t> count = QueryInt(
      server.database_path(), absl::StrCat("SELECT COUNT(*) FROM ", table));
  EXPECT_TRUE(count.ok()) << count.status();
  return count.value_or(-1);
}

}  // namespace mea::testing
