// AgreementService: settling an agreement (oppgjør) and reading the stored,
// immutable settlements.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/agreements/access.h"
#include "services/agreements/evaluation.h"
#include "services/agreements/mapping.h"
#include "services/agreements/results/digest.h"
#include "services/agreements/service.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "services/audit/trail.h"
#include "services/auth/serve.h"
#include "services/rpc/pagination.h"
#include "storage/agreements/results.h"
#include "storage/agreements/settlements.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

// Evaluates the agreement on its stored results and stores the numbered
// record, all in the caller's transaction. The stored results go to the
// rules typed, as read; the input digest is the one of the same input in
// its wire form, so that it names what a SimulateSettlement of that input
// would evaluate.
absl::StatusOr<store::SettlementRecord> SettleStored(
    storage::Connection& connection, const std::string& agreement_id,
    const v1::Period& period, const std::string& as_of,
    const std::string& now) {
  MEA_ASSIGN_OR_RETURN(const store::AgreementRecord stored,
                       store::LoadAgreement(connection, agreement_id));
  MEA_ASSIGN_OR_RETURN(const v1::Agreement agreement, AgreementToProto(stored));
  MEA_ASSIGN_OR_RETURN(const store::ResultsRecord results,
                       store::LoadResults(connection, agreement_id));
  InputOrigin origin;
  origin.agreement = InputOrigin::kStored;
  MEA_ASSIGN_OR_RETURN(const rules::EvaluationInput input,
                       MapStoredResultsInput(TermsOf(agreement), results,
                                             period, as_of, origin));
  MEA_ASSIGN_OR_RETURN(
      const int64_t number,
      store::NextNumber(connection, store::Numbering::kSettlementNumber,
                        agreement_id));
  store::SettlementRecord record{
      .agreement_id = agreement_id,
      .number = number,
      .input_digest = MessageDigest(MakeInput(
          TermsOf(agreement), ResultsToProto(results), period, as_of)),
      .create_time = now,
      .settlement = rules::Settle(input),
      .supplier = stored.supplier};
  MEA_RETURN_IF_ERROR(store::InsertSettlement(connection, record));
  return record;
}

// Who may read the agreement's settlements: its owner (CheckSettlementOwner)
// and whoever may see the agreement. A draft the caller may not see has no
// settlements either: the answer is the one for an agreement that does not
// exist (`not_found`).
absl::Status CheckSettlementsVisible(storage::Connection& connection,
                                     const auth::CallAuth& call,
                                     const std::string& agreement_id,
                                     const absl::Status& not_found) {
  MEA_RETURN_IF_ERROR(CheckSettlementOwner(connection, call, agreement_id));
  absl::Status visible =
      LoadVisibleAgreement(connection, call.principal, agreement_id).status();
  return absl::IsNotFound(visible) ? not_found : visible;
}

}  // namespace

absl::StatusOr<v1::StoredSettlement> AgreementServiceImpl::Settle(
    const auth::CallAuth& call, const v1::SettleAgreementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  ValidatePeriod(request.period(), "period", violations);
  ValidateOptionalDate(request.as_of(), "as_of", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const std::string as_of = AsOfOrToday(request.as_of());
  const std::string now = clock_->NowRfc3339();
  store::SettlementRecord record;
  absl::Status settled = database_->Write([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(record, SettleStored(c, request.agreement_id(),
                                              request.period(), as_of, now));
    return audit::RecordChange(
        c, call, *clock_, request,
        absl::StrCat(AgreementResource(record.agreement_id), "/settlements/",
                     record.number));
  });
  MEA_RETURN_IF_ERROR(settled);
  return StoredSettlementToProto(record);
}

absl::StatusOr<v1::StoredSettlement> AgreementServiceImpl::GetStored(
    const auth::CallAuth& call, const v1::GetSettlementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  if (request.number() < 1) violations.Add("number", "must be at least 1");
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const std::string& agreement_id = request.agreement_id();
  store::SettlementRecord record;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    MEA_RETURN_IF_ERROR(CheckSettlementsVisible(
        c, call, agreement_id,
        store::SettlementNotFound(agreement_id, request.number())));
    MEA_ASSIGN_OR_RETURN(
        record, store::LoadSettlement(c, agreement_id, request.number()));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(read);
  return StoredSettlementToProto(record);
}

absl::Status AgreementServiceImpl::ListStored(
    const auth::CallAuth& call, const v1::ListSettlementsRequest& request,
    v1::ListSettlementsResponse& response) {
  FieldViolations violations;
  const std::string& agreement_id = request.agreement_id();
  ValidateAgreementId(agreement_id, "agreement_id", violations);
  Page page = ParsePage(request.page_size(), request.page_token(), agreement_id,
                        violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  std::vector<store::SettlementRecord> records;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    MEA_RETURN_IF_ERROR(CheckSettlementsVisible(
        c, call, agreement_id, store::AgreementNotFound(agreement_id)));
    MEA_ASSIGN_OR_RETURN(
        records,
        store::ListSettlements(c, agreement_id, page.offset, page.size + 1));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(read);
  for (size_t i = 0; i < records.size() && i < static_cast<size_t>(page.size);
       ++i) {
    *response.add_settlements() = StoredSettlementToProto(records[i]);
  }
  if (records.size() > static_cast<size_t>(page.size)) {
    response.set_next_page_token(
        PageToken(page.offset + page.size, agreement_id));
  }
  return absl::OkStatus();
}

grpc::Status AgreementServiceImpl::SettleAgreement(
    grpc::ServerContext* context, const v1::SettleAgreementRequest* request,
    v1::StoredSettlement* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Settle(call, *request);
  });
}

grpc::Status AgreementServiceImpl::GetSettlement(
    grpc::ServerContext* context, const v1::GetSettlementRequest* request,
    v1::StoredSettlement* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return GetStored(call, *request);
  });
}

grpc::Status AgreementServiceImpl::ListSettlements(
    grpc::ServerContext* context, const v1::ListSettlementsRequest* request,
    v1::ListSettlementsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return ListStored(call, *request, *response);
  });
}

}  // namespace mea::services::agreements
