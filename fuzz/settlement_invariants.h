// Properties every settlement of a valid input must have, checked by the
// fuzz targets with FUZZ_CHECK (a broken one aborts). They restate
// evaluation.md independently of rules/settle.cc where that is short (sums,
// the flat discount, price-volume tiers, the expenditure cap) and bound the
// rest (no negative line, a refund never above what the rule allows).
#ifndef MEA_FUZZ_SETTLEMENT_INVARIANTS_H_
#define MEA_FUZZ_SETTLEMENT_INVARIANTS_H_

#include "rules/evaluation.h"
#include "rules/settle.h"

namespace mea::fuzz {

// Precondition: rules::Validate(input) is empty and `settlement` is
// rules::Settle(input).
void CheckSettlementInvariants(const rules::EvaluationInput& input,
                               const rules::Settlement& settlement);

// Settles a copy of `input` with every row list reversed (patients too,
// with the dispensings' references remapped) and checks that the result is
// identical to `settlement`, explanations included: the rules promise that
// row order never matters.
void CheckOrderIndependence(const rules::EvaluationInput& input,
                            const rules::Settlement& settlement);

}  // namespace mea::fuzz

#endif  // MEA_FUZZ_SETTLEMENT_INVARIANTS_H_
