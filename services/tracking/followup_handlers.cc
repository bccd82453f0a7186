// TrackingService: follow-up of temporary introductions. Data obligations
// (dataansvar) go PENDING -> DELIVERED | WAIVED; reassessments (revurdering)
// go SCHEDULED -> UNDER_ASSESSMENT -> COMPLETED, with EXTENSION moving the
// deadline and returning to SCHEDULED. A change from the wrong state is
// FAILED_PRECONDITION.
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "rules/civil_date.h"
#include "services/audit/trail.h"
#include "services/auth/call_auth.h"
#include "services/auth/serve.h"
#include "services/rpc/fields.h"
#include "services/tracking/access.h"
#include "services/tracking/history.h"
#include "services/tracking/mapping.h"
#include "services/tracking/service.h"
#include "services/tracking/validation.h"
#include "storage/tracking/store.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

absl::Status RequirePending(const store::DataObligationRecord& obligation) {
  if (obligation.state == store::ObligationState::kPending) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      absl::StrCat("data obligation ", obligation.id, " is ",
                   v1::DataObligation::State_Name(ToProto(obligation.state)),
                   "; only a PENDING obligation can be delivered or waived"));
}

// Who asks for a change of an obligation, and why (for the audit trail).
struct ObligationCall {
  const auth::CallAuth& call;
  const google::protobuf::Message& request;
  std::string reason;
};

// Changes obligation `id` with `change` (after checking that the caller may
// and that it is PENDING), records the change in the audit trail and
// answers with its new state.
template <typename Change>
absl::Status ChangeObligation(storage::Database& database, const Clock& clock,
                              const ObligationCall& asked, int64_t id,
                              v1::DataObligation& response, Change change) {
  const absl::CivilDay today = clock.Today();
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    absl::StatusOr<store::DataObligationRecord> found =
        store::LoadDataObligation(connection, id);
    MEA_RETURN_IF_ERROR(
        CheckOwner(asked.call, found.status(),
                   found.ok() ? found->responsible_organisation : ""));
    MEA_RETURN_IF_ERROR(RequirePending(*found));
    MEA_RETURN_IF_ERROR(change(connection));
    MEA_RETURN_IF_ERROR(
        audit::RecordChange(connection, asked.call, clock, asked.request,
                            ObligationResource(id), asked.reason));
    MEA_ASSIGN_OR_RETURN(store::DataObligationRecord obligation,
                         store::LoadDataObligation(connection, id));
    response = ToProto(obligation, today);
    return absl::OkStatus();
  });
}

absl::Status DeliverInTransaction(
    storage::Database& database, const Clock& clock, const auth::CallAuth& call,
    const v1::DeliverDataObligationRequest& request,
    v1::DataObligation& response) {
  FieldViolations violations;
  const Delivery delivery =
      ValidateDelivery(request, clock.Today(), violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  return ChangeObligation(database, clock, ObligationCall{call, request, ""},
                          delivery.id, response,
                          [&](storage::Connection& connection) {
                            return store::MarkDataObligationDelivered(
                                connection, delivery.id,
                                delivery.delivered_date, delivery.reference);
                          });
}

absl::Status WaiveInTransaction(storage::Database& database, const Clock& clock,
                                const auth::CallAuth& call,
                                const v1::WaiveDataObligationRequest& request,
                                v1::DataObligation& response) {
  FieldViolations violations;
  ValidateWaiver(request, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  return ChangeObligation(
      database, clock, ObligationCall{call, request, request.reason()},
      request.id(), response, [&](storage::Connection& connection) {
        return store::MarkDataObligationWaived(connection, request.id(),
                                               request.reason());
      });
}

// The reassessment of decision `decision_id`: NOT_FOUND without the
// decision, FAILED_PRECONDITION when it is not a temporary introduction.
absl::StatusOr<store::DecisionRecord> LoadReassessedDecision(
    storage::Connection& connection, int64_t decision_id) {
  MEA_ASSIGN_OR_RETURN(store::DecisionRecord decision,
                       store::LoadDecision(connection, decision_id));
  if (!decision.follow_up.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("decision ", decision_id, " is ",
                     v1::Decision::IntroductionType_Name(
                         ToProto(decision.introduction_type)),
                     ", not a temporary introduction; it has no reassessment"));
  }
  return decision;
}

absl::Status WrongState(int64_t decision_id, store::ReassessmentState state,
                        const std::string& expected) {
  return absl::FailedPreconditionError(absl::StrCat(
      "the reassessment of decision ", decision_id, " is ",
      v1::Reassessment::State_Name(ToProto(state)), "; ", expected));
}

absl::Status Extend(storage::Connection& connection,
                    const store::ReassessmentRecord& reassessment,
                    const Completion& completion) {
  FieldViolations violations;
  if (*completion.new_deadline <= reassessment.deadline) {
    violations.Add("new_deadline",
                   absl::StrCat("must be after the current deadline (",
                                rules::FormatDate(reassessment.deadline), ")"));
  }
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  store::ReassessmentExtensionRecord extension;
  extension.previous_deadline = reassessment.deadline;
  extension.new_deadline = *completion.new_deadline;
  extension.reason = completion.reason;
  extension.decided_date = completion.completed_date;
  return store::ExtendReassessment(connection, reassessment.decision_id,
                                   extension);
}

// Records the resulting decision (superseding the reassessed one) and
// completes the reassessment; returns the resulting decision's id.
absl::StatusOr<int64_t> Complete(storage::Connection& connection,
                                 const store::DecisionRecord& reassessed,
                                 const Completion& completion,
                                 const std::string& now) {
  const store::ReassessmentRecord& reassessment =
      reassessed.follow_up->reassessment;
  if (reassessment.state != store::ReassessmentState::kUnderAssessment) {
    return WrongState(reassessed.id, reassessment.state,
                      "start it (StartReassessment) before completing it");
  }
  store::DecisionRecord resulting = *completion.resulting_decision;
  resulting.method_id = reassessed.method_id;
  resulting.supersedes_decision_id = reassessed.id;
  MEA_RETURN_IF_ERROR(CheckCanRecord(connection, resulting,
                                     "resulting_decision", Via::kReassessment));
  MEA_ASSIGN_OR_RETURN(int64_t resulting_id,
                       store::InsertDecision(connection, resulting, now));
  store::ReassessmentRecord completed = reassessment;
  completed.outcome = completion.outcome;
  completed.subgroup = completion.subgroup;
  completed.reason = completion.reason;
  completed.completed_date = completion.completed_date;
  completed.resulting_decision_id = resulting_id;
  MEA_RETURN_IF_ERROR(store::MarkReassessmentCompleted(connection, completed));
  return resulting_id;
}

absl::Status CheckCompletionDate(const store::DecisionRecord& reassessed,
                                 const Completion& completion) {
  FieldViolations violations;
  if (completion.completed_date < reassessed.decision_date) {
    violations.Add(
        "completed_date",
        absl::StrCat("must not be before the decision date (",
                     rules::FormatDate(reassessed.decision_date), ")"));
  }
  return violations.ToStatus();
}

absl::Status CompleteInTransaction(
    storage::Database& database, const Clock& clock, const auth::CallAuth& call,
    const v1::CompleteReassessmentRequest& request,
    v1::CompleteReassessmentResponse& response) {
  const absl::CivilDay today = clock.Today();
  FieldViolations violations;
  Completion completion = ValidateCompletion(request, today, violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const std::string now = clock.NowRfc3339();
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(
        store::DecisionRecord reassessed,
        LoadReassessedDecision(connection, completion.decision_id));
    const store::ReassessmentRecord& reassessment =
        reassessed.follow_up->reassessment;
    if (reassessment.state == store::ReassessmentState::kCompleted) {
      return WrongState(reassessed.id, reassessment.state,
                        "a reassessment is completed only once");
    }
    MEA_RETURN_IF_ERROR(CheckCompletionDate(reassessed, completion));
    if (completion.outcome == store::ReassessmentOutcome::kExtension) {
      MEA_RETURN_IF_ERROR(Extend(connection, reassessment, completion));
    } else {
      MEA_ASSIGN_OR_RETURN(int64_t resulting_id,
                           Complete(connection, reassessed, completion, now));
      MEA_ASSIGN_OR_RETURN(store::DecisionRecord resulting,
                           store::LoadDecision(connection, resulting_id));
      *response.mutable_resulting_decision() = ToProto(resulting, today);
    }
    MEA_RETURN_IF_ERROR(audit::RecordChange(connection, call, clock, request,
                                            ReassessmentResource(reassessed.id),
                                            request.reason()));
    MEA_ASSIGN_OR_RETURN(store::ReassessmentRecord updated,
                         store::LoadReassessment(connection, reassessed.id));
    *response.mutable_reassessment() = ToProto(updated, today);
    return absl::OkStatus();
  });
}

absl::Status StartInTransaction(storage::Database& database, const Clock& clock,
                                const auth::CallAuth& call,
                                const v1::StartReassessmentRequest& request,
                                v1::Reassessment& response) {
  FieldViolations violations;
  CheckId(request.decision_id(), "decision_id", violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  const absl::CivilDay today = clock.Today();
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    MEA_ASSIGN_OR_RETURN(
        store::DecisionRecord decision,
        LoadReassessedDecision(connection, request.decision_id()));
    const store::ReassessmentState state =
        decision.follow_up->reassessment.state;
    if (state != store::ReassessmentState::kScheduled) {
      return WrongState(decision.id, state,
                        "only a SCHEDULED reassessment can be started");
    }
    MEA_RETURN_IF_ERROR(
        store::MarkReassessmentStarted(connection, decision.id));
    MEA_RETURN_IF_ERROR(audit::RecordChange(connection, call, clock, request,
                                            ReassessmentResource(decision.id)));
    MEA_ASSIGN_OR_RETURN(store::ReassessmentRecord started,
                         store::LoadReassessment(connection, decision.id));
    response = ToProto(started, today);
    return absl::OkStatus();
  });
}

}  // namespace

grpc::Status TrackingServiceImpl::DeliverDataObligation(
    grpc::ServerContext* context,
    const v1::DeliverDataObligationRequest* request,
    v1::DataObligation* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return DeliverInTransaction(*database_, *clock_, call, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::WaiveDataObligation(
    grpc::ServerContext* context, const v1::WaiveDataObligationRequest* request,
    v1::DataObligation* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return WaiveInTransaction(*database_, *clock_, call, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::StartReassessment(
    grpc::ServerContext* context, const v1::StartReassessmentRequest* request,
    v1::Reassessment* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return StartInTransaction(*database_, *clock_, call, *request, *response);
  });
}

grpc::Status TrackingServiceImpl::CompleteReassessment(
    grpc::ServerContext* context,
    const v1::CompleteReassessmentRequest* request,
    v1::CompleteReassessmentResponse* response) {
  return auth::Serve(context, response, [&](const auth::CallAuth& call) {
    return CompleteInTransaction(*database_, *clock_, call, *request,
                                 *response);
  });
}

}  // namespace mea::services::tracking
