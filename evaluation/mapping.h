#ifndef MEA_EVALUATION_MAPPING_H_
#define MEA_EVALUATION_MAPPING_H_

// The edge between the wire messages of mea/v1/evaluation.proto and the typed
// values of the rules module: parses every string of the format, resolves
// patient references to indexes, applies the clause defaults, and reports
// every broken rule with its field path (evaluation.md "Invalid input").

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/evaluation.h"
#include "rules/settle.h"
#include "common/field_violations.h"

namespace mea::evaluation {

// At most this many violations travel in one status: gRPC carries the
// details in trailing metadata, whose size is limited. The first one is
// always there.
inline constexpr std::size_t kMaxReportedViolations = 50;

// Parses and validates `input`. On success the result satisfies
// rules::Validate. Otherwise returns the InvalidArgument status of
// FieldViolations::ToStatus (common/field_violations.h): the message starts
// with the first violation as "path: description", and the payload
// kBadRequestTypeUrl holds a serialized google.rpc.BadRequest with the
// violations (field = path, at most kMaxReportedViolations); ViolationsOf
// reads them back.
//
// Values whose text cannot be parsed are reported first, all of them; the
// semantic rules (rules::Validate) are checked only when every value parsed,
// since they would otherwise compare against values that do not exist.
absl::StatusOr<rules::EvaluationInput> EvaluationInputFromProto(
    const mea::v1::EvaluationInput& input);

// The wire form of a settlement: money with two decimals, dates as
// "YYYY-MM-DD", patient_outcomes set only when present.
mea::v1::Settlement SettlementToProto(const rules::Settlement& settlement);

// Reads the JSON form of an EvaluationInput (evaluation.md; snake_case or
// lowerCamelCase names, unknown fields rejected). Syntax or type errors give
// InvalidArgument with the parser's message.
absl::StatusOr<mea::v1::EvaluationInput> ParseEvaluationInputJson(
    std::string_view json);

}  // namespace mea::evaluation

#endif  // MEA_EVALUATION_MAPPING_H_
