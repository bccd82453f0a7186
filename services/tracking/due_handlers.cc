// TrackingService: what is due (frister) and the dossier of one case. Both
// read the due_items view, so agreement expiries and outcome triggers show
// up here as soon as the agreements area feeds the view.
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/agreements/summary.h"
#include "services/agreements/visibility.h"
#include "services/auth/call_auth.h"
#include "services/auth/serve.h"
#include "services/rpc/fields.h"
#include "services/rpc/pagination.h"
#include "services/tracking/mapping.h"
#include "services/tracking/paging.h"
#include "services/tracking/service.h"
#include "services/tracking/validation.h"
#include "storage/agreements/store.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

// Storage's LIMIT for "every row".
constexpr int32_t kAllRows = -1;

// A token is bound to the resolved filter and to today: on another day the
// same offset may point at other items.
std::string DueFilterKey(const store::DueQuery& query) {
  std::string key = absl::StrCat(
      "due\x1f", rules::FormatDate(query.today), "\x1f",
      rules::FormatDate(query.end_date), "\x1f", query.responsible_organisation,
      "\x1f", query.method_id, "\x1f", query.therapeutic_area, "\x1f");
  for (store::DueItemKind kind : query.kinds) {
    absl::StrAppend(&key, static_cast<int>(ToProto(kind)), ",");
  }
  return key;
}

// A caller that sees only its own organisation's items lists those: asking
// for another organisation's is refused, asking for none means its own.
absl::Status ScopeToOwnOrganisation(const auth::CallAuth& call,
                                    store::DueQuery& query) {
  if (!call.own_organisation_only()) return absl::OkStatus();
  if (!query.responsible_organisation.empty()) {
    MEA_RETURN_IF_ERROR(auth::RequireOwnOrganisation(
        call, std::vector<std::string>{query.responsible_organisation}));
  }
  query.responsible_organisation = call.principal.organisation;
  return absl::OkStatus();
}

absl::Status ListDueInTransaction(storage::Database& database,
                                  const Clock& clock,
                                  const auth::CallAuth& call,
                                  const v1::ListDueItemsRequest& request,
                                  v1::ListDueItemsResponse& response) {
  const absl::CivilDay today = clock.Today();
  FieldViolations violations;
  store::DueQuery query = ValidateDueQuery(request, today, violations);
  MEA_RETURN_IF_ERROR(ScopeToOwnOrganisation(call, query));
  query.drafts = agreements::DraftsVisibleTo(call.principal);
  const std::string key = DueFilterKey(query);
  Page page =
      ParsePage(request.page_size(), request.page_token(), key, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(std::vector<store::DueItemRecord> items,
                         store::ListDueItems(connection, query, page.offset,
                                             LookAheadLimit(page)));
    MEA_ASSIGN_OR_RETURN(store::DueCounts counts,
                         store::CountDueItems(connection, query));
    response.set_next_page_token(TrimToPage(items, page, key));
    for (const store::DueItemRecord& item : items) {
      *response.add_items() = ToProto(item, today);
    }
    response.set_total_count(static_cast<int32_t>(counts.total));
    response.set_overdue_count(static_cast<int32_t>(counts.overdue));
    response.set_today(rules::FormatDate(today));
    return absl::OkStatus();
  });
}

// Every open item of one method, whatever its date.
store::DueQuery DossierQuery(const std::string& method_id,
                             absl::CivilDay today) {
  store::DueQuery query;
  query.today = today;
  query.end_date = absl::CivilDay(9999, 12, 31);
  query.method_id = method_id;
  return query;
}

// Which of a case's due items a dossier shows its caller. The dossier is
// open to every role (a caller never sees less than the public), and shows
// each caller only what the other RPCs would show it, so that it reveals
// nothing new:
enum class DueScope {
  // The method's own supplier and the roles that list every due item:
  // all of the case's items.
  kAll,
  // Another supplier, a registry: the items its organisation owes, as
  // ListDueItems filters them.
  kOwnOrganisation,
  // The public, which may not list due items: none.
  kNone,
};

DueScope DossierDueScope(const identity::Principal& caller,
                         const store::MethodRecord& method) {
  switch (caller.role) {
    case identity::Role::kSecretariat:
    case identity::Role::kProcurement:
    case identity::Role::kForumMember:
    case identity::Role::kLocal:
      return DueScope::kAll;
    case identity::Role::kSupplier:
      if (caller.organisation.empty()) return DueScope::kNone;
      return caller.organisation == method.supplier
                 ? DueScope::kAll
                 : DueScope::kOwnOrganisation;
    case identity::Role::kRegistry:
      // A token without an organisation would otherwise match every item.
      return caller.organisation.empty() ? DueScope::kNone
                                         : DueScope::kOwnOrganisation;
    case identity::Role::kPublic:
      break;
  }
  return DueScope::kNone;
}

absl::Status DossierInTransaction(storage::Database& database,
                                  const Clock& clock,
                                  const auth::CallAuth& call,
                                  const v1::GetDossierRequest& request,
                                  v1::Dossier& response) {
  FieldViolations violations;
  CheckMethodId(request.method_id(), "method_id", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const absl::CivilDay today = clock.Today();
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(const store::MethodRecord method,
                         store::LoadMethod(connection, request.method_id()));
    const DueScope due_scope = DossierDueScope(call.principal, method);
    store::DecisionFilter filter;
    filter.method_id = method.id;
    MEA_ASSIGN_OR_RETURN(
        std::vector<store::DecisionRecord> decisions,
        store::ListDecisions(connection, filter, /*offset=*/0, kAllRows));
    store::DueQuery query = DossierQuery(method.id, today);
    query.drafts = agreements::DraftsVisibleTo(call.principal);
    if (due_scope == DueScope::kOwnOrganisation) {
      query.responsible_organisation = call.principal.organisation;
    }
    std::vector<store::DueItemRecord> items;
    if (due_scope != DueScope::kNone) {
      MEA_ASSIGN_OR_RETURN(items, store::ListDueItems(connection, query,
                                                      /*offset=*/0, kAllRows));
    }
    storage::agreements::AgreementFilter agreement_filter;
    agreement_filter.method_id = method.id;
    // Drafts only for those who may see them (agreement_visibility.h).
    agreement_filter.drafts = agreements::DraftsVisibleTo(call.principal);
    MEA_ASSIGN_OR_RETURN(
        std::vector<storage::agreements::AgreementRecord> agreements,
        storage::agreements::ListAgreements(connection, agreement_filter,
                                            /*offset=*/0, kAllRows));
    *response.mutable_method() = ToProto(method);
    // Only the public form and structure: a dossier carries no figures.
    for (const storage::agreements::AgreementRecord& agreement : agreements) {
      MEA_ASSIGN_OR_RETURN(*response.add_agreements(),
                           agreements::SummarizeStoredAgreement(agreement));
    }
    for (const store::DecisionRecord& decision : decisions) {
      *response.add_decisions() = ToProto(decision, today);
    }
    int32_t overdue = 0;
    for (const store::DueItemRecord& item : items) {
      *response.add_due_items() = ToProto(item, today);
      if (item.due_date < today) ++overdue;
    }
    response.set_overdue_count(overdue);
    response.set_today(rules::FormatDate(today));
    return absl::OkStatus();
  });
}

}  // namespace

grpc::Status TrackingServiceImpl::ListDueItems(
    grpc::ServerContext* context, const v1::ListDueItemsRequest* request,
    v1::ListDueItemsResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return ListDueInTransaction(*database_, *clock_, call, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::GetDossier(
    grpc::ServerContext* context, const v1::GetDossierRequest* request,
    v1::Dossier* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return DossierInTransaction(*database_, *clock_, call, *request, *response);
  });
}

}  // namespace mea::services::tracking
