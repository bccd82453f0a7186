// A compact binary form of rules::EvaluationInput, so that libFuzzer's byte
// mutations explore typed inputs directly (settle_fuzzer.cc) instead of
// spending most of its time producing JSON that does not parse.
//
// DecodeTypedInput turns ANY bytes into an input. Values are kept inside
// the ranges the service edge can produce (dates within years 0000-9999,
// percents 0-100 %, money 0-100000000000.00, decimals that parse), because
// the rules module may rely on its codecs for those; everything the rules
// module checks itself (units, weeks, tiers, patient references, ids, ...)
// is left raw, so that Validate is fuzzed too. Missing bytes read as zero;
// row counts are capped (see the .cc) so that one input stays fast.
//
// EncodeTypedInput is the inverse for inputs inside those ranges and caps:
// DecodeTypedInput(EncodeTypedInput(x)) equals x. make_seeds.cc uses it to
// turn the worked examples into seeds.
#ifndef MEA_FUZZ_TYPED_INPUT_CODEC_H_
#define MEA_FUZZ_TYPED_INPUT_CODEC_H_

#include <string>
#include <string_view>

#include "rules/evaluation.h"

namespace mea::fuzz {

rules::EvaluationInput DecodeTypedInput(std::string_view bytes);
std::string EncodeTypedInput(const rules::EvaluationInput& input);

}  // namespace mea::fuzz

#endif  // MEA_FUZZ_TYPED_INPUT_CODEC_H_
