// The agreement commands of the real meactl binary against a real server:
// agreements, CSV and JSON result uploads with progress and idempotent
// reruns, settlements, simulation and comparison.
#include <string>

#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/agreements/agreement_fixtures.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kPatientsCsv[] =
    "id,start_date,stop_date,death_date\r\n"
    "P1,2025-01-06,,\r\n"
    "\"P2\",2025-02-03,2025-03-01,\r\n";

class MeactlAgreementsTest : public AgreementTest {
 protected:
  CommandResult Meactl(const std::vector<std::string>& args,
                       const std::string& input = "") {
    return RunMeactl(server_.address(), args, input);
  }

  template <typename Message>
  Message ParseOutput(const CommandResult& result) {
    Message message;
    auto parsed =
        google::protobuf::util::JsonStringToMessage(result.out, &message);
    EXPECT_TRUE(parsed.ok()) << parsed.ToString() << "\n" << result.out;
    return message;
  }

  // An ACTIVE agreement "SI-CSV" that only has a flat discount.
  void CreateCsvAgreement() {
    CreateMethod("ID2025_001");
    v1::Agreement agreement = SampleAgreement("SI-CSV", "ID2025_001");
    agreement.set_state(v1::Agreement::ACTIVE);
    ASSERT_TRUE(Create(agreement).ok());
  }

  // 25 dispensings of 2 units, alternating between P1 and P2; columns in
  // another order than documented, which the header allows.
  static std::string DispensingsCsv() {
    std::string csv = "units,date,patient\n";
    for (int i = 0; i < 25; ++i) {
      csv += "2,2025-02-" + std::string(i < 7 ? "0" : "") +
             std::to_string(i + 3) + "," + (i % 2 == 0 ? "P1" : "P2") + "\n";
    }
    return csv;
  }

  TempDir files_;
};

TEST_F(MeactlAgreementsTest, CsvUploadStreamsBatchesAndRerunsIdempotently) {
  CreateCsvAgreement();
  WriteFile(files_.File("patients.csv"), kPatientsCsv);
  WriteFile(files_.File("dispensings.csv"), DispensingsCsv());
  const std::vector<std::string> upload = {"--output",
                                           "json",
                                           "results",
                                           "upload",
                                           "SI-CSV",
                                           files_.File("patients.csv"),
                                           files_.File("dispensings.csv"),
                                           "--batch_size",
                                           "10"};

  CommandResult first = Meactl(upload);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("sendt 2/27 rader (rows)"));
  EXPECT_THAT(first.err, HasSubstr("sendt 12/27 rader (rows)"));
  EXPECT_THAT(first.err, HasSubstr("sendt 27/27 rader (rows)"));
  auto receipts = ParseOutput<v1::UploadResultsResponse>(first);
  ASSERT_THAT(receipts.receipts(), SizeIs(4));
  EXPECT_EQ(receipts.receipts(0).patients(), 2);
  EXPECT_EQ(receipts.receipts(3).dispensings(), 5);
  EXPECT_EQ(receipts.receipts(3).sequence(), 4);

  CommandResult again = Meactl(upload);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto repeated = ParseOutput<v1::UploadResultsResponse>(again);
  ASSERT_THAT(repeated.receipts(), SizeIs(4));
  for (const v1::BatchReceipt& receipt : repeated.receipts()) {
    EXPECT_TRUE(receipt.duplicate()) << receipt.batch_id();
  }
  v1::SimulateSettlementResponse simulated;
  ASSERT_TRUE(SimulateStored("SI-CSV", "2025-01-01", "2025-12-31", "2026-01-01",
                             &simulated)
                  .ok());
  EXPECT_EQ(simulated.settlement().units(), 50);
}

TEST_F(MeactlAgreementsTest, CsvErrorsNameFileLineAndColumn) {
  CreateCsvAgreement();
  const std::string path = files_.File("dispensings.csv");
  WriteFile(path, "units,date,patient\n2,2025-02-03,P1\n2,2025-02-30,P1\n");
  CommandResult result = Meactl({"results", "upload", "SI-CSV", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr(path + ":3:3: date:"));
  EXPECT_THAT(result.err, Not(HasSubstr("sendt")));

  WriteFile(path, "date,units,patient,clinic\n2025-02-03,1,P1,Ullevål\n");
  result = Meactl({"results", "upload", "SI-CSV", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr(path + ":1:"));

  WriteFile(path,
            "date,units,patient\n2025-02-03,1,P\xff"
            "1\n");
  result = Meactl({"results", "upload", "SI-CSV", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr(path + ":2:14: patient is not valid UTF-8 text"));

  WriteFile(path, "date,units\n2025-02-03,1,9\n");
  result =
      Meactl({"results", "upload", "SI-CSV", path, "--kind", "dispensings"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr(path + ":2:14: expected 2 fields"));
}

TEST_F(MeactlAgreementsTest, RefusedRowsPointBackIntoTheFile) {
  CreateCsvAgreement();
  WriteFile(files_.File("patients.csv"), kPatientsCsv);
  const std::string path = files_.File("dispensings.csv");
  WriteFile(path,
            "date,units,patient\n2025-02-03,1,P1\n2025-02-04,1,P1\n"
            "2025-02-05,1,P9\n");
  CommandResult result = Meactl(
      {"results", "upload", "SI-CSV", files_.File("patients.csv"), path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(result.err,
              HasSubstr("batch.dispensings[2].patient <- " + path + ":4"));
}

TEST_F(MeactlAgreementsTest, AgreementSettlementAndSimulationCommands) {
  const std::string example = ExamplePath("price-volume-with-cap.json");
  const v1::EvaluationInput input = ReadExample("price-volume-with-cap");
  CreateMethod("ID2022_057");
  const std::string terms = files_.File("terms.json");
  std::string json;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(input.agreement(), &json)
          .ok());
  WriteFile(terms, json);

  CommandResult created =
      Meactl({"agreements", "create", terms, "--supplier", "MSD (Norge) AS",
              "--valid_from", "2025-01-01", "--valid_to", "2026-12-31"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(created.out, HasSubstr("DRAFT"));
  CommandResult refused = Meactl(
      {"settle", "SI-2024-0031", "--from", "2025-12-31", "--to", "2025-01-01"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("period.end"));
  ASSERT_EQ(Meactl({"agreements", "activate", "SI-2024-0031"}).exit_code, 0);
  CommandResult listed =
      Meactl({"agreements", "list", "--method", "ID2022_057"});
  EXPECT_THAT(listed.out, HasSubstr("SI-2024-0031"));
  EXPECT_THAT(listed.out, HasSubstr("ACTIVE"));

  CommandResult uploaded =
      Meactl({"results", "upload", "SI-2024-0031", example});
  ASSERT_EQ(uploaded.exit_code, 0) << uploaded.err;
  EXPECT_THAT(uploaded.err, HasSubstr("sendt 5/5 rader (rows)"));

  CommandResult settled =
      Meactl({"settle", "SI-2024-0031", "--from", "2025-01-01", "--to",
              "2025-12-31", "--as_of", "2026-02-01"});
  ASSERT_EQ(settled.exit_code, 0) << settled.err;
  EXPECT_THAT(settled.out, HasSubstr("3122136.06"));
  EXPECT_THAT(settled.out, HasSubstr("20000000.00"));
  CommandResult stored =
      Meactl({"--output", "json", "settlements", "get", "SI-2024-0031", "1"});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_TRUE(MessageDifferencer::Equals(
      WithoutExplanations(
          ParseOutput<v1::StoredSettlement>(stored).settlement()),
      ReadExpectedSettlement("price-volume-with-cap")));
  EXPECT_THAT(Meactl({"settlements", "list", "SI-2024-0031"}).out,
              HasSubstr("24977088.50"));

  CommandResult simulated = Meactl({"--output", "json", "simulate", example});
  CommandResult evaluated = Meactl({"--output", "json", "evaluate", example});
  ASSERT_EQ(simulated.exit_code, 0) << simulated.err;
  EXPECT_EQ(simulated.out, evaluated.out);

  v1::AgreementTerms raised = input.agreement();
  raised.mutable_clauses(1)->mutable_expenditure_cap()->set_cap("24000000.00");
  json.clear();  // MessageToJsonString appends.
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(raised, &json).ok());
  WriteFile(files_.File("raised.json"), json);
  CommandResult compared = Meactl(
      {"compare", "--first", example, "--second", files_.File("raised.json"),
       "--agreement", "SI-2024-0031", "--from", "2025-01-01", "--to",
       "2025-12-31", "--as_of", "2026-02-01"});
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  EXPECT_THAT(compared.out, HasSubstr("-1854952.44"));
}

}  // namespace
}  // namespace mea::testing
