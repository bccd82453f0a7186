// The worked examples of shared/examples reproduce exactly: every field but
// each line's explanation, through the proto and through the JSON writer.

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "mea/v1/evaluation.pb.h"
#include "rules/settle.h"
#include "evaluation/mapping.h"
#include "evaluation/settlement_json.h"
#include "tests/rules/example_files.h"

namespace mea::services {
namespace {

using ::google::protobuf::Struct;
using ::google::protobuf::util::JsonStringToMessage;
using ::google::protobuf::util::MessageDifferencer;

class ExampleTest : public ::testing::TestWithParam<std::string_view> {
 protected:
  std::string InputFile() const { return std::string(GetParam()) + ".json"; }
  std::string ExpectedFile() const {
    return std::string(GetParam()) + ".settlement.json";
  }

  // The settlement of the example input, through the whole service path.
  mea::v1::Settlement Settle() const {
    const std::string json = testing::ReadExample(InputFile());
    EXPECT_FALSE(json.empty()) << "cannot read " << InputFile();
    const absl::StatusOr<mea::v1::EvaluationInput> proto =
        evaluation::ParseEvaluationInputJson(json);
    EXPECT_TRUE(proto.ok()) << proto.status();
    const absl::StatusOr<rules::EvaluationInput> input =
        evaluation::EvaluationInputFromProto(proto.value_or(mea::v1::EvaluationInput()));
    EXPECT_TRUE(input.ok()) << input.status();
    if (!input.ok()) return {};
    return evaluation::SettlementToProto(rules::Settle(*input));
  }
};

// A JSON document as a Struct, with every lines[].explanation removed.
Struct WithoutExplanations(const std::string& json) {
  Struct document;
  EXPECT_TRUE(JsonStringToMessage(json, &document).ok()) << json;
  auto& fields = *document.mutable_fields();
  if (fields.contains("lines")) {
    for (auto& line : *fields["lines"].mutable_list_value()->mutable_values()) {
      line.mutable_struct_value()->mutable_fields()->erase("explanation");
    }
  }
  return document;
}

TEST_P(ExampleTest, ProtoMatchesExpectedSettlement) {
  mea::v1::Settlement expected;
  ASSERT_TRUE(
      JsonStringToMessage(testing::ReadExample(ExpectedFile()), &expected).ok())
      << ExpectedFile();
  const mea::v1::Settlement actual = Settle();
  MessageDifferencer differencer;
  differencer.IgnoreField(
      mea::v1::SettlementLine::descriptor()->FindFieldByName("explanation"));
  std::string report;
  differencer.ReportDifferencesToString(&report);
  EXPECT_TRUE(differencer.Compare(expected, actual)) << report;
  EXPECT_EQ(actual.has_patient_outcomes(), expected.has_patient_outcomes());
  for (const auto& line : actual.lines()) {
    EXPECT_FALSE(line.explanation().empty()) << line.clause();
  }
}

TEST_P(ExampleTest, JsonMatchesExpectedDocument) {
  const std::string actual_json = evaluation::SettlementToJson(Settle());
  const Struct expected =
      WithoutExplanations(testing::ReadExample(ExpectedFile()));
  const Struct actual = WithoutExplanations(actual_json);
  std::string report;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  EXPECT_TRUE(differencer.Compare(expected, actual)) << report << "\n"
                                                     << actual_json;
}

INSTANTIATE_TEST_SUITE_P(
    WorkedExamples, ExampleTest, ::testing::ValuesIn(testing::kExampleNames),
    [](const ::testing::TestParamInfo<std::string_view>& info) {
      std::string name(info.param);
      for (char& c : name) c = c == '-' ? '_' : c;
      return name;
    });

TEST(ExampleExplanationTest, PriceVolumeLineNamesTheFigures) {
  const absl::StatusOr<mea::v1::EvaluationInput> proto =
      evaluation::ParseEvaluationInputJson(
          testing::ReadExample("price-volume-with-cap.json"));
  ASSERT_TRUE(proto.ok()) << proto.status();
  const absl::StatusOr<rules::EvaluationInput> input =
      evaluation::EvaluationInputFromProto(*proto);
  ASSERT_TRUE(input.ok()) << input.status();
  const rules::Settlement s = rules::Settle(*input);
  EXPECT_EQ(s.lines[0].explanation,
            "1318 units exceed 1200: 12.5 % on all units");
  EXPECT_EQ(s.lines[1].explanation,
            "gross 24977088.50 - other lines 3122136.06 = 21854952.44 "
            "exceeds cap 20000000.00 by 1854952.44: 100 % refunded");
}

}  // namespace
}  // namespace mea::services
