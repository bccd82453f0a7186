// Early-return helpers for absl::Status / absl::StatusOr, for code that
// chains many fallible steps (storage transactions, service handlers).
// Macros because a function cannot return from its caller.
#ifndef MEA_STORAGE_STATUS_MACROS_H_
#define MEA_STORAGE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define MEA_CONCAT_INNER_(a, b) a##b
#define MEA_CONCAT_(a, b) MEA_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the current function unless it is OK.
#define MEA_RETURN_IF_ERROR(expr)                               \
  do {                                                          \
    if (absl::Status mea_status_ = (expr); !mea_status_.ok()) { \
      return mea_status_;                                       \
    }                                                           \
  } while (false)

// Evaluates `expr` (an absl::StatusOr<T>); returns its status on error,
// otherwise moves the value into `lhs` (a declaration or an lvalue).
#define MEA_ASSIGN_OR_RETURN(lhs, expr) \
  MEA_ASSIGN_OR_RETURN_IMPL_(MEA_CONCAT_(mea_or_, __LINE__), lhs, expr)

#define MEA_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result.ok()) return result.status();           \
  lhs = *std::move(result)

#endif  // MEA_STORAGE_STATUS_MACROS_H_
