#include "services/demo/agreement_client.h"

#include <grpcpp/client_context.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "google/protobuf/util/json_util.h"
#include "rules/civil_date.h"

namespace mea::services::demo {

AgreementDemoClient::AgreementDemoClient(
    const std::shared_ptr<grpc::Channel>& channel)
    : tracking_(v1::TrackingService::NewStub(channel)),
      agreements_(v1::AgreementService::NewStub(channel)) {}

absl::StatusOr<int64_t> AgreementDemoClient::CurrentDecision(
    const std::string& method_id) {
  v1::ListDecisionsRequest request;
  request.set_method_id(method_id);
  v1::ListDecisionsResponse response;
  grpc::ClientContext call;
  MEA_RETURN_IF_ERROR_WITH_CONTEXT(
      FromGrpcStatus(tracking_->ListDecisions(&call, request, &response)),
      absl::StrCat("demo: decisions of ", method_id));
  for (const v1::Decision& decision : response.decisions()) {
    if (decision.superseded_by_decision_id() == 0) return decision.id();
  }
  return 0;
}

absl::Status AgreementDemoClient::CreateAgreement(
    v1::Agreement agreement, const std::string& terms_json) {
  v1::Agreement terms;
  auto parsed = google::protobuf::util::JsonStringToMessage(terms_json, &terms);
  if (!parsed.ok()) {
    return absl::InternalError(absl::StrCat("demo terms of ", agreement.id(),
                                            ": ", parsed.ToString()));
  }
  agreement.set_unit_price(terms.unit_price());
  *agreement.mutable_clauses() = terms.clauses();
  v1::CreateAgreementRequest request;
  *request.mutable_agreement() = std::move(agreement);
  v1::Agreement created;
  grpc::ClientContext call;
  return WithContext(
      FromGrpcStatus(agreements_->CreateAgreement(&call, request, &created)),
      absl::StrCat("demo: agreement ", request.agreement().id()));
}

absl::Status AgreementDemoClient::Upload(
    const std::vector<v1::ResultsBatch>& batches) {
  grpc::ClientContext call;
  v1::UploadResultsResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::UploadResultsRequest>> writer =
      agreements_->UploadResults(&call, &response);
  for (const v1::ResultsBatch& batch : batches) {
    v1::UploadResultsRequest request;
    *request.mutable_batch() = batch;
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  return WithContext(FromGrpcStatus(writer->Finish()), "demo: results upload");
}

absl::Status AgreementDemoClient::Settle(const std::string& agreement_id,
                                         absl::CivilDay start,
                                         absl::CivilDay end,
                                         absl::CivilDay as_of) {
  v1::SettleAgreementRequest request;
  request.set_agreement_id(agreement_id);
  request.mutable_period()->set_start(rules::FormatDate(start));
  request.mutable_period()->set_end(rules::FormatDate(end));
  request.set_as_of(rules::FormatDate(as_of));
  v1::StoredSettlement stored;
  grpc::ClientContext call;
  return WithContext(
      FromGrpcStatus(agreements_->SettleAgreement(&call, request, &stored)),
      absl::StrCat("demo: settlement of ", agreement_id));
}

void AddDispensings(v1::ResultsBatch& batch, const std::string& patient,
                    absl::CivilDay first, int count, int interval_days,
                    int64_t units) {
  for (int i = 0; i < count; ++i) {
    v1::Dispensing* dispensing = batch.add_dispensings();
    dispensing->set_date(rules::FormatDate(first + i * interval_days));
    dispensing->set_units(units);
    dispensing->set_patient(patient);
  }
}

}  // namespace mea::services::demo
