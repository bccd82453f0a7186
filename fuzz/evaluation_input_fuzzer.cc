// Fuzz target: the evaluation-input JSON parser and validator of the
// service edge (evaluation/mapping.h), then the settlement and its
// wire and JSON forms (evaluation/settlement_json.h).
//
// Whatever the bytes: the parser and the mapping either accept, or refuse
// with INVALID_ARGUMENT whose BadRequest names at least one field path. What
// the mapping accepts must satisfy rules::Validate, settle with every
// invariant of settlement_invariants.h, and print as JSON that reads back
// as the same Settlement message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/settlement_invariants.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "rules/money.h"
#include "rules/settle.h"
#include "evaluation/mapping.h"
#include "common/field_violations.h"
#include "evaluation/settlement_json.h"

namespace {

void CheckRefusal(const absl::Status& status) {
  FUZZ_CHECK(absl::IsInvalidArgument(status));
  const auto violations = mea::ViolationsOf(status);
  FUZZ_CHECK(!violations.empty());
  FUZZ_CHECK(violations.size() <= mea::evaluation::kMaxReportedViolations);
  for (const auto& violation : violations) {
    FUZZ_CHECK(!violation.field.empty());
    FUZZ_CHECK(!violation.description.empty());
  }
  // The message leads with the first violation's path.
  FUZZ_CHECK(absl::StartsWith(status.message(), violations.front().field));
}

void CheckWireForm(const mea::rules::Settlement& settlement) {
  const mea::v1::Settlement wire = mea::evaluation::SettlementToProto(settlement);
  FUZZ_CHECK(wire.gross_cost() ==
             mea::rules::FormatMoney(settlement.gross_cost_ore));
  FUZZ_CHECK(wire.net_cost() ==
             mea::rules::FormatMoney(settlement.net_cost_ore));
  FUZZ_CHECK(wire.lines_size() == static_cast<int>(settlement.lines.size()));
  const std::string json = mea::evaluation::SettlementToJson(wire);
  FUZZ_CHECK(json == mea::evaluation::SettlementToJson(wire));
  FUZZ_CHECK(!json.empty() && json.back() == '\n');
  mea::v1::Settlement reread;
  FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(json, &reread).ok());
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(reread, wire));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<mea::v1::EvaluationInput> message =
      mea::evaluation::ParseEvaluationInputJson(text);
  if (!message.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(message.status()));
    return 0;
  }
  absl::StatusOr<mea::rules::EvaluationInput> input =
      mea::evaluation::EvaluationInputFromProto(*message);
  if (!input.ok()) {
    CheckRefusal(input.status());
    return 0;
  }
  FUZZ_CHECK(mea::rules::Validate(*input).empty());
  const mea::rules::Settlement settlement = mea::rules::Settle(*input);
  mea::fuzz::CheckSettlementInvariants(*input, settlement);
  mea::fuzz::CheckOrderIndependence(*input, settlement);
  CheckWireForm(settlement);
  return 0;
}
