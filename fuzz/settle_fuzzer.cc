// Fuzz target: the settlement engine on typed input. Bytes are decoded into
// a rules::EvaluationInput (typed_input_codec.h); rules::Validate must cope
// with anything; when it accepts, rules::Settle must produce a settlement
// that satisfies every invariant of settlement_invariants.h and does not
// depend on row order. ASan/UBSan catch overflow and memory errors on the
// way.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/settlement_invariants.h"
#include "fuzz/typed_input_codec.h"
#include "rules/evaluation.h"
#include "rules/settle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const mea::rules::EvaluationInput input = mea::fuzz::DecodeTypedInput(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const std::vector<mea::rules::FieldViolation> violations =
      mea::rules::Validate(input);
  FUZZ_CHECK(violations.size() <= mea::rules::kMaxViolations);
  for (const mea::rules::FieldViolation& violation : violations) {
    FUZZ_CHECK(!violation.field.empty());
    FUZZ_CHECK(!violation.description.empty());
  }
  if (!violations.empty()) return 0;
  const mea::rules::Settlement settlement = mea::rules::Settle(input);
  mea::fuzz::CheckSettlementInvariants(input, settlement);
  mea::fuzz::CheckOrderIndependence(input, settlement);
  return 0;
}
