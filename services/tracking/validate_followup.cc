// Validation of follow-up requests: delivering or waiving a data obligation
// (dataansvar), completing a reassessment (revurdering), and the due-items
// query.
#include "rules/civil_date.h"
#include "services/rpc/fields.h"
#include "services/tracking/limits.h"
#include "services/tracking/mapping.h"
#include "services/tracking/validation.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

using Outcome = v1::Reassessment::Outcome;
using Type = v1::Decision::IntroductionType;

// A date that defaults to today and may not be after it.
absl::CivilDay PastDateOrToday(const std::string& value,
                               const std::string& path, absl::CivilDay today,
                               FieldViolations& violations) {
  std::optional<absl::CivilDay> day =
      CheckDate(value, path, Presence::kOptional, violations);
  if (!day.has_value()) return today;
  if (*day > today) {
    violations.Add(path, absl::StrCat("must not be after today (",
                                      rules::FormatDate(today), ")"));
  }
  return *day;
}

void ValidateExtension(const v1::CompleteReassessmentRequest& request,
                       Completion& completion, FieldViolations& violations) {
  completion.new_deadline = CheckDate(request.new_deadline(), "new_deadline",
                                      Presence::kRequired, violations);
  if (request.reason().empty()) {
    violations.Add("reason",
                   "is required for an EXTENSION: why the "
                   "temporary introduction is prolonged");
  }
  if (!request.subgroup().empty()) {
    violations.Add("subgroup", "is only for PHASE_OUT_EXCEPT_SUBGROUP");
  }
  if (request.has_resulting_decision()) {
    violations.Add("resulting_decision",
                   "must be absent for an EXTENSION: no new decision is "
                   "made, the deadline moves");
  }
}

// The introduction types a reassessment outcome may result in.
bool AllowsType(Outcome outcome, Type type) {
  switch (outcome) {
    case v1::Reassessment::PERMANENT_INTRODUCTION:
    case v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP:
      return type == v1::Decision::INTRODUCED;
    case v1::Reassessment::RENEGOTIATE_PRICE:
      return type == v1::Decision::INTRODUCED ||
             type == v1::Decision::INTRODUCED_TEMPORARILY ||
             type == v1::Decision::NOT_INTRODUCED;
    case v1::Reassessment::PHASE_OUT:
      return type == v1::Decision::PHASED_OUT ||
             type == v1::Decision::NOT_INTRODUCED;
    default:
      return false;
  }
}

std::string AllowedTypes(Outcome outcome) {
  switch (outcome) {
    case v1::Reassessment::RENEGOTIATE_PRICE:
      return "INTRODUCED, INTRODUCED_TEMPORARILY or NOT_INTRODUCED";
    case v1::Reassessment::PHASE_OUT:
      return "PHASED_OUT or NOT_INTRODUCED";
    default:
      return "INTRODUCED";
  }
}

// The continuing subgroup must be part of the resulting decision's
// conditions (vilkår); it is written there when the conditions are empty.
void ApplySubgroup(const std::string& subgroup, store::DecisionRecord& decision,
                   FieldViolations& violations) {
  if (decision.conditions.empty()) {
    decision.conditions = absl::StrCat(
        "Videreføres kun for undergruppen (continued only for the "
        "subgroup): ",
        subgroup);
  } else if (decision.conditions.find(subgroup) == std::string::npos) {
    violations.Add("resulting_decision.conditions",
                   "must name the subgroup that continues (the text of "
                   "subgroup)");
  }
}

void ValidateFinalOutcome(const v1::CompleteReassessmentRequest& request,
                          absl::CivilDay today, Completion& completion,
                          FieldViolations& violations) {
  const Outcome outcome = request.outcome();
  if (!request.new_deadline().empty()) {
    violations.Add("new_deadline", "is only for an EXTENSION");
  }
  const bool subgroup_outcome =
      outcome == v1::Reassessment::PHASE_OUT_EXCEPT_SUBGROUP;
  if (subgroup_outcome && request.subgroup().empty()) {
    violations.Add("subgroup",
                   "is required for PHASE_OUT_EXCEPT_SUBGROUP: "
                   "which subgroup continues");
  } else if (!subgroup_outcome && !request.subgroup().empty()) {
    violations.Add("subgroup", "is only for PHASE_OUT_EXCEPT_SUBGROUP");
  }
  if (!request.has_resulting_decision()) {
    violations.Add("resulting_decision",
                   absl::StrCat("is required: the decision that ends the "
                                "temporary introduction (",
                                AllowedTypes(outcome), ")"));
    return;
  }
  DecisionOptions options;
  options.path = "resulting_decision";
  options.today = today;
  options.filled_in_by_server = true;
  options.default_date = completion.completed_date;
  store::DecisionRecord decision =
      ValidateDecision(request.resulting_decision(), options, violations);
  const Type type = request.resulting_decision().introduction_type();
  if (type != v1::Decision::INTRODUCTION_TYPE_UNSPECIFIED &&
      !AllowsType(outcome, type)) {
    violations.Add("resulting_decision.introduction_type",
                   absl::StrCat(v1::Reassessment::Outcome_Name(outcome),
                                " results in ", AllowedTypes(outcome)));
  }
  if (subgroup_outcome && !request.subgroup().empty()) {
    ApplySubgroup(request.subgroup(), decision, violations);
  }
  completion.resulting_decision = std::move(decision);
}

}  // namespace

Delivery ValidateDelivery(const v1::DeliverDataObligationRequest& request,
                          absl::CivilDay today, FieldViolations& violations) {
  Delivery delivery;
  CheckId(request.id(), "id", violations);
  delivery.id = request.id();
  delivery.delivered_date = PastDateOrToday(
      request.delivered_date(), "delivered_date", today, violations);
  CheckKey(request.delivery_reference(), "delivery_reference",
           Presence::kRequired, violations);
  delivery.reference = request.delivery_reference();
  return delivery;
}

void ValidateWaiver(const v1::WaiveDataObligationRequest& request,
                    FieldViolations& violations) {
  CheckId(request.id(), "id", violations);
  CheckText(request.reason(), "reason", Presence::kRequired, violations);
}

Completion ValidateCompletion(const v1::CompleteReassessmentRequest& request,
                              absl::CivilDay today,
                              FieldViolations& violations) {
  Completion completion;
  CheckId(request.decision_id(), "decision_id", violations);
  completion.decision_id = request.decision_id();
  completion.completed_date = PastDateOrToday(
      request.completed_date(), "completed_date", today, violations);
  CheckText(request.subgroup(), "subgroup", Presence::kOptional, violations);
  CheckText(request.reason(), "reason", Presence::kOptional, violations);
  completion.subgroup = request.subgroup();
  completion.reason = request.reason();
  if (!CheckEnumInto(request.outcome(), "outcome", completion.outcome,
                     violations)) {
    return completion;
  }
  if (completion.outcome == store::ReassessmentOutcome::kExtension) {
    ValidateExtension(request, completion, violations);
  } else {
    ValidateFinalOutcome(request, today, completion, violations);
  }
  return completion;
}

store::DueQuery ValidateDueQuery(const v1::ListDueItemsRequest& request,
                                 absl::CivilDay today,
                                 FieldViolations& violations) {
  store::DueQuery query;
  query.today = today;
  query.end_date =
      CheckDate(request.end_date(), "end_date", Presence::kOptional, violations)
          .value_or(today + kDefaultDueWindowDays);
  CheckName(request.responsible_organisation(), "responsible_organisation",
            Presence::kOptional, violations);
  if (!request.method_id().empty()) {
    CheckMethodId(request.method_id(), "method_id", violations);
  }
  CheckName(request.therapeutic_area(), "therapeutic_area", Presence::kOptional,
            violations);
  if (request.kinds_size() > kMaxKinds) {
    violations.Add("kinds", "too many kinds");
  }
  for (int i = 0; i < request.kinds_size(); ++i) {
    std::optional<store::DueItemKind> kind;
    if (CheckEnumInto(request.kinds(i), Indexed("kinds", i), kind,
                      violations)) {
      query.kinds.push_back(*kind);
    }
  }
  query.responsible_organisation = request.responsible_organisation();
  query.method_id = request.method_id();
  query.therapeutic_area = request.therapeutic_area();
  return query;
}

}  // namespace mea::services::tracking
