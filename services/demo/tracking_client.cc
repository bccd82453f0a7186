#include "services/demo/tracking_client.h"

#include <grpcpp/grpcpp.h>

#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"

namespace mea::services::demo {

TrackingDemoClient::TrackingDemoClient(
    const std::shared_ptr<grpc::Channel>& channel)
    : stub_(v1::TrackingService::NewStub(channel)) {}

absl::Status TrackingDemoClient::CreateMethod(const v1::Method& method) {
  grpc::ClientContext context;
  v1::CreateMethodRequest request;
  *request.mutable_method() = method;
  v1::Method response;
  return FromGrpcStatus(stub_->CreateMethod(&context, request, &response));
}

absl::StatusOr<v1::Decision> TrackingDemoClient::CreateDecision(
    const v1::Decision& decision) {
  grpc::ClientContext context;
  v1::CreateDecisionRequest request;
  *request.mutable_decision() = decision;
  v1::Decision response;
  MEA_RETURN_IF_ERROR(
      FromGrpcStatus(stub_->CreateDecision(&context, request, &response)));
  return response;
}

absl::Status TrackingDemoClient::Deliver(int64_t obligation_id,
                                         absl::CivilDay date,
                                         const std::string& reference) {
  grpc::ClientContext context;
  v1::DeliverDataObligationRequest request;
  request.set_id(obligation_id);
  request.set_delivered_date(rules::FormatDate(date));
  request.set_delivery_reference(reference);
  v1::DataObligation response;
  return FromGrpcStatus(
      stub_->DeliverDataObligation(&context, request, &response));
}

absl::Status TrackingDemoClient::Waive(int64_t obligation_id,
                                       const std::string& reason) {
  grpc::ClientContext context;
  v1::WaiveDataObligationRequest request;
  request.set_id(obligation_id);
  request.set_reason(reason);
  v1::DataObligation response;
  return FromGrpcStatus(
      stub_->WaiveDataObligation(&context, request, &response));
}

absl::Status TrackingDemoClient::StartReassessment(int64_t decision_id) {
  grpc::ClientContext context;
  v1::StartReassessmentRequest request;
  request.set_decision_id(decision_id);
  v1::Reassessment response;
  return FromGrpcStatus(stub_->StartReassessment(&context, request, &response));
}

absl::Status TrackingDemoClient::CompleteReassessment(
    const v1::CompleteReassessmentRequest& request) {
  grpc::ClientContext context;
  v1::CompleteReassessmentResponse response;
  return FromGrpcStatus(
      stub_->CompleteReassessment(&context, request, &response));
}

v1::Method MakeMethod(const std::string& id, const std::string& title,
                      const std::string& substance, const std::string& brand,
                      const std::string& indication,
                      const std::string& supplier, const std::string& area) {
  v1::Method method;
  method.set_id(id);
  method.set_title(title);
  method.set_active_substance(substance);
  method.set_brand_name(brand);
  method.set_indication(indication);
  method.set_supplier(supplier);
  method.set_therapeutic_area(area);
  return method;
}

v1::Decision MakeDecision(const std::string& method_id, absl::CivilDay date,
                          v1::Decision::IntroductionType type,
                          const std::string& conditions) {
  v1::Decision decision;
  decision.set_method_id(method_id);
  decision.set_decision_date(rules::FormatDate(date));
  decision.set_body(type == v1::Decision::GROUP_EXEMPTION
                        ? v1::Decision::MEDICAL_DIRECTORS
                        : v1::Decision::BESLUTNINGSFORUM);
  decision.set_introduction_type(type);
  decision.set_conditions(conditions);
  return decision;
}

v1::OutcomeMeasure MakeMeasure(
    const std::string& name, const std::string& description,
    v1::OutcomeMeasure::Kind kind, const std::string& unit,
    const std::string& expected_value, v1::OutcomeMeasure::Direction direction,
    int32_t evaluation_weeks, v1::DataSource source) {
  v1::OutcomeMeasure measure;
  measure.set_name(name);
  measure.set_description(description);
  measure.set_kind(kind);
  measure.set_unit(unit);
  measure.set_expected_value(expected_value);
  measure.set_direction(direction);
  measure.set_evaluation_weeks(evaluation_weeks);
  measure.set_data_source(source);
  return measure;
}

v1::DataObligation MakeObligation(const std::string& description,
                                  const std::vector<std::string>& measures,
                                  v1::DataSource source,
                                  const std::string& organisation,
                                  v1::DataObligation::ResponsibleRole role,
                                  absl::CivilDay due_date) {
  v1::DataObligation obligation;
  obligation.set_description(description);
  for (const std::string& name : measures)
    obligation.add_outcome_measures(name);
  obligation.set_source(source);
  obligation.set_responsible_organisation(organisation);
  obligation.set_responsible_role(role);
  obligation.set_due_date(rules::FormatDate(due_date));
  return obligation;
}

v1::ExitPlan MakeExitPlan(int32_t no_new_patients_after_days,
                          v1::ExitPlan::OngoingTreatment ongoing,
                          v1::ExitPlan::Payer payer, const std::string& notes) {
  v1::ExitPlan exit_plan;
  exit_plan.set_no_new_patients_after_days(no_new_patients_after_days);
  exit_plan.set_ongoing_treatment(ongoing);
  exit_plan.set_payer(payer);
  exit_plan.set_notes(notes);
  return exit_plan;
}

}  // namespace mea::services::demo
