// Decisions (beslutninger). "Superseded by" is derived from the decision
// that names this one in supersedes_decision_id; the schema lets at most
// one do so, and only one of the same method.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/core/rows.h"
#include "storage/tracking/enum_texts.h"
#include "storage/tracking/plan_store.h"
#include "storage/tracking/store.h"

namespace mea::storage::tracking {
namespace {

constexpr char kSelectDecision[] = R"sql(
SELECT d.id, d.method_id, d.decision_date, d.body, d.introduction_type,
       d.conditions, COALESCE(d.supersedes_decision_id, 0),
       COALESCE((SELECT s.id FROM decisions s
                 WHERE s.supersedes_decision_id = d.id), 0),
       d.create_time
FROM decisions d
)sql";

absl::Status ReadDecision(const Statement& row, DecisionRecord& decision) {
  decision.id = row.ColumnInt64(0);
  decision.method_id = row.ColumnText(1);
  MEA_ASSIGN_OR_RETURN(decision.decision_date, DateColumn(row, 2));
  MEA_ASSIGN_OR_RETURN(
      decision.body,
      EnumColumn<DecisionBody>(row, 3, kDecisionBodyTexts, "decisions.body"));
  MEA_ASSIGN_OR_RETURN(
      decision.introduction_type,
      EnumColumn<IntroductionType>(row, 4, kIntroductionTypeTexts,
                                   "decisions.introduction_type"));
  decision.conditions = row.ColumnText(5);
  decision.supersedes_decision_id = row.ColumnInt64(6);
  decision.superseded_by_decision_id = row.ColumnInt64(7);
  decision.create_time = row.ColumnText(8);
  return absl::OkStatus();
}

// Reads every row of `select`, then loads each decision's plan (after the
// rows, since loading a plan prepares statements of its own).
absl::StatusOr<std::vector<DecisionRecord>> ReadDecisionsWithPlans(
    Connection& connection, Statement& select) {
  std::vector<DecisionRecord> decisions;
  MEA_RETURN_IF_ERROR(ForEachRow(select, [&](const Statement& row) {
    return ReadDecision(row, decisions.emplace_back());
  }));
  for (DecisionRecord& decision : decisions) {
    MEA_ASSIGN_OR_RETURN(decision.follow_up,
                         LoadFollowUpPlan(connection, decision.id));
  }
  return decisions;
}

}  // namespace

absl::StatusOr<int64_t> InsertDecision(Connection& connection,
                                       const DecisionRecord& decision,
                                       const std::string& create_time) {
  MEA_ASSIGN_OR_RETURN(Statement * insert, connection.Prepare(R"sql(
INSERT INTO decisions (method_id, decision_date, body, introduction_type,
    conditions, supersedes_decision_id, create_time)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
)sql"));
  insert->Bind(1, decision.method_id)
      .Bind(2, DateText(decision.decision_date))
      .Bind(3, StoredText(kDecisionBodyTexts, decision.body))
      .Bind(4, StoredText(kIntroductionTypeTexts, decision.introduction_type))
      .Bind(5, decision.conditions)
      .BindOptional(
          6, decision.supersedes_decision_id == 0
                 ? std::nullopt
                 : std::optional<int64_t>(decision.supersedes_decision_id))
      .Bind(7, create_time);
  MEA_RETURN_IF_ERROR(insert->Run());
  const int64_t id = connection.LastInsertRowId();
  if (decision.follow_up.has_value()) {
    MEA_RETURN_IF_ERROR(
        InsertFollowUpPlan(connection, id, *decision.follow_up));
  }
  return id;
}

absl::StatusOr<DecisionRecord> LoadDecision(Connection& connection,
                                            int64_t id) {
  MEA_ASSIGN_OR_RETURN(
      Statement * select,
      connection.Prepare(absl::StrCat(kSelectDecision, "WHERE d.id = ?1")));
  select->Bind(1, id);
  MEA_ASSIGN_OR_RETURN(std::vector<DecisionRecord> decisions,
                       ReadDecisionsWithPlans(connection, *select));
  if (decisions.empty()) {
    return absl::NotFoundError(absl::StrCat("decision ", id, " not found"));
  }
  return std::move(decisions.front());
}

absl::StatusOr<std::vector<DecisionRecord>> ListDecisions(
    Connection& connection, const DecisionFilter& filter, int64_t offset,
    int32_t limit) {
  MEA_ASSIGN_OR_RETURN(Statement * select,
                       connection.Prepare(absl::StrCat(kSelectDecision, R"sql(
WHERE (?1 = '' OR d.method_id = ?1)
  AND (?2 = '' OR d.introduction_type = ?2)
ORDER BY d.decision_date DESC, d.id DESC
LIMIT ?3 OFFSET ?4
)sql")));
  select->Bind(1, filter.method_id)
      .Bind(2,
            filter.introduction_type.has_value()
                ? StoredText(kIntroductionTypeTexts, *filter.introduction_type)
                : "")
      .Bind(3, static_cast<int64_t>(limit))
      .Bind(4, offset);
  return ReadDecisionsWithPlans(connection, *select);
}

}  // namespace mea::storage::tracking
