// AgreementService: creating, reading, listing and updating agreements.
#include "services/agreements/service.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rules/civil_date.h"
#include "rules/method_id.h"
#include "services/agreements/access.h"
#include "services/agreements/summary.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "services/audit/trail.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "services/rpc/pagination.h"
#include "services/auth/redaction.h"
#include "storage/agreements/store.h"

namespace mea::services {
namespace {

using v1::Agreement;

// An agreement as the server answers it: with its public summary, and
// every figure present (even a zero), so that a figure is missing from an
// answer only when the redaction step withheld it.
Agreement WithSummary(Agreement agreement) {
  *agreement.mutable_summary() = SummarizeAgreement(agreement);
  auth::MarkFiguresPresent(agreement);
  return agreement;
}

// The agreement's method must exist, and its decision, when it names one,
// must be a decision of that method.
absl::Status CheckReferences(storage::Connection& connection,
                             const Agreement& agreement) {
  absl::StatusOr<bool> method =
      storage::MethodExists(connection, agreement.method_id());
  if (!method.ok()) return method.status();
  if (!*method) {
    return absl::NotFoundError(
        absl::StrCat("method ", agreement.method_id(), " not found"));
  }
  if (agreement.decision_id() == 0) return absl::OkStatus();
  absl::StatusOr<std::optional<std::string>> decision_method =
      storage::MethodOfDecision(connection, agreement.decision_id());
  if (!decision_method.ok()) return decision_method.status();
  if (!decision_method->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("decision ", agreement.decision_id(), " not found"));
  }
  if (**decision_method != agreement.method_id()) {
    FieldViolations violations;
    violations.Add("agreement.decision_id",
                   absl::StrCat("decision ", agreement.decision_id(),
                                " belongs to method ", **decision_method,
                                ", not to ", agreement.method_id()));
    return violations.ToStatus();
  }
  return absl::OkStatus();
}

bool IsFinal(Agreement::State state) {
  return state == Agreement::EXPIRED || state == Agreement::TERMINATED;
}

std::string ListFilter(const v1::ListAgreementsRequest& request) {
  return absl::StrCat(request.method_id(), "|", request.supplier(), "|",
                      request.state());
}

}  // namespace

std::string AgreementServiceImpl::AsOfOrToday(const std::string& as_of) const {
  return as_of.empty() ? rules::FormatDate(clock_->Today()) : as_of;
}

absl::StatusOr<Agreement> AgreementServiceImpl::Create(
    const auth::CallAuth& call, const v1::CreateAgreementRequest& request) {
  Agreement agreement = request.agreement();
  agreement.clear_summary();
  if (agreement.state() == Agreement::STATE_UNSPECIFIED) {
    agreement.set_state(Agreement::DRAFT);
  }
  FieldViolations violations;
  ValidateAgreement(agreement, violations);
  if (IsFinal(agreement.state())) {
    violations.Add("agreement.state", "a new agreement is DRAFT or ACTIVE");
  }
  if (!violations.empty()) return violations.ToStatus();
  agreement.set_create_time(clock_->NowRfc3339());
  agreement.set_update_time(agreement.create_time());
  absl::StatusOr<Agreement> stored;
  absl::Status created = database_->Write([&](storage::Connection& c) {
    absl::Status references = CheckReferences(c, agreement);
    if (!references.ok()) return references;
    absl::Status inserted = storage::InsertAgreement(c, agreement);
    if (inserted.ok()) {
      inserted = audit::RecordChange(c, call, *clock_, request,
                                     AgreementResource(agreement.id()));
    }
    if (!inserted.ok()) return inserted;
    // Read back, so the answer shows what is stored (canonical unit price).
    stored = storage::LoadAgreement(c, agreement.id());
    return stored.status();
  });
  if (!created.ok()) return created;
  return WithSummary(*std::move(stored));
}

absl::StatusOr<Agreement> AgreementServiceImpl::Get(
    const auth::CallAuth& call, const v1::GetAgreementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.id(), "id", violations);
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<Agreement> agreement;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    agreement = LoadVisibleAgreement(c, call.principal, request.id());
    return agreement.status();
  });
  if (!read.ok()) return read;
  return WithSummary(*std::move(agreement));
}

absl::Status AgreementServiceImpl::List(
    const auth::CallAuth& call, const v1::ListAgreementsRequest& request,
    v1::ListAgreementsResponse& response) {
  FieldViolations violations;
  const std::string filter_key = ListFilter(request);
  Page page = ParsePage(request.page_size(), request.page_token(), filter_key,
                        violations);
  if (!Agreement::State_IsValid(request.state())) {
    violations.Add("state", "is not a known agreement state");
  }
  if (!request.method_id().empty() && !rules::IsMethodId(request.method_id())) {
    violations.Add("method_id",
                   "must be a Nye metoder case id such as \"ID2021_045\"");
  }
  if (!violations.empty()) return violations.ToStatus();
  storage::AgreementFilter filter{request.method_id(), request.supplier(), "",
                                  DraftsVisibleTo(call.principal)};
  if (request.state() != Agreement::STATE_UNSPECIFIED) {
    filter.state = Agreement::State_Name(request.state());
  }
  absl::StatusOr<std::vector<Agreement>> rows;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    rows = storage::ListAgreements(c, filter, page.offset, page.size + 1);
    return rows.status();
  });
  if (!read.ok()) return read;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(page.size);
       ++i) {
    *response.add_agreements() = WithSummary(std::move((*rows)[i]));
  }
  if (rows->size() > static_cast<size_t>(page.size)) {
    response.set_next_page_token(
        PageToken(page.offset + page.size, filter_key));
  }
  return absl::OkStatus();
}

absl::StatusOr<Agreement> AgreementServiceImpl::Update(
    const auth::CallAuth& call, const v1::UpdateAgreementRequest& request) {
  const std::string& id = request.agreement().id();
  FieldViolations id_violations;
  ValidateAgreementId(id, "agreement.id", id_violations);
  if (!id_violations.empty()) return id_violations.ToStatus();
  const std::string now = clock_->NowRfc3339();
  absl::StatusOr<Agreement> result;
  absl::Status updated = database_->Write([&](storage::Connection& c) {
    absl::StatusOr<Agreement> stored = storage::LoadAgreement(c, id);
    if (!stored.ok()) return stored.status();
    if (IsFinal(stored->state())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "agreement ", id, " is ", Agreement::State_Name(stored->state()),
          "; an ended agreement no longer changes"));
    }
    Agreement merged = *stored;
    FieldViolations violations;
    ApplyUpdateMask(request.agreement(), request.update_mask(), merged,
                    violations);
    if (violations.empty()) ValidateAgreement(merged, violations);
    if (!violations.empty()) return violations.ToStatus();
    absl::Status transition = CheckTransition(stored->state(), merged.state());
    if (!transition.ok()) return transition;
    if (merged.decision_id() != stored->decision_id()) {
      absl::Status references = CheckReferences(c, merged);
      if (!references.ok()) return references;
    }
    merged.set_update_time(now);
    absl::Status written = storage::UpdateAgreement(c, merged);
    if (written.ok()) {
      written =
          audit::RecordChange(c, call, *clock_, request, AgreementResource(id));
    }
    if (!written.ok()) return written;
    result = storage::LoadAgreement(c, id);
    return result.status();
  });
  if (!updated.ok()) return updated;
  return WithSummary(*std::move(result));
}

AgreementServiceImpl::AgreementServiceImpl(storage::Database* database,
                                           const Clock* clock)
    : ParsesUnaryRequests(v1::AgreementService::service_full_name()),
      database_(database),
      clock_(clock) {
  using Self = AgreementServiceImpl;
  ParseRequestsOf("CreateAgreement", &Self::CreateAgreement);
  ParseRequestsOf("GetAgreement", &Self::GetAgreement);
  ParseRequestsOf("ListAgreements", &Self::ListAgreements);
  ParseRequestsOf("UpdateAgreement", &Self::UpdateAgreement);
  ParseRequestsOf("SettleAgreement", &Self::SettleAgreement);
  ParseRequestsOf("GetSettlement", &Self::GetSettlement);
  ParseRequestsOf("ListSettlements", &Self::ListSettlements);
  ParseRequestsOf("SimulateSettlement", &Self::SimulateSettlement);
  ParseRequestsOf("CompareDrafts", &Self::CompareDrafts);
}

grpc::Status AgreementServiceImpl::CreateAgreement(
    grpc::ServerContext* context, const v1::CreateAgreementRequest* request,
    Agreement* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<Agreement> agreement = Create(*call, *request);
  if (agreement.ok()) *response = *std::move(agreement);
  return ToGrpcStatus(agreement.status());
}

grpc::Status AgreementServiceImpl::GetAgreement(
    grpc::ServerContext* context, const v1::GetAgreementRequest* request,
    Agreement* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<Agreement> agreement = Get(*call, *request);
  if (agreement.ok()) *response = *std::move(agreement);
  return ToGrpcStatus(agreement.status());
}

grpc::Status AgreementServiceImpl::ListAgreements(
    grpc::ServerContext* context, const v1::ListAgreementsRequest* request,
    v1::ListAgreementsResponse* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  return ToGrpcStatus(List(*call, *request, *response));
}

grpc::Status AgreementServiceImpl::UpdateAgreement(
    grpc::ServerContext* context, const v1::UpdateAgreementRequest* request,
    Agreement* response) {
  absl::StatusOr<auth::CallAuth> call = auth::AuthorizeCall(context);
  if (!call.ok()) return ToGrpcStatus(call.status());
  absl::StatusOr<Agreement> agreement = Update(*call, *request);
  if (agreement.ok()) *response = *std::move(agreement);
  return ToGrpcStatus(agreement.status());
}

}  // namespace mea::services
