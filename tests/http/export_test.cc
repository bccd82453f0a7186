// Spreadsheet exports: RFC 4180 CSV, and .xlsx files read back by an
// independent reader (Python's openpyxl) to the same figures as the stored
// settlement; over HTTP and through `meactl export`, and meactl's
// --output csv for lists.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "export/csv.h"
#include "export/tables.h"
#include "export/xlsx.h"
#include "tests/http/http_fixture.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {


// A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records),
// to check that what the export writes reads back field for field.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().empty()) records.pop_back();
  return records;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

const google::protobuf::Value& Cell(const google::protobuf::Value& row,
                                    int column) {
  return row.list_value().values(column).list_value().values(0);
}
std::string Format(const google::protobuf::Value& row, int column) {
  return row.list_value().values(column).list_value().values(1).string_value();
}
// openpyxl's data type: "s" text, "n" number, "f" formula.
std::string DataType(const google::protobuf::Value& row, int column) {
  return row.list_value().values(column).list_value().values(2).string_value();
}
std::string Money(const google::protobuf::Value& cell) {
  return absl::StrFormat("%.2f", cell.number_value());
}

TEST(CsvTest, QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(exports::CsvField("plain"), "plain");
  EXPECT_EQ(exports::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(exports::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(exports::CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(exports::CsvRecord({"a", "", "b,c"}), "a,,\"b,c\"\r\n");
}

// CSV injection: what a spreadsheet would evaluate is shown as text, plain
// numbers stay numbers.
TEST(CsvTest, FormulaCellsAreNeutralisedButPlainNumbersAreNot) {
  EXPECT_EQ(exports::CsvField("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(exports::CsvField("=1+1"), "'=1+1");
  EXPECT_EQ(exports::CsvField("+47 22 00 00 00"), "'+47 22 00 00 00");
  EXPECT_EQ(exports::CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(exports::CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(exports::CsvField("\t=1"), "'\t=1");
  EXPECT_EQ(exports::CsvField("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(exports::CsvField("-"), "'-");
  EXPECT_EQ(exports::CsvField("-.5"), "'-.5");
  EXPECT_EQ(exports::CsvField("-1."), "'-1.");
  for (const char* number : {"-703560.00", "-29", "+5", "-0.05", "12.5"}) {
    EXPECT_EQ(exports::CsvField(number), number);
  }
  EXPECT_EQ(exports::CsvField("a=b"), "a=b");
  EXPECT_EQ(exports::CsvField(""), "");
}

TEST(CsvTest, SettlementTableHasLinesTotalsAndSignedMoney) {
  v1::StoredSettlement stored;
  stored.set_number(3);
  v1::Settlement* s = stored.mutable_settlement();
  s->set_agreement_id("SI-9");
  s->mutable_period()->set_start("2025-01-01");
  s->mutable_period()->set_end("2025-12-31");
  s->set_as_of("2026-02-01");
  s->set_units(2);
  s->set_gross_cost("0.10");
  v1::SettlementLine* line = s->add_lines();
  line->set_clause("flat_discount");
  line->set_amount("0.15");
  line->set_explanation("15 % av (of) 0.10, \"avrundet\"");
  s->set_total_refund("0.15");
  s->set_net_cost("-0.05");
  const auto records =
      ReadCsv(exports::TableToCsv(exports::SettlementTable(stored)));
  ASSERT_EQ(records.size(), 6u);  // header, gross, line, refund, net, digest
  EXPECT_EQ(records[0][9], "beløp (amount, NOK)");
  EXPECT_EQ(records[1][5], "brutto (gross cost)");
  EXPECT_EQ(records[1][8], "2");
  EXPECT_EQ(records[2], (std::vector<std::string>{
                            "SI-9", "3", "2025-01-01", "2025-12-31",
                            "2026-02-01", "linje (line)", "0", "flat_discount",
                            "", "0.15", "15 % av (of) 0.10, \"avrundet\""}));
  EXPECT_EQ(records[4][9], "-0.05");
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(mead_.Seed());
    HttpAnswer stored = mead_.Get(
        absl::StrCat("/v1/agreements/", kAgreementId, "/settlements/1"));
    ASSERT_EQ(stored.status, 200);
    ParseInto(stored.body, &stored_);
  }

  std::string SettlementPath(const std::string& extension) {
    return absl::StrCat("/v1/exports/agreements/", kAgreementId,
                        "/settlements/1.", extension);
  }

  std::string Save(const std::string& name, const std::string& bytes) {
    const std::string path = mead_.folder().File(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // The settlement rows of the workbook at `path` hold the stored figures
  // as numbers in the NOK format, and the period as dates.
  void ExpectSettlementWorkbook(const std::string& path) {
    std::vector<google::protobuf::Value> rows =
        ReadWithPython("xlsx_check.py", path);
    const v1::Settlement& s = stored_.settlement();
    // title, header, gross, 2 lines, 2 totals, the trigger, the digest
    ASSERT_EQ(rows.size(), 9u);
    EXPECT_EQ(rows[0].struct_value().fields().at("title").string_value(),
              "Oppgjør (settlement)");
    const google::protobuf::Value& gross = rows[2];
    EXPECT_EQ(Cell(gross, 2).string_value(), "2025-01-01");
    EXPECT_EQ(Format(gross, 2), exports::kDateFormat);
    EXPECT_EQ(Cell(gross, 8).number_value(), s.units());
    EXPECT_EQ(Money(Cell(gross, 9)), s.gross_cost());
    EXPECT_EQ(Format(gross, 9), exports::kNokFormat);
    for (int i = 0; i < s.lines_size(); ++i) {
      const google::protobuf::Value& row = rows[3 + i];
      EXPECT_EQ(Cell(row, 7).string_value(), s.lines(i).clause());
      EXPECT_EQ(Money(Cell(row, 9)), s.lines(i).amount());
      EXPECT_EQ(Format(row, 9), exports::kNokFormat);
      EXPECT_EQ(Cell(row, 10).string_value(), s.lines(i).explanation());
    }
    EXPECT_EQ(Money(Cell(rows[5], 9)), s.total_refund());
    EXPECT_EQ(Money(Cell(rows[6], 9)), s.net_cost());
  }

  HttpServer mead_;
  v1::StoredSettlement stored_;
};

TEST_F(ExportTest, SettlementCsvOverHttpHasTheStoredFigures) {
  HttpAnswer answer = mead_.Get(SettlementPath("csv"));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(answer.Header("Content-Disposition"),
            "attachment; filename=\"oppgjor-SI-2025-0042-1.csv\"");
  const auto records = ReadCsv(answer.body);
  const v1::Settlement& s = stored_.settlement();
  ASSERT_EQ(records.size(),
            8u);  // header, gross, 2 lines, 2 totals, trigger, digest
  EXPECT_EQ(records[1][9], s.gross_cost());
  EXPECT_EQ(records[2][9], s.lines(0).amount());
  EXPECT_EQ(records[3][9], s.lines(1).amount());
  EXPECT_EQ(records[4][9], s.total_refund());
  EXPECT_EQ(records[5][9], s.net_cost());
  EXPECT_EQ(records[6][7], "OUTCOME_NOT_MET");
}

TEST_F(ExportTest, SettlementXlsxOverHttpReadsBackToTheSameFigures) {
  HttpAnswer answer = mead_.Get(SettlementPath("xlsx"));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(
      answer.Header("Content-Type"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ExpectSettlementWorkbook(Save("settlement.xlsx", answer.body));
}

TEST_F(ExportTest, DueListExportsFollowTheListDueItemsFilters) {
  HttpAnswer listed = mead_.Get("/v1/dueItems?kinds=DATA_OBLIGATION");
  ASSERT_EQ(listed.status, 200);
  v1::ListDueItemsResponse due;
  ParseInto(listed.body, &due);
  ASSERT_EQ(due.items_size(), 1);  // the supplier's is beyond 90 days

  HttpAnswer csv = mead_.Get("/v1/exports/dueItems.csv?kinds=DATA_OBLIGATION");
  ASSERT_EQ(csv.status, 200) << csv.body;
  const auto records = ReadCsv(csv.body);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1][0], due.items(0).due_date());
  EXPECT_EQ(records[1][2], "ja (yes)");
  EXPECT_EQ(records[1][10], absl::StrCat(mead_.registry_obligation_id()));

  HttpAnswer xlsx = mead_.Get("/v1/exports/dueItems.xlsx?end_date=2030-01-01");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  std::vector<google::protobuf::Value> rows =
      ReadWithPython("xlsx_check.py", Save("due.xlsx", xlsx.body));
  ASSERT_EQ(rows.size(), 2u + 5u);  // title, header, five items
  EXPECT_EQ(Cell(rows[2], 0).string_value(), "2026-02-01");  // overdue first
  EXPECT_EQ(Format(rows[2], 0), exports::kDateFormat);
  EXPECT_EQ(Cell(rows[2], 1).number_value(), -29);

  HttpAnswer bad = mead_.Get("/v1/exports/dueItems.csv?kinds=NONE");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(ParseError(bad.body).HasViolation("kinds"));
}

TEST_F(ExportTest, MissingOrMalformedSettlementIs404Or400) {
  HttpAnswer missing = mead_.Get(absl::StrCat(
      "/v1/exports/agreements/", kAgreementId, "/settlements/9.csv"));
  EXPECT_EQ(missing.status, 404);
  HttpAnswer malformed = mead_.Get(absl::StrCat(
      "/v1/exports/agreements/", kAgreementId, "/settlements/first.xlsx"));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(ParseError(malformed.body).HasViolation("number"));
}

TEST_F(ExportTest, MeactlExportWritesTheSameFilesAsHttp) {
  const std::string xlsx = mead_.folder().File("meactl.xlsx");
  CommandResult result =
      RunMeactl(mead_.grpc_address(), {"export", "settlement", kAgreementId,
                                       "1", "--format", "xlsx", "--out", xlsx});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectSettlementWorkbook(xlsx);

  CommandResult csv =
      RunMeactl(mead_.grpc_address(), {"export", "due", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, mead_.Get("/v1/exports/dueItems.csv").body);

  CommandResult missing = RunMeactl(
      mead_.grpc_address(), {"export", "settlement", kAgreementId, "9", "--out",
                             mead_.folder().File("none.csv")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(missing.err, "NOT_FOUND")) << missing.err;

  CommandResult usage =
      RunMeactl(mead_.grpc_address(), {"export", "due", "--format", "pdf"});
  EXPECT_EQ(usage.exit_code, 2);
}

constexpr char kFormulaTitle[] = R"(=HYPERLINK("http://x","y"))";

// A method titled as a formula: every CSV (HTTP export, meactl export,
// meactl --output csv) shows it as text; the workbook holds it as a string.
TEST_F(ExportTest, AFormulaInTheDataIsNeverAFormulaInTheFiles) {
  HttpAnswer renamed = mead_.Send(
      "PATCH", absl::StrCat("/v1/methods/", kMethodId, "?update_mask=title"),
      R"json({"title": "=HYPERLINK(\"http://x\",\"y\")"})json");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  const std::string neutralised = absl::StrCat("'", kFormulaTitle);

  HttpAnswer csv = mead_.Get("/v1/exports/dueItems.csv?kinds=DATA_OBLIGATION");
  ASSERT_EQ(csv.status, 200) << csv.body;
  auto records = ReadCsv(csv.body);
  ASSERT_EQ(records.size(), 2u) << csv.body;
  EXPECT_EQ(records[1][5], neutralised);
  // A negative count of days stays a plain number.
  EXPECT_TRUE(absl::StartsWith(records[1][1], "-")) << records[1][1];

  CommandResult exported = RunMeactl(
      mead_.grpc_address(),
      {"export", "due", "--kind", "data_obligation", "--format", "csv"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, csv.body);

  CommandResult listed =
      RunMeactl(mead_.grpc_address(), {"--output", "csv", "methods", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  records = ReadCsv(listed.out);
  ASSERT_EQ(records.size(), 2u) << listed.out;
  EXPECT_EQ(records[1].back(), neutralised);

  HttpAnswer xlsx =
      mead_.Get("/v1/exports/dueItems.xlsx?kinds=DATA_OBLIGATION");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  std::vector<google::protobuf::Value> rows =
      ReadWithPython("xlsx_check.py", Save("formula.xlsx", xlsx.body));
  ASSERT_EQ(rows.size(), 3u);  // title, header, the item
  EXPECT_EQ(Cell(rows[2], 5).string_value(), kFormulaTitle);
  EXPECT_EQ(DataType(rows[2], 5), "s");  // a string, not "f" (formula)
}

TEST_F(ExportTest, MeactlOutputCsvPrintsListsAsCsvOnStdout) {
  CommandResult methods =
      RunMeactl(mead_.grpc_address(), {"--output", "csv", "methods", "list"});
  ASSERT_EQ(methods.exit_code, 0) << methods.err;
  auto records = ReadCsv(methods.out);
  ASSERT_EQ(records.size(), 2u) << methods.out;
  EXPECT_EQ(records[1][0], kMethodId);

  CommandResult due =
      RunMeactl(mead_.grpc_address(),
                {"--output", "csv", "due", "--until", "2030-01-01"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  records = ReadCsv(due.out);
  ASSERT_EQ(records.size(), 6u) << due.out;
  for (const auto& record : records) {
    EXPECT_EQ(record.size(), records[0].size()) << due.out;
  }
  // The counts line is for people: on stderr, not in the CSV.
  EXPECT_TRUE(absl::StrContains(due.err, "forfalt (overdue)")) << due.err;

  CommandResult agreements = RunMeactl(
      mead_.grpc_address(), {"--output", "csv", "agreements", "list"});
  ASSERT_EQ(agreements.exit_code, 0) << agreements.err;
  EXPECT_EQ(ReadCsv(agreements.out).size(), 2u) << agreements.out;
}

}  // namespace
}  // namespace mea::testing
