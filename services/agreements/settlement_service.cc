// AgreementService: settling an agreement (oppgjør) and reading the stored,
// immutable settlements.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/agreements/access.h"
#include "services/agreements/evaluation.h"
#include "services/agreements/service.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "services/audit/trail.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "services/rpc/pagination.h"
#include "services/agreements/results/digest.h"
#include "storage/agreements/results.h"
#include "storage/agreements/settlements.h"
#include "storage/agreements/store.h"

namespace mea::services {
namespace {

v1::StoredSettlement ToProto(const storage::SettlementRecord& record) {
  v1::StoredSettlement stored;
  stored.set_agreement_id(record.agreement_id);
  stored.set_number(record.number);
  stored.set_input_digest(record.input_digest);
  stored.set_create_time(record.create_time);
  stored.set_supplier(record.supplier);
  *stored.mutable_settlement() = SettlementProto(record.settlement);
  return stored;
}

// The input of the agreement's evaluation: its stored terms and every
// stored result.
absl::StatusOr<v1::EvaluationInput> StoredInput(storage::Connection& connection,
                                                const v1::Agreement& agreement,
                                                const v1::Period& period,
                                                const std::string& as_of) {
  absl::StatusOr<v1::Results> results =
      storage::LoadResults(connection, agreement.id());
  if (!results.ok()) return results.status();
  return MakeInput(TermsOf(agreement), *std::move(results), period, as_of);
}

// Evaluates the agreement on its stored results and stores the numbered
// record, all in the caller's transaction.
absl::StatusOr<storage::SettlementRecord> SettleStored(
    storage::Connection& connection, const std::string& agreement_id,
    const v1::Period& period, const std::string& as_of,
    const std::string& now) {
  absl::StatusOr<v1::Agreement> agreement =
      storage::LoadAgreement(connection, agreement_id);
  if (!agreement.ok()) return agreement.status();
  absl::StatusOr<v1::EvaluationInput> input =
      StoredInput(connection, *agreement, period, as_of);
  if (!input.ok()) return input.status();
  InputOrigin origin;
  origin.agreement = InputOrigin::kStored;
  origin.results = InputOrigin::kStored;
  std::vector<rules::FieldViolation> violations;
  absl::StatusOr<rules::EvaluationInput> typed =
      MapEvaluationInput(*input, origin, violations);
  if (!violations.empty()) return EvaluationRefused(violations);
  if (!typed.ok()) return typed.status();
  absl::StatusOr<int64_t> number =
      storage::NextSettlementNumber(connection, agreement_id);
  if (!number.ok()) return number.status();
  storage::SettlementRecord record{
      agreement_id,          *number,
      MessageDigest(*input), now,
      rules::Settle(*typed), agreement->supplier()};
  absl::Status stored = storage::InsertSettlement(connection, record);
  if (!stored.ok()) return stored;
  return record;
}

}  // namespace

absl::StatusOr<v1::StoredSettlement> AgreementServiceImpl::Settle(
    const auth::CallAuth& call, const v1::SettleAgreementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  ValidatePeriod(request.period(), "period", violations);
  ValidateOptionalDate(request.as_of(), "as_of", violations);
  if (!violations.empty()) return violations.ToStatus();
  const std::string as_of = AsOfOrToday(request.as_of());
  const std::string now = clock_->NowRfc3339();
  absl::StatusOr<storage::SettlementRecord> record;
  absl::Status settled = database_->Write([&](storage::Connection& c) {
    record =
        SettleStored(c, request.agreement_id(), request.period(), as_of, now);
    if (!record.ok()) return record.status();
    return audit::RecordChange(
        c, call, *clock_, request,
        absl::StrCat(AgreementResource(record->agreement_id), "/settlements/",
                     record->number));
  });
  if (!settled.ok()) return settled;
  return ToProto(*record);
}

absl::StatusOr<v1::StoredSettlement> AgreementServiceImpl::GetStored(
    const auth::CallAuth& call, const v1::GetSettlementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  if (request.number() < 1) violations.Add("number", "must be at least 1");
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<storage::SettlementRecord> record;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    absl::Status owned = CheckSettlementOwner(c, call, request.agreement_id());
    if (!owned.ok()) return owned;
    // A draft the caller may not see has no settlements either: the answer
    // is the one for an agreement that does not exist.
    absl::StatusOr<v1::Agreement> agreement =
        LoadVisibleAgreement(c, call.principal, request.agreement_id());
    if (absl::IsNotFound(agreement.status())) {
      return storage::SettlementNotFound(request.agreement_id(),
                                         request.number());
    }
    if (!agreement.ok()) return agreement.status();
    record =
        storage::LoadSettlement(c, request.agreement_id(), request.number());
    return record.status();
  });
  if (!read.ok()) return read;
  return ToProto(*record);
}

absl::Status AgreementServiceImpl::ListStored(
    const auth::CallAuth& call, const v1::ListSettlementsRequest& request,
    v1::ListSettlementsResponse& response) {
  FieldViolations violations;
  ValidateAgreementId(request.agreement_id(), "agreement_id", violations);
  Page page = ParsePage(request.page_size(), request.page_token(),
                        request.agreement_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<std::vector<storage::SettlementRecord>> records;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    absl::Status owned = CheckSettlementOwner(c, call, request.agreement_id());
    if (!owned.ok()) return owned;
    absl::StatusOr<v1::Agreement> agreement =
        LoadVisibleAgreement(c, call.principal, request.agreement_id());
    if (!agreement.ok()) return agreement.status();
    records = storage::ListSettlements(c, request.agreement_id(), page.offset,
                                       page.size + 1);
    return records.status();
  });
  if (!read.ok()) return read;
  for (size_t i = 0; i < records->size() && i < static_cast<size_t>(page.size);
       ++i) {
    *response.add_settlements() = ToProto((*records)[i]);
  }
  if (records->size() > static_cast<size_t>(page.size)) {
    response.set_next_page_token(
        PageToken(page.offset + page.size, request.agreement_id()));
  }
  return absl::OkStatus();
}

grpc::Status AgreementServiceImpl::SettleAgreement(
    grpc::ServerContext* context, const v1::SettleAgreementRequest* request,
    v1::StoredSettlement* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<v1::StoredSettlement> stored = Settle(*call, *request);
  if (stored.ok()) *response = *std::move(stored);
  return ToGrpcStatus(stored.status());
}

grpc::Status AgreementServiceImpl::GetSettlement(
    grpc::ServerContext* context, const v1::GetSettlementRequest* request,
    v1::StoredSettlement* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<v1::StoredSettlement> stored = GetStored(*call, *request);
  if (stored.ok()) *response = *std::move(stored);
  return ToGrpcStatus(stored.status());
}

grpc::Status AgreementServiceImpl::ListSettlements(
    grpc::ServerContext* context, const v1::ListSettlementsRequest* request,
    v1::ListSettlementsResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  return ToGrpcStatus(ListStored(*call, *request, *response));
}

}  // namespace mea::services
