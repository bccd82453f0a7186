// `meactl evaluate`: output formats, invalid input and usage; in process,
// and as the real meactl binary for what main.cc decides (no token needed,
// the global --output csv).

#include "clients/meactl/evaluate_command.h"

#include <stdlib.h>

#include <sstream>
#include <string>
#include <vector>

#include "clients/meactl/cli.h"
#include "evaluation/mapping.h"
#include "evaluation/settlement_json.h"
#include "export/csv.h"
#include "export/tables.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/settle.h"
#include "tests/rules/example_files.h"
#include "tests/support/run_command.h"

namespace mea::meactl {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome Evaluate(const std::vector<std::string>& args,
                 const std::string& in = "") {
  std::istringstream input(in);
  std::ostringstream out;
  std::ostringstream err;
  const int status = RunEvaluateCommand(args, input, out, err);
  return {status, out.str(), err.str()};
}

std::string Example() {
  return mea::testing::ExamplePath("payment-by-result.json");
}

v1::Settlement ExpectedSettlement() {
  const auto proto = evaluation::ParseEvaluationInputJson(
      mea::testing::ReadExample("payment-by-result.json"));
  const auto input = evaluation::EvaluationInputFromProto(proto.value());
  return evaluation::SettlementToProto(rules::Settle(input.value()));
}

std::string ExpectedJson() {
  return evaluation::SettlementToJson(ExpectedSettlement());
}

// The CSV of `meactl export settlement` for the settlement, unstored.
std::string ExpectedCsv() {
  v1::StoredSettlement unstored;
  *unstored.mutable_settlement() = ExpectedSettlement();
  return exports::TableToCsv(exports::SettlementTable(unstored));
}

// The real meactl, with $MEA_TOKEN_FILE naming `token_file` (unset when
// empty) for this run only, and no $MEA_TOKEN (which would win).
mea::testing::CommandResult Meactl(const std::vector<std::string>& args,
                                   const std::string& token_file = "") {
  unsetenv("MEA_TOKEN");
  if (!token_file.empty()) setenv("MEA_TOKEN_FILE", token_file.c_str(), 1);
  mea::testing::CommandResult result =
      mea::testing::RunCommand(mea::testing::BinaryPath("meactl"), args);
  unsetenv("MEA_TOKEN_FILE");
  return result;
}

TEST(EvaluateCommandTest, JsonOutputIsTheSettlementDocument) {
  const Outcome run = Evaluate({Example(), "--output", "json"});
  EXPECT_EQ(run.status, kExitOk) << run.err;
  EXPECT_EQ(run.out, ExpectedJson());
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_EQ(Evaluate({"--output=json", Example()}).out, ExpectedJson());
}

TEST(EvaluateCommandTest, ReadsStandardInput) {
  const Outcome run =
      Evaluate({"-", "--output=json"},
               mea::testing::ReadExample("payment-by-result.json"));
  EXPECT_EQ(run.status, kExitOk) << run.err;
  EXPECT_EQ(run.out, ExpectedJson());
}

TEST(EvaluateCommandTest, TableIsTheDefault) {
  const Outcome run = Evaluate({Example()});
  EXPECT_EQ(run.status, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("Oppgjør / Settlement SI-2025-0019\n"));
  EXPECT_THAT(run.out, HasSubstr("payment_by_result"));
  EXPECT_THAT(run.out, HasSubstr("151200.00"));
  EXPECT_THAT(run.out, HasSubstr("Net cost:                558432.00"));
  EXPECT_THAT(run.out, HasSubstr("success 2, failure 2, pending 1, missing 1"));
  EXPECT_THAT(run.out,
              HasSubstr("clause 2 OUTCOME_NOT_MET disease_control_rate_12w: "
                        "observed \"0.55\", threshold \"0.60\""));
  EXPECT_EQ(Evaluate({Example(), "--output", "table"}).out, run.out);
}

TEST(EvaluateCommandTest, CsvIsTheFormOfTheSettlementExport) {
  const std::string csv = ExpectedCsv();
  EXPECT_THAT(csv, StartsWith("avtale (agreement),oppgjør nr. (settlement),"));
  EXPECT_THAT(csv, HasSubstr("SI-2025-0019,,2025-01-01,"));
  EXPECT_THAT(csv, HasSubstr(",558432.00,"));
  EXPECT_THAT(csv, Not(HasSubstr("grunnlag (input digest)")));
  const Outcome run = Evaluate({Example(), "--output", "csv"});
  EXPECT_EQ(run.status, kExitOk) << run.err;
  EXPECT_EQ(run.out, csv);
  EXPECT_THAT(run.err, IsEmpty());
}

TEST(EvaluateCommandTest, MeactlOutputCsvPrintsTheSettlementAsCsv) {
  const mea::testing::CommandResult run =
      Meactl({"--output", "csv", "evaluate", Example()});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_EQ(run.out, ExpectedCsv());
  EXPECT_EQ(Meactl({"--output=json", "evaluate", Example()}).out,
            ExpectedJson());
}

// evaluate calls no server, so it reads no token: a $MEA_TOKEN_FILE that
// names nothing is no reason to refuse it. A command that calls the server
// still refuses, before connecting.
TEST(EvaluateCommandTest, MeactlEvaluateNeedsNoTokenFile) {
  const mea::testing::CommandResult run =
      Meactl({"evaluate", Example()}, "/nonexistent/token");
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("Oppgjør / Settlement SI-2025-0019\n"));
  EXPECT_THAT(run.err, IsEmpty());

  const mea::testing::CommandResult listed = Meactl(
      {"--server", "127.0.0.1:1", "methods", "list"}, "/nonexistent/token");
  EXPECT_EQ(listed.exit_code, kExitUsage);
  EXPECT_THAT(listed.err, HasSubstr("/nonexistent/token"));
}

TEST(EvaluateCommandTest, InvalidInputPrintsEveryPathAndExits2) {
  const std::string json = R"({
    "agreement": {"id": "SI-1", "method_id": "ID2021_045",
                  "unit_price": "-1", "clauses": []},
    "results": {"patients": [{"id": "P", "start_date": "2025-02-30"}]},
    "period": {"start": "2025-01-01", "end": "2025-12-31"},
    "as_of": "2026-01-01"})";
  const Outcome run = Evaluate({"-", "--output=json"}, json);
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, StartsWith("agreement.unit_price: must be an amount"));
  EXPECT_THAT(run.err,
              HasSubstr("\nresults.patients[0].start_date: \"2025-02-30\" is "
                        "not a calendar date\n"));
}

TEST(EvaluateCommandTest, SemanticViolationExits2) {
  const std::string json = R"({
    "agreement": {"id": "SI-1", "method_id": "ID2021_045",
                  "unit_price": "1", "clauses": []},
    "period": {"start": "2025-01-01", "end": "2025-12-31"},
    "as_of": "2026-01-01"})";
  const Outcome run = Evaluate({"-"}, json);
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_EQ(run.err, "agreement.clauses: must hold 1 to 20 clauses, got 0\n");
}

TEST(EvaluateCommandTest, MalformedJsonExits2) {
  const Outcome run = Evaluate({"-"}, "{ not json");
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, HasSubstr("not a valid EvaluationInput JSON document"));
}

TEST(EvaluateCommandTest, UnreadableFileExits2) {
  const Outcome run = Evaluate({"/nonexistent/input.json"});
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, HasSubstr("cannot open \"/nonexistent/input.json\""));
}

TEST(EvaluateCommandTest, UsageErrors) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {"a.json", "b.json"},
                                             {"a.json", "--output"},
                                             {"a.json", "--output=xml"},
                                             {"a.json", "--output=xlsx"},
                                             {"a.json", "--verbose"}}) {
    const Outcome run = Evaluate(args);
    EXPECT_EQ(run.status, kExitUsage);
    EXPECT_THAT(run.out, IsEmpty());
    EXPECT_THAT(run.err, HasSubstr("Usage: meactl evaluate FILE"));
  }
}

TEST(EvaluateCommandTest, Help) {
  const Outcome run = Evaluate({"--help"});
  EXPECT_EQ(run.status, kExitOk);
  EXPECT_THAT(run.out, StartsWith("Usage: meactl evaluate FILE"));
}

}  // namespace
}  // namespace mea::meactl
