// Early-return helpers for absl::Status / absl::StatusOr, for code that
// chains many fallible steps (storage transactions, service handlers).
// Macros because a function cannot return from its caller. Used everywhere
// in place of a hand-written `if (!x.ok()) return x.status();`.
//
// The *_WITH_CONTEXT forms say what was being done when the step failed:
// "loading agreement a1: no such table" rather than "no such table". The
// context is evaluated only on failure; the code and the payloads (the
// google.rpc.BadRequest details) are kept.
#ifndef MEA_COMMON_STATUS_MACROS_H_
#define MEA_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace mea {

// `status` with its message prefixed by "context: "; code and payloads kept.
// OK stays OK.
inline absl::Status WithContext(const absl::Status& status,
                                absl::string_view context) {
  if (status.ok()) return status;
  absl::Status annotated(status.code(),
                         absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload(
      [&](absl::string_view type_url, const absl::Cord& payload) {
        annotated.SetPayload(type_url, payload);
      });
  return annotated;
}

}  // namespace mea

#define MEA_CONCAT_INNER_(a, b) a##b
#define MEA_CONCAT_(a, b) MEA_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the current function unless it is OK.
#define MEA_RETURN_IF_ERROR(expr)                               \
  do {                                                          \
    if (absl::Status mea_status_ = (expr); !mea_status_.ok()) { \
      return mea_status_;                                       \
    }                                                           \
  } while (false)

// As MEA_RETURN_IF_ERROR, the returned status prefixed by `context` (any
// value absl::StrCat accepts).
#define MEA_RETURN_IF_ERROR_WITH_CONTEXT(expr, context)                 \
  do {                                                                  \
    if (absl::Status mea_status_ = (expr); !mea_status_.ok()) {         \
      return ::mea::WithContext(mea_status_, absl::StrCat(context));    \
    }                                                                   \
  } while (false)

// Evaluates `expr` (an absl::StatusOr<T>); returns its status on error,
// otherwise moves the value into `lhs` (a declaration or an lvalue).
#define MEA_ASSIGN_OR_RETURN(lhs, expr) \
  MEA_ASSIGN_OR_RETURN_IMPL_(MEA_CONCAT_(mea_or_, __LINE__), lhs, expr)

#define MEA_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result.ok()) return result.status();           \
  lhs = *std::move(result)

// As MEA_ASSIGN_OR_RETURN, the returned status prefixed by `context`.
#define MEA_ASSIGN_OR_RETURN_WITH_CONTEXT(lhs, expr, context)           \
  MEA_ASSIGN_OR_RETURN_WITH_CONTEXT_IMPL_(MEA_CONCAT_(mea_or_, __LINE__), \
                                          lhs, expr, context)

#define MEA_ASSIGN_OR_RETURN_WITH_CONTEXT_IMPL_(result, lhs, expr, context) \
  auto result = (expr);                                                     \
  if (!result.ok()) {                                                       \
    return ::mea::WithContext(result.status(), absl::StrCat(context));      \
  }                                                                         \
  lhs = *std::move(result)

#endif  // MEA_COMMON_STATUS_MACROS_H_
