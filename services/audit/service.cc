#include "services/audit/service.h"

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "services/auth/redaction.h"
#include "services/auth/serve.h"
#include "services/rpc/pagination.h"
#include "storage/audit/store.h"

namespace mea::services::audit {
namespace {

// The stored trail is named in full (storage::audit::): a bare `audit::`
// here would be this namespace.
void ToProto(const storage::audit::AuditEntry& entry, v1::AuditEntry& out) {
  out.set_sequence(entry.sequence);
  out.set_time(entry.record.time);
  out.set_principal(entry.record.principal);
  out.set_organisation(entry.record.organisation);
  out.set_role(entry.record.role);
  out.set_credential(entry.record.credential);
  out.set_rpc(entry.record.rpc);
  out.set_resource(entry.record.resource);
  out.set_request_digest(entry.record.request_digest);
  out.set_reason(entry.record.reason);
  out.set_previous_hash(entry.previous_hash);
  out.set_entry_hash(entry.entry_hash);
  out.set_version(entry.version);
  if (entry.version >= 2) out.set_state_digest(entry.state_digest);
}

v1::ChangedOutside::Kind ToProto(storage::audit::StateMismatch::Kind kind) {
  switch (kind) {
    case storage::audit::StateMismatch::Kind::kChanged:
      return v1::ChangedOutside::CHANGED;
    case storage::audit::StateMismatch::Kind::kUnrecorded:
      return v1::ChangedOutside::ADDED;
    case storage::audit::StateMismatch::Kind::kRemoved:
      return v1::ChangedOutside::DELETED;
  }
  return v1::ChangedOutside::KIND_UNSPECIFIED;
}

absl::Status List(storage::Database& database,
                  const v1::ListAuditEntriesRequest& request,
                  v1::ListAuditEntriesResponse& response) {
  FieldViolations violations;
  const std::string filter_key = absl::StrCat("audit\x1f", request.resource(),
                                              "\x1f", request.principal());
  Page page = ParsePage(request.page_size(), request.page_token(), filter_key,
                        violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  storage::audit::ListFilter filter{request.resource(), request.principal(),
                                    page.offset, page.size + 1};
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(const std::vector<storage::audit::AuditEntry> entries,
                         storage::audit::List(connection, filter));
    for (size_t i = 0; i < entries.size() && i < size_t(page.size); ++i) {
      ToProto(entries[i], *response.add_entries());
    }
    if (entries.size() > size_t(page.size)) {
      response.set_next_page_token(
          PageToken(page.offset + page.size, filter_key));
    }
    return absl::OkStatus();
  });
}

// An anchor only for roles that see confidential figures, and a
// well-formed one.
absl::Status CheckVerifyRequest(const auth::CallAuth& call,
                                const v1::VerifyAuditChainRequest& request) {
  // The anchor's hash is derived from confidential figures: checking a
  // caller's guess would be an oracle for them (docs/security.md).
  if ((request.known_head_sequence() != 0 ||
       !request.known_head_hash().empty()) &&
      !auth::SeesAllConfidential(call.principal)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "VerifyAuditChain checks an anchor (known_head_hash) only for roles "
        "that see confidential figures (PROCUREMENT, FORUM_MEMBER); the "
        "caller has role ",
        identity::RoleName(call.principal.role),
        ". Verify without an anchor, or ask one of those roles"));
  }
  FieldViolations violations;
  if (request.known_head_sequence() < 0) {
    violations.Add("known_head_sequence", "must not be negative");
  }
  if (request.known_head_sequence() > 0 &&
      request.known_head_hash().size() != 64) {
    violations.Add("known_head_hash",
                   "must be the 64 hex digits of the anchor entry's hash");
  }
  return violations.ToStatus();
}

absl::Status Verify(storage::Database& database, const auth::CallAuth& call,
                    const v1::VerifyAuditChainRequest& request,
                    v1::VerifyAuditChainResponse& response) {
  MEA_RETURN_IF_ERROR(CheckVerifyRequest(call, request));
  return database.Read([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(
        const storage::audit::Verification result,
        storage::audit::Verify(connection, request.known_head_sequence(),
                               request.known_head_hash()));
    response.set_intact(result.intact);
    response.set_entries(result.rows);
    response.set_head_sequence(result.head_sequence);
    if (result.head_sequence > 0) response.set_head_hash(result.head_hash);
    response.set_first_broken_sequence(result.first_broken);
    response.set_problem(result.problem);
    response.set_keyed_from(result.keyed_from);
    for (const storage::audit::StateMismatch& mismatch :
         result.changed_outside) {
      v1::ChangedOutside& out = *response.add_changed_outside();
      out.set_table(mismatch.table);
      out.set_group_key(mismatch.group_key);
      out.set_kind(ToProto(mismatch.kind));
    }
    return absl::OkStatus();
  });
}

}  // namespace

AuditServiceImpl::AuditServiceImpl(storage::Database* database)
    : ParsesUnaryRequests(v1::AuditService::service_full_name()),
      database_(database) {
  ParseRequestsOf("ListAuditEntries", &AuditServiceImpl::ListAuditEntries);
  ParseRequestsOf("VerifyAuditChain", &AuditServiceImpl::VerifyAuditChain);
}

grpc::Status AuditServiceImpl::ListAuditEntries(
    grpc::ServerContext* context, const v1::ListAuditEntriesRequest* request,
    v1::ListAuditEntriesResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth&) {
    return List(*database_, *request, *response);
  });
}

grpc::Status AuditServiceImpl::VerifyAuditChain(
    grpc::ServerContext* context, const v1::VerifyAuditChainRequest* request,
    v1::VerifyAuditChainResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return Verify(*database_, call, *request, *response);
  });
}

}  // namespace mea::services::audit
