// The real meactl binary against the real server: tracking commands, their
// text and JSON output, exit codes, and field paths on stderr.
#include <gtest/gtest.h>

#include <fstream>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  EXPECT_TRUE(
      google::protobuf::util::MessageToJsonString(message, &json, options)
          .ok());
  return json;
}

class MeactlTrackingTest : public ::testing::Test {
 protected:
  CommandResult Meactl(const std::vector<std::string>& args,
                       const std::string& input = "") {
    return RunMeactl(server_.address(), args, input);
  }

  void CreateCase() {
    CreateMethodOrFail(*stub_, ValidMethod("ID2021_045"));
    decision_ = CreateDecisionOrFail(
        *stub_, TemporaryDecision("ID2021_045", kToday - 300));
  }

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();
  v1::Decision decision_;
};

TEST_F(MeactlTrackingTest, MethodsCreateGetListUpdate) {
  CommandResult created =
      Meactl({"methods", "create", "--id", "ID2021_045", "--title",
              "Larotrektinib (Vitrakvi)", "--substance", "larotrektinib",
              "--supplier", "Bayer AS", "--area", "Onkologi"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(created.out,
              AllOf(HasSubstr("ID2021_045"), HasSubstr("awaiting_decision")));

  CommandResult updated =
      Meactl({"methods", "update", "ID2021_045", "--brand", "Vitrakvi"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_THAT(updated.out, HasSubstr("handelsnavn (brand)"));

  CommandResult listed = Meactl({"methods", "list", "--area", "Onkologi"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out,
              AllOf(HasSubstr("ID"), HasSubstr("STATUS"),
                    HasSubstr("ID2021_045"), HasSubstr("Bayer AS")));

  CommandResult json =
      Meactl({"--output", "json", "methods", "get", "ID2021_045"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::Method method;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(json.out, &method).ok())
      << json.out;
  EXPECT_EQ(method.brand_name(), "Vitrakvi");
  EXPECT_EQ(method.supplier(), "Bayer AS");
}

TEST_F(MeactlTrackingTest, InvalidInputExitsTwoWithFieldPaths) {
  CommandResult bad_id =
      Meactl({"methods", "create", "--id", "ID21_45", "--title", "x",
              "--substance", "y", "--supplier", "z"});
  EXPECT_EQ(bad_id.exit_code, 2);
  EXPECT_THAT(bad_id.err,
              AllOf(HasSubstr("INVALID_ARGUMENT"), HasSubstr("method.id: ")));

  CreateMethodOrFail(*stub_, ValidMethod("ID2021_045"));
  v1::Decision decision = TemporaryDecision("ID2021_045", kToday - 30);
  decision.mutable_follow_up()->mutable_data_obligations(1)->set_due_date(
      "2026-02-30");
  decision.mutable_follow_up()->mutable_outcome_measures(0)->set_expected_value(
      "-1");
  CommandResult bad_plan =
      Meactl({"decisions", "create", "-"}, ToJson(decision));
  EXPECT_EQ(bad_plan.exit_code, 2);
  EXPECT_THAT(
      bad_plan.err,
      AllOf(HasSubstr("decision.follow_up.data_obligations[1].due_date: "),
            HasSubstr("decision.follow_up.outcome_measures[0]."
                      "expected_value: ")));
  EXPECT_EQ(CountRows(server_, "decisions"), 0);

  EXPECT_EQ(Meactl({"decisions", "create", "-"}, "{not json").exit_code, 2);
  EXPECT_EQ(Meactl({"due", "--kind", "everything"}).exit_code, 2);
  EXPECT_EQ(Meactl({"due", "--colour", "red"}).exit_code, 2);
  EXPECT_EQ(Meactl({"decisions", "get", "abc"}).exit_code, 2);
  EXPECT_EQ(Meactl({"methods", "frobnicate"}).exit_code, 2);
}

TEST_F(MeactlTrackingTest, RefusedCallsExitOne) {
  CreateCase();
  EXPECT_EQ(Meactl({"methods", "get", "ID2030_001"}).exit_code, 1);
  CommandResult scheduled =
      Meactl({"reassessments", "complete", std::to_string(decision_.id()),
              "--outcome", "phase_out"});
  EXPECT_EQ(scheduled.exit_code, 1);
  EXPECT_THAT(scheduled.err, HasSubstr("FAILED_PRECONDITION"));
  CommandResult unreachable = RunMeactl("127.0.0.1:1", {"due"});
  EXPECT_EQ(unreachable.exit_code, 1);
}

TEST_F(MeactlTrackingTest, DecisionFromFileAndFollowUpCommands) {
  CreateMethodOrFail(*stub_, ValidMethod("ID2021_045"));
  TempDir folder;
  const std::string file = folder.File("decision.json");
  std::ofstream(file) << ToJson(TemporaryDecision("ID2021_045", kToday - 300));
  CommandResult created = Meactl({"decisions", "create", file});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(created.out, AllOf(HasSubstr("Utfallsmål (outcome measures)"),
                                 HasSubstr("Dataansvar (data obligations)"),
                                 HasSubstr("Revurdering (reassessment)"),
                                 HasSubstr("Exit-plan")));

  v1::ListDecisionsRequest list;
  auto decisions = CALL(*stub_, ListDecisions, list, v1::ListDecisionsResponse);
  ASSERT_EQ(decisions.response.decisions_size(), 1);
  const v1::Decision& decision = decisions.response.decisions(0);
  const std::string id = std::to_string(decision.id());
  const std::string obligation =
      std::to_string(decision.follow_up().data_obligations(0).id());

  CommandResult delivered =
      Meactl({"obligations", "deliver", obligation, "--reference", "KRG-2026-3",
              "--date", Day(kToday - 2)});
  ASSERT_EQ(delivered.exit_code, 0) << delivered.err;
  EXPECT_THAT(delivered.out,
              AllOf(HasSubstr("delivered"), HasSubstr("KRG-2026-3")));
  EXPECT_EQ(
      Meactl({"obligations", "waive", obligation, "--reason", "x"}).exit_code,
      1);

  ASSERT_EQ(Meactl({"reassessments", "start", id}).exit_code, 0);
  CommandResult extended =
      Meactl({"reassessments", "complete", id, "--outcome", "extension",
              "--new_deadline", Day(kToday + 400), "--reason", "Mer data"});
  ASSERT_EQ(extended.exit_code, 0) << extended.err;
  EXPECT_THAT(extended.out, HasSubstr(Day(kToday + 400)));
  ASSERT_EQ(Meactl({"reassessments", "start", id}).exit_code, 0);
  CommandResult completed =
      Meactl({"reassessments", "complete", id, "--outcome",
              "permanent-introduction", "--reason", "Effekt bekreftet"});
  ASSERT_EQ(completed.exit_code, 0) << completed.err;
  EXPECT_THAT(completed.out, AllOf(HasSubstr("completed"),
                                   HasSubstr("permanent_introduction")));
  CommandResult twice = Meactl(
      {"reassessments", "complete", id, "--outcome", "permanent_introduction"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.err, HasSubstr("FAILED_PRECONDITION"));

  CommandResult history =
      Meactl({"decisions", "list", "--method", "ID2021_045"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_THAT(history.out, AllOf(HasSubstr("introduced_temporarily"),
                                 HasSubstr("superseded by")));
}

TEST_F(MeactlTrackingTest, DueShowsCountsAndOverdueFirst) {
  CreateCase();
  CommandResult due = Meactl({"due"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_THAT(due.out, HasSubstr("2 forfalt (overdue), 3 i alt (total) per " +
                                 Day(kToday)));
  const size_t overdue = due.out.find("!  " + Day(kToday - 200));
  ASSERT_NE(overdue, std::string::npos) << due.out;
  EXPECT_LT(overdue, due.out.find(Day(kToday - 100)));
  EXPECT_LT(due.out.find(Day(kToday - 100)), due.out.find(Day(kToday + 65)));
  EXPECT_THAT(due.out, HasSubstr("-200"));

  CommandResult soon = Meactl({"due", "--until", Day(kToday + 30)});
  ASSERT_EQ(soon.exit_code, 0) << soon.err;
  EXPECT_THAT(soon.out, AllOf(HasSubstr("2 forfalt (overdue), 2 i alt"),
                              Not(HasSubstr(Day(kToday + 65)))));

  CommandResult later =
      Meactl({"due", "--until", Day(kToday + 100), "--kind", "reassessment"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_THAT(later.out, AllOf(HasSubstr(Day(kToday + 65)),
                               HasSubstr("Sekretariatet for Nye metoder"),
                               Not(HasSubstr("Kreftregisteret"))));

  CommandResult paged = Meactl({"due", "--page_size", "1", "--all"});
  ASSERT_EQ(paged.exit_code, 0) << paged.err;
  EXPECT_THAT(
      paged.out,
      AllOf(HasSubstr(Day(kToday - 200)), HasSubstr(Day(kToday - 100)),
            HasSubstr(Day(kToday + 65)), Not(HasSubstr("--page_token"))));

  CommandResult csv = Meactl({"--output", "csv", "due"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, AllOf(HasSubstr("OVERDUE,DUE,DAYS,KIND,METHOD,WHO"),
                             HasSubstr("true," + Day(kToday - 200) + ",-200,"),
                             Not(HasSubstr("forfalt"))));
  EXPECT_THAT(csv.err, HasSubstr("2 forfalt (overdue)"));

  CommandResult json = Meactl({"--output", "json", "due"});
  v1::ListDueItemsResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(json.out, &response).ok());
  EXPECT_EQ(response.overdue_count(), 2);
  EXPECT_EQ(response.items_size(), 3);
}

TEST_F(MeactlTrackingTest, DossierIsReadable) {
  CreateCase();
  CommandResult dossier = Meactl({"dossier", "ID2021_045"});
  ASSERT_EQ(dossier.exit_code, 0) << dossier.err;
  EXPECT_THAT(
      dossier.out,
      AllOf(HasSubstr("Saksoversikt (dossier) ID2021_045"),
            HasSubstr("Beslutninger (decisions)"),
            HasSubstr("orr: forventet (expected) ≥ 0.40"),
            HasSubstr("Kreftregisteret"), HasSubstr("FORFALT"),
            HasSubstr("om 65 dager (65 days left)"), HasSubstr("Exit-plan"),
            HasSubstr("2 forfalt (overdue), 3 i alt (total)")));
  EXPECT_EQ(Meactl({"dossier", "ID2030_001"}).exit_code, 1);
  EXPECT_EQ(Meactl({"dossier"}).exit_code, 2);
}

TEST(MeactlDemoTest, DemoDueListsOverdueItems) {
  TestServer server(kToday, /*load_demo=*/true);
  CommandResult due = RunMeactl(server.address(), {"due"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_THAT(due.out, AllOf(HasSubstr("forfalt (overdue)"),
                             HasSubstr("!  " + Day(kToday - 40)),
                             HasSubstr("ID2022_013"), HasSubstr("ID2021_045")));
  CommandResult dossier =
      RunMeactl(server.address(), {"dossier", "ID2020_031"});
  ASSERT_EQ(dossier.exit_code, 0) << dossier.err;
  EXPECT_THAT(dossier.out, AllOf(HasSubstr("permanent_introduction"),
                                 HasSubstr("frafalt (waived)"),
                                 HasSubstr("levert (delivered)")));
}

}  // namespace
}  // namespace mea::testing
