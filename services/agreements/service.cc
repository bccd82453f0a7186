// AgreementService: creating, reading, listing and updating agreements.
#include "services/agreements/service.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "rules/method_id.h"
#include "services/agreements/access.h"
#include "services/agreements/mapping.h"
#include "services/agreements/summary.h"
#include "services/agreements/validation.h"
#include "services/agreements/visibility.h"
#include "services/audit/trail.h"
#include "services/auth/redaction.h"
#include "services/auth/serve.h"
#include "services/rpc/pagination.h"
#include "storage/agreements/store.h"

namespace mea::services::agreements {
namespace {

namespace store = storage::agreements;

using v1::Agreement;

// A stored agreement as the server answers it: with its public summary,
// and every figure present (even a zero), so that a figure is missing from
// an answer only when the redaction step withheld it.
absl::StatusOr<Agreement> Shown(const store::AgreementRecord& stored) {
  MEA_ASSIGN_OR_RETURN(Agreement agreement, AgreementToProto(stored));
  *agreement.mutable_summary() = SummarizeAgreement(agreement);
  auth::MarkFiguresPresent(agreement);
  return agreement;
}

// The agreement's method must exist, and its decision, when it names one,
// must be a decision of that method.
absl::Status CheckReferences(storage::Connection& connection,
                             const store::AgreementRecord& agreement) {
  MEA_ASSIGN_OR_RETURN(bool method,
                       store::MethodExists(connection, agreement.method_id));
  if (!method) {
    return absl::NotFoundError(
        absl::StrCat("method ", agreement.method_id, " not found"));
  }
  if (agreement.decision_id == 0) return absl::OkStatus();
  MEA_ASSIGN_OR_RETURN(
      std::optional<std::string> decision_method,
      store::MethodOfDecision(connection, agreement.decision_id));
  if (!decision_method.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("decision ", agreement.decision_id, " not found"));
  }
  if (*decision_method == agreement.method_id) return absl::OkStatus();
  FieldViolations violations;
  violations.Add(
      "agreement.decision_id",
      absl::StrCat("decision ", agreement.decision_id, " belongs to method ",
                   *decision_method, ", not to ", agreement.method_id));
  return violations.ToStatus();
}

bool IsFinal(Agreement::State state) {
  return state == Agreement::EXPIRED || state == Agreement::TERMINATED;
}

std::string ListFilter(const v1::ListAgreementsRequest& request) {
  return absl::StrCat(request.method_id(), "|", request.supplier(), "|",
                      request.state());
}

// `request` merged onto the stored agreement, validated, as it will be
// stored (update_time aside).
absl::StatusOr<store::AgreementRecord> Merged(
    const store::AgreementRecord& stored,
    const v1::UpdateAgreementRequest& request) {
  MEA_ASSIGN_OR_RETURN(const Agreement before, AgreementToProto(stored));
  if (IsFinal(before.state())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agreement ", stored.id, " is ", Agreement::State_Name(before.state()),
        "; an ended agreement no longer changes"));
  }
  Agreement merged = before;
  FieldViolations violations;
  ApplyUpdateMask(request.agreement(), request.update_mask(), merged,
                  violations);
  if (violations.empty()) ValidateAgreement(merged, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  MEA_RETURN_IF_ERROR(CheckTransition(before.state(), merged.state()));
  return AgreementToRecord(merged);
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
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  agreement.set_create_time(clock_->NowRfc3339());
  agreement.set_update_time(agreement.create_time());
  MEA_ASSIGN_OR_RETURN(const store::AgreementRecord record,
                       AgreementToRecord(agreement));
  store::AgreementRecord stored;
  absl::Status created = database_->Write([&](storage::Connection& c) {
    MEA_RETURN_IF_ERROR(CheckReferences(c, record));
    MEA_RETURN_IF_ERROR(store::InsertAgreement(c, record));
    MEA_RETURN_IF_ERROR(audit::RecordChange(c, call, *clock_, request,
                                            AgreementResource(record.id)));
    // Read back, so the answer shows what is stored (canonical unit price).
    MEA_ASSIGN_OR_RETURN(stored, store::LoadAgreement(c, record.id));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(created);
  return Shown(stored);
}

absl::StatusOr<Agreement> AgreementServiceImpl::Get(
    const auth::CallAuth& call, const v1::GetAgreementRequest& request) {
  FieldViolations violations;
  ValidateAgreementId(request.id(), "id", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  store::AgreementRecord agreement;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(agreement,
                         LoadVisibleAgreement(c, call.principal, request.id()));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(read);
  return Shown(agreement);
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
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const store::AgreementFilter filter{request.method_id(), request.supplier(),
                                      StateFromProto(request.state()),
                                      DraftsVisibleTo(call.principal)};
  std::vector<store::AgreementRecord> rows;
  absl::Status read = database_->Read([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(
        rows, store::ListAgreements(c, filter, page.offset, page.size + 1));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(read);
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(page.size);
       ++i) {
    MEA_ASSIGN_OR_RETURN(*response.add_agreements(), Shown(rows[i]));
  }
  if (rows.size() > static_cast<size_t>(page.size)) {
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
  MEA_RETURN_IF_ERROR(id_violations.ToStatus());
  const std::string now = clock_->NowRfc3339();
  store::AgreementRecord result;
  absl::Status updated = database_->Write([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(const store::AgreementRecord stored,
                         store::LoadAgreement(c, id));
    MEA_ASSIGN_OR_RETURN(store::AgreementRecord merged,
                         Merged(stored, request));
    if (merged.decision_id != stored.decision_id) {
      MEA_RETURN_IF_ERROR(CheckReferences(c, merged));
    }
    merged.update_time = now;
    MEA_RETURN_IF_ERROR(store::UpdateAgreement(c, merged));
    MEA_RETURN_IF_ERROR(
        audit::RecordChange(c, call, *clock_, request, AgreementResource(id)));
    MEA_ASSIGN_OR_RETURN(result, store::LoadAgreement(c, id));
    return absl::OkStatus();
  });
  MEA_RETURN_IF_ERROR(updated);
  return Shown(result);
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
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Create(call, *request);
  });
}

grpc::Status AgreementServiceImpl::GetAgreement(
    grpc::ServerContext* context, const v1::GetAgreementRequest* request,
    Agreement* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Get(call, *request);
  });
}

grpc::Status AgreementServiceImpl::ListAgreements(
    grpc::ServerContext* context, const v1::ListAgreementsRequest* request,
    v1::ListAgreementsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return List(call, *request, *response);
  });
}

grpc::Status AgreementServiceImpl::UpdateAgreement(
    grpc::ServerContext* context, const v1::UpdateAgreementRequest* request,
    Agreement* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Update(call, *request);
  });
}

}  // namespace mea::services::agreements
