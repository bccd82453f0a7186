// All SQL of the tracking area (methods, decisions, follow-up plans, due
// items). Every function runs inside a transaction the caller opened with
// Database::Read or Database::Write and takes its Connection, so that a
// service handler can check state and write in one transaction.
//
// List functions return at most `limit` rows from `offset`; a negative
// limit returns every row.
//
// Records are expected to be valid (the service validates at the edge);
// the schema's constraints are the last line of defence. Errors: NOT_FOUND
// for a missing row, ALREADY_EXISTS for a duplicate key, FAILED_PRECONDITION
// for a state change from the wrong state, INTERNAL for anything else.
#ifndef MEA_STORAGE_TRACKING_STORE_H_
#define MEA_STORAGE_TRACKING_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "storage/core/database.h"
#include "storage/core/draft_visibility.h"
#include "storage/tracking/records.h"

namespace mea::storage::tracking {

// Methods (metoder) --------------------------------------------------------

// Inserts a new method; ALREADY_EXISTS when the id is taken.
absl::Status InsertMethod(Connection& connection, const MethodRecord& method);

// With its derived status; NOT_FOUND when absent.
absl::StatusOr<MethodRecord> LoadMethod(Connection& connection,
                                        const std::string& id);

// Overwrites the descriptive fields and update_time of `method.id`.
absl::Status UpdateMethod(Connection& connection, const MethodRecord& method);

// Empty fields match everything; text filters ignore ASCII case.
struct MethodFilter {
  std::string therapeutic_area;
  // Absent: every status.
  std::optional<MethodStatus> status;
  std::string supplier;
};

// Ordered by id.
absl::StatusOr<std::vector<MethodRecord>> ListMethods(
    Connection& connection, const MethodFilter& filter, int64_t offset,
    int32_t limit);

// Decisions (beslutninger) and follow-up plans ----------------------------

// Inserts the decision and, when present, its whole follow-up plan (data
// obligations PENDING, reassessment SCHEDULED). Returns the new id.
absl::StatusOr<int64_t> InsertDecision(Connection& connection,
                                       const DecisionRecord& decision,
                                       const std::string& create_time);

// With its follow-up plan and superseded_by; NOT_FOUND when absent.
absl::StatusOr<DecisionRecord> LoadDecision(Connection& connection, int64_t id);

struct DecisionFilter {
  // Empty: every method.
  std::string method_id;
  // Absent: every type.
  std::optional<IntroductionType> introduction_type;
};

// Newest first (decision date, then id), each with its follow-up plan.
absl::StatusOr<std::vector<DecisionRecord>> ListDecisions(
    Connection& connection, const DecisionFilter& filter, int64_t offset,
    int32_t limit);

// Data obligations (dataansvar) -------------------------------------------

// NOT_FOUND when absent.
absl::StatusOr<DataObligationRecord> LoadDataObligation(Connection& connection,
                                                        int64_t id);

// PENDING -> DELIVERED / WAIVED; FAILED_PRECONDITION when not PENDING.
absl::Status MarkDataObligationDelivered(Connection& connection, int64_t id,
                                         absl::CivilDay delivered_date,
                                         const std::string& reference);
absl::Status MarkDataObligationWaived(Connection& connection, int64_t id,
                                      const std::string& reason);

// Reassessments (revurdering) ---------------------------------------------

// The reassessment of decision `decision_id` with its extensions;
// NOT_FOUND when the decision has none.
absl::StatusOr<ReassessmentRecord> LoadReassessment(Connection& connection,
                                                    int64_t decision_id);

// SCHEDULED -> UNDER_ASSESSMENT; FAILED_PRECONDITION from any other state.
absl::Status MarkReassessmentStarted(Connection& connection,
                                     int64_t decision_id);

// Stores the final outcome, subgroup, reason, completed_date and
// resulting_decision_id of `completed` and sets COMPLETED;
// FAILED_PRECONDITION when it was not UNDER_ASSESSMENT.
absl::Status MarkReassessmentCompleted(Connection& connection,
                                       const ReassessmentRecord& completed);

// Records `extension`, moves the deadline to its new_deadline and returns
// the reassessment to SCHEDULED; FAILED_PRECONDITION when COMPLETED.
absl::Status ExtendReassessment(Connection& connection, int64_t decision_id,
                                const ReassessmentExtensionRecord& extension);

// Due items (frister) ------------------------------------------------------

// Which rows of the due_items view to return. An item is included when it
// is due on or before `end_date`, or overdue (due before `today`).
struct DueQuery {
  absl::CivilDay today;
  absl::CivilDay end_date;
  // Empty strings match everything; organisation and area ignore ASCII case.
  std::string responsible_organisation;
  std::string method_id;
  std::string therapeutic_area;
  // Empty: every kind.
  std::vector<DueItemKind> kinds;
  // Items of DRAFT agreements (their outcome triggers) only for those the
  // reader may see; by default none.
  DraftVisibility drafts;
};

// Overdue first, then by due date (a stable, total order for paging).
absl::StatusOr<std::vector<DueItemRecord>> ListDueItems(Connection& connection,
                                                        const DueQuery& query,
                                                        int64_t offset,
                                                        int32_t limit);

struct DueCounts {
  int64_t total = 0;
  int64_t overdue = 0;
};

// Counts over every page of `query`.
absl::StatusOr<DueCounts> CountDueItems(Connection& connection,
                                        const DueQuery& query);

}  // namespace mea::storage::tracking

#endif  // MEA_STORAGE_TRACKING_STORE_H_
