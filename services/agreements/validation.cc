#include "services/agreements/validation.h"

#include <array>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/agreements/evaluation.h"
#include "services/rpc/fields.h"

namespace mea::services::agreements {
namespace {

using State = v1::Agreement::State;

constexpr size_t kMaxIdLength = 64;

constexpr std::array<std::string_view, 8> kUpdatablePaths = {
    "decision_id", "supplier",   "state",   "valid_from",
    "valid_to",    "unit_price", "clauses", "title"};

void CheckValidity(const v1::Agreement& agreement,
                   FieldViolations& violations) {
  std::optional<absl::CivilDay> from =
      CheckDate(agreement.valid_from(), "agreement.valid_from",
                Presence::kRequired, violations);
  std::optional<absl::CivilDay> to =
      CheckDate(agreement.valid_to(), "agreement.valid_to", Presence::kRequired,
                violations);
  if (from.has_value() && to.has_value() && *to < *from) {
    violations.Add("agreement.valid_to",
                   absl::StrCat("must not be before valid_from (",
                                agreement.valid_from(), ")"));
  }
}

void CheckTerms(const v1::Agreement& agreement, FieldViolations& violations) {
  for (const rules::FieldViolation& violation :
       TermsViolations(TermsOf(agreement), "agreement")) {
    // The id has the resource's own, stricter rule above.
    if (violation.field == "agreement.id") continue;
    violations.Add(violation.field, violation.description);
  }
}

bool IsUpdatable(std::string_view path) {
  for (std::string_view updatable : kUpdatablePaths) {
    if (path == updatable) return true;
  }
  return false;
}

void CopyField(std::string_view path, const v1::Agreement& from,
               v1::Agreement& to) {
  if (path == "decision_id") to.set_decision_id(from.decision_id());
  if (path == "supplier") to.set_supplier(from.supplier());
  if (path == "state") to.set_state(from.state());
  if (path == "valid_from") to.set_valid_from(from.valid_from());
  if (path == "valid_to") to.set_valid_to(from.valid_to());
  if (path == "unit_price") to.set_unit_price(from.unit_price());
  if (path == "clauses") *to.mutable_clauses() = from.clauses();
  if (path == "title") to.set_title(from.title());
}

}  // namespace

void ValidateAgreementId(const std::string& id, const std::string& path,
                         FieldViolations& violations) {
  if (id.empty()) {
    violations.Add(path, "is required");
  } else if (!IsValidAgreementId(id)) {
    violations.Add(path,
                   "must be 1 to 64 of A-Z, a-z, 0-9, '-' and '_', e.g. "
                   "\"SI-2025-0042\"");
  }
}

bool IsValidAgreementId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

void ValidateAgreement(const v1::Agreement& agreement,
                       FieldViolations& violations) {
  ValidateAgreementId(agreement.id(), "agreement.id", violations);
  CheckName(agreement.supplier(), "agreement.supplier", Presence::kRequired,
            violations);
  CheckName(agreement.title(), "agreement.title", Presence::kOptional,
            violations);
  if (agreement.state() == v1::Agreement::STATE_UNSPECIFIED ||
      !v1::Agreement::State_IsValid(agreement.state())) {
    violations.Add("agreement.state",
                   "must be DRAFT, ACTIVE, EXPIRED or TERMINATED");
  }
  if (agreement.decision_id() < 0) {
    violations.Add("agreement.decision_id", "must not be negative");
  }
  CheckValidity(agreement, violations);
  CheckTerms(agreement, violations);
}

void ValidatePeriod(const v1::Period& period, std::string_view path,
                    FieldViolations& violations) {
  const std::string start_path = Path(std::string(path), "start");
  const std::string end_path = Path(std::string(path), "end");
  std::optional<absl::CivilDay> start =
      CheckDate(period.start(), start_path, Presence::kRequired, violations);
  std::optional<absl::CivilDay> end =
      CheckDate(period.end(), end_path, Presence::kRequired, violations);
  if (start.has_value() && end.has_value() && *end < *start) {
    violations.Add(end_path, absl::StrCat("must not be before ", start_path,
                                          " (", period.start(), ")"));
  }
}

void ValidateOptionalDate(std::string_view text, std::string_view path,
                          FieldViolations& violations) {
  CheckDate(std::string(text), std::string(path), Presence::kOptional,
            violations);
}

absl::Status CheckTransition(State from, State to) {
  const bool allowed =
      from == to ||
      (from == v1::Agreement::DRAFT &&
       (to == v1::Agreement::ACTIVE || to == v1::Agreement::TERMINATED)) ||
      (from == v1::Agreement::ACTIVE &&
       (to == v1::Agreement::EXPIRED || to == v1::Agreement::TERMINATED));
  if (allowed) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "an agreement cannot go from ", v1::Agreement::State_Name(from), " to ",
      v1::Agreement::State_Name(to),
      " (DRAFT -> ACTIVE -> EXPIRED or TERMINATED; DRAFT -> TERMINATED)"));
}

void ApplyUpdateMask(const v1::Agreement& request,
                     const google::protobuf::FieldMask& mask,
                     v1::Agreement& stored, FieldViolations& violations) {
  if (mask.paths().empty()) {
    for (std::string_view path : kUpdatablePaths) {
      if (path == "state" &&
          request.state() == v1::Agreement::STATE_UNSPECIFIED) {
        continue;
      }
      CopyField(path, request, stored);
    }
    return;
  }
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (!IsUpdatable(path)) {
      violations.Add(absl::StrCat("update_mask.paths[", i, "]"),
                     absl::StrCat("\"", path,
                                  "\" cannot be updated; updatable: "
                                  "decision_id, supplier, state, valid_from, "
                                  "valid_to, unit_price, clauses, title"));
      continue;
    }
    CopyField(path, request, stored);
  }
}

}  // namespace mea::services::agreements
