// The rules of a method's decision history, checked inside the transaction
// that records a new decision: a decision may supersede only a current
// decision of the same method, not dated after it; a temporary
// introduction under follow-up ends only through its reassessment.
#ifndef MEA_SERVICES_TRACKING_HISTORY_H_
#define MEA_SERVICES_TRACKING_HISTORY_H_

#include <string>

#include "absl/status/status.h"
#include "storage/core/database.h"
#include "storage/tracking/records.h"

namespace mea::services::tracking {

// How a new decision supersedes an older one.
enum class Via {
  // CreateDecision: the decision names what it supersedes.
  kCreateDecision,
  // CompleteReassessment: the resulting decision supersedes the reassessed
  // temporary introduction.
  kReassessment,
};

// Checks that `newer` may be recorded: its method exists and, when it
// supersedes a decision, the history rules hold. `path` is the decision's
// path from the request root ("decision", "resulting_decision"). Errors:
// NOT_FOUND, INVALID_ARGUMENT (with field paths), FAILED_PRECONDITION.
absl::Status CheckCanRecord(storage::Connection& connection,
                            const storage::tracking::DecisionRecord& newer,
                            const std::string& path, Via via);

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_HISTORY_H_
