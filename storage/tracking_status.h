// Early-return helpers for absl::Status / absl::StatusOr in the tracking
// code (storage and service), which chains many fallible steps inside one
// transaction. Macros because a function cannot return from its caller.
#ifndef MEA_STORAGE_TRACKING_STATUS_H_
#define MEA_STORAGE_TRACKING_STATUS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TRK_CONCAT_INNER_(a, b) a##b
#define TRK_CONCAT_(a, b) TRK_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the current function unless it is OK.
#define TRK_RETURN_IF_ERROR(expr)                               \
  do {                                                          \
    if (absl::Status trk_status_ = (expr); !trk_status_.ok()) { \
      return trk_status_;                                       \
    }                                                           \
  } while (false)

// Evaluates `expr` (an absl::StatusOr<T>); returns its status on error,
// otherwise moves the value into `lhs` (a declaration or an lvalue).
#define TRK_ASSIGN_OR_RETURN(lhs, expr) \
  TRK_ASSIGN_OR_RETURN_IMPL_(TRK_CONCAT_(trk_or_, __LINE__), lhs, expr)

#define TRK_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result.ok()) return result.status();           \
  lhs = *std::move(result)

#endif  // MEA_STORAGE_TRACKING_STATUS_H_
