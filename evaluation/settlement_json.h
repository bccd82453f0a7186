#ifndef MEA_EVALUATION_SETTLEMENT_JSON_H_
#define MEA_EVALUATION_SETTLEMENT_JSON_H_

// The Settlement JSON document of evaluation.md, written by hand so that it
// is exactly that document: keys in the order of the contract, two-space
// indentation, counts as JSON numbers (protobuf's printer writes int64 as
// strings), `patient_outcomes` only when present, `triggers` always.

#include <string>

#include "mea/v1/evaluation.pb.h"

namespace mea::evaluation {

// Deterministic: the same settlement always gives the same bytes. Ends with
// a newline.
std::string SettlementToJson(const mea::v1::Settlement& settlement);

}  // namespace mea::evaluation

#endif  // MEA_EVALUATION_SETTLEMENT_JSON_H_
