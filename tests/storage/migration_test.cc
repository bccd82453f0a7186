// Migrations from every earlier schema version: a copy of each committed
// fixture (tests/storage/schema_fixtures.h) is opened with today's
// Database::Open, started on as mead starts, read with today's loaders and
// written to.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/status_macros.h"
#include "storage/agreements/results.h"
#include "storage/agreements/settlements.h"
#include "storage/agreements/store.h"
#include "storage/audit/keying.h"
#include "storage/audit/startup.h"
#include "storage/audit/store.h"
#include "storage/core/database.h"
#include "storage/tracking/enum_texts.h"
#include "storage/tracking/store.h"
#include "tests/storage/sample_writes.h"
#include "tests/storage/schema_fixtures.h"
#include "tests/support/database_inspection.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

using storage::Connection;
using storage::Database;
using Rows = std::vector<std::vector<std::string>>;

const std::string& FixtureFolder() {
  static const auto* folder =
      new std::string(std::string(MEA_SOURCE_DIR) + "/tests/storage/fixtures");
  return *folder;
}

std::string FixtureName(int version) {
  return absl::StrCat("schema-v", version, ".sqlite");
}

// Adding migration N+1 means adding the fixture of version N.
TEST(SchemaFixturesTest, ThereIsOneFixturePerEarlierVersion) {
  std::set<std::string> expected;
  for (int version = 1; version < LatestSchemaVersion(); ++version) {
    expected.insert(FixtureName(version));
  }
  std::set<std::string> found;
  for (const auto& entry :
       std::filesystem::directory_iterator(FixtureFolder())) {
    found.insert(entry.path().filename().string());
  }
  EXPECT_EQ(found, expected)
      << "write the missing ones with make_schema_fixtures "
         "(tests/storage/README.md)";
}

// The tables of the database at `path`, each with its columns ("a, b").
absl::StatusOr<std::map<std::string, std::string>> Tables(
    const std::string& path) {
  MEA_ASSIGN_OR_RETURN(Rows tables,
                       Query(path,
                             "SELECT name FROM sqlite_schema WHERE type = "
                             "'table' AND name NOT LIKE 'sqlite_%'"));
  std::map<std::string, std::string> columns_of;
  for (const auto& table : tables) {
    MEA_ASSIGN_OR_RETURN(
        Rows columns,
        Query(path, absl::StrCat("SELECT name FROM pragma_table_info('",
                                 table[0], "')")));
    std::vector<std::string> names;
    for (const auto& column : columns) names.push_back(column[0]);
    columns_of[table[0]] = absl::StrJoin(names, ", ");
  }
  return columns_of;
}

// Every row of each of `tables` in the database at `path`, in the given
// columns: the columns an older schema had, to compare across a migration
// that adds some.
absl::StatusOr<std::map<std::string, Rows>> RowsIn(
    const std::string& path, const std::map<std::string, std::string>& tables) {
  std::map<std::string, Rows> rows;
  for (const auto& [table, columns] : tables) {
    MEA_ASSIGN_OR_RETURN(
        rows[table], Query(path, absl::StrCat("SELECT ", columns, " FROM ",
                                              table, " ORDER BY ", columns)));
  }
  return rows;
}

class OldSchemaTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    const std::string fixture =
        absl::StrCat(FixtureFolder(), "/", FixtureName(version()));
    ASSERT_TRUE(std::filesystem::exists(fixture)) << fixture;
    std::filesystem::copy_file(fixture, pristine_);
    std::filesystem::copy_file(fixture, path_);
  }

  int version() const { return GetParam(); }

  void Open() {
    absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    database_ = *std::move(opened);
  }

  // What services/server/server.cc does with a database before serving:
  // keys the trail (here: no key), records the baseline of rows written
  // before state digests, recreates missing immutability triggers.
  void StartAsMeadDoes() {
    absl::Status keyed = database_->Write([](Connection& c) {
      return storage::audit::PrepareKeying(c, {}).status();
    });
    ASSERT_TRUE(keyed.ok()) << keyed;
    absl::Status guarded = database_->Write([&](Connection& c) -> absl::Status {
      MEA_ASSIGN_OR_RETURN(baseline_, storage::audit::WriteBaselineIfNeeded(
                                          c, "2026-01-05T08:00:00Z"));
      MEA_ASSIGN_OR_RETURN(restored_,
                           storage::audit::RestoreImmutabilityTriggers(
                               c, "2026-01-05T08:00:00Z"));
      return absl::OkStatus();
    });
    ASSERT_TRUE(guarded.ok()) << guarded;
  }

  storage::audit::Verification Verify() {
    absl::StatusOr<storage::audit::Verification> verified =
        VerifyTrail(*database_);
    EXPECT_TRUE(verified.ok()) << verified.status();
    return verified.value_or(storage::audit::Verification{});
  }

  int64_t OldEntries() const {
    return version() >= kAuditSince ? kFixtureAuditEntries : 0;
  }

  TempDir folder_;
  const std::string pristine_ = folder_.File("pristine.db");
  const std::string path_ = folder_.File("mea.db");
  std::unique_ptr<Database> database_;
  bool baseline_ = false;
  std::vector<std::string> restored_;
};

// Migrations are never edited once shipped: the fixture's schema is still
// what the first N migrations make today.
TEST_P(OldSchemaTest, TheFixtureIsWhatTheFirstMigrationsMakeToday) {
  EXPECT_EQ(QueryInt(pristine_, "PRAGMA user_version").value_or(-1), version());
  const std::string today = folder_.File("today.db");
  ASSERT_TRUE(ApplyMigrationsUpTo(today, version()).ok());
  const std::string schema =
      "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name";
  absl::StatusOr<Rows> made_today = Query(today, schema);
  ASSERT_TRUE(made_today.ok()) << made_today.status();
  EXPECT_EQ(Query(pristine_, schema).value_or(Rows{}), *made_today);
}

TEST_P(OldSchemaTest, OpensAtTheLatestVersionKeepingEveryRow) {
  absl::StatusOr<std::map<std::string, std::string>> tables = Tables(pristine_);
  ASSERT_TRUE(tables.ok()) << tables.status();
  absl::StatusOr<std::map<std::string, Rows>> before =
      RowsIn(pristine_, *tables);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_GT(before->at("methods").size(), 0u);

  Open();
  EXPECT_EQ(database_->schema_version(), LatestSchemaVersion());
  EXPECT_EQ(QueryInt(path_, "PRAGMA user_version").value_or(-1),
            LatestSchemaVersion());
  absl::StatusOr<std::map<std::string, Rows>> after = RowsIn(path_, *tables);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(*after, *before);
  EXPECT_EQ(IntegrityCheck(path_).value_or(""), "ok");
  EXPECT_EQ(Query(path_, "PRAGMA foreign_key_check").value_or(Rows{{"?"}}),
            Rows{});
}

TEST_P(OldSchemaTest, TodaysLoadersReadTheOldTrackingRows) {
  Open();
  absl::Status read = database_->Read([](Connection& c) -> absl::Status {
    namespace tracking = storage::tracking;
    MEA_ASSIGN_OR_RETURN(tracking::MethodRecord method,
                         tracking::LoadMethod(c, kFixtureMethod));
    EXPECT_EQ(method.status, tracking::MethodStatus::kIntroducedTemporarily);
    MEA_ASSIGN_OR_RETURN(
        tracking::MethodRecord waiting,
        tracking::LoadMethod(c, kFixtureMethodWithoutDecision));
    EXPECT_EQ(waiting.status, tracking::MethodStatus::kAwaitingDecision);
    MEA_ASSIGN_OR_RETURN(tracking::DecisionRecord decision,
                         tracking::LoadDecision(c, kFixtureDecision));
    EXPECT_TRUE(decision.follow_up.has_value());
    if (!decision.follow_up.has_value()) return absl::OkStatus();
    const tracking::FollowUpPlanRecord& plan = *decision.follow_up;
    EXPECT_EQ(plan.outcome_measures.size(), 1u);
    EXPECT_EQ(plan.outcome_measures.at(0).expected_value.text(), "0.40");
    EXPECT_EQ(plan.data_obligations.size(), 2u);
    EXPECT_EQ(plan.reassessment.deadline, absl::CivilDay(2027, 6, 17));
    EXPECT_EQ(plan.reassessment.extensions.size(), 1u);
    EXPECT_EQ(plan.exit_plan.payer, tracking::ExitPayer::kSupplier);
    MEA_ASSIGN_OR_RETURN(
        tracking::DataObligationRecord delivered,
        tracking::LoadDataObligation(c, kFixtureDeliveredObligation));
    EXPECT_EQ(delivered.state, tracking::ObligationState::kDelivered);
    EXPECT_EQ(delivered.delivered_date, absl::CivilDay(2024, 11, 28));
    EXPECT_EQ(delivered.outcome_measures, std::vector<std::string>{"orr"});
    return absl::OkStatus();
  });
  EXPECT_TRUE(read.ok()) << read;
}

TEST_P(OldSchemaTest, TodaysLoadersReadTheOldAgreementRows) {
  Open();
  const bool had_agreements = version() >= kAgreementsSince;
  absl::Status read = database_->Read([&](Connection& c) -> absl::Status {
    if (!had_agreements) {
      // The tables are new and empty.
      EXPECT_TRUE(absl::IsNotFound(
          storage::agreements::LoadAgreement(c, kFixtureAgreement).status()));
      return absl::OkStatus();
    }
    namespace agreements = storage::agreements;
    MEA_ASSIGN_OR_RETURN(agreements::AgreementRecord agreement,
                         agreements::LoadAgreement(c, kFixtureAgreement));
    EXPECT_EQ(agreement.unit_price_ore, 1260000);
    EXPECT_EQ(agreement.state, agreements::AgreementState::kActive);
    EXPECT_EQ(agreement.valid_to, absl::CivilDay(2026, 6, 30));
    EXPECT_TRUE(absl::StrContains(agreement.clauses_json, "outcome_guarantee"))
        << "stored byte for byte: " << agreement.clauses_json;
    MEA_ASSIGN_OR_RETURN(agreements::ResultsRecord results,
                         agreements::LoadResults(c, kFixtureAgreement));
    EXPECT_EQ(results.dispensings.size(), 2u);
    EXPECT_EQ(results.patients.size(), 1u);
    EXPECT_EQ(results.group_outcomes.size(), 1u);
    if (results.group_outcomes.size() == 1) {
      EXPECT_EQ(results.group_outcomes[0].value.text(), "0.35")
          << "the corrected value";
    }
    MEA_ASSIGN_OR_RETURN(agreements::SettlementRecord settlement,
                         agreements::LoadSettlement(c, kFixtureAgreement, 1));
    EXPECT_EQ(settlement.settlement.net_cost_ore, kFixtureSettlementNetOre);
    EXPECT_EQ(settlement.settlement.lines.size(), 2u);
    EXPECT_EQ(settlement.settlement.triggers.size(), 1u);
    return absl::OkStatus();
  });
  EXPECT_TRUE(read.ok()) << read;
}

// Migration 3 rebuilt the due list over the agreements: old agreements'
// expiry and outcome triggers are on it, next to the tracking items.
TEST_P(OldSchemaTest, TheDueListHoldsEveryOldObligation) {
  Open();
  std::vector<std::string> due;
  absl::Status read = database_->Read([&](Connection& c) -> absl::Status {
    storage::tracking::DueQuery query;
    query.today = absl::CivilDay(2025, 1, 1);
    query.end_date = absl::CivilDay(2030, 12, 31);
    MEA_ASSIGN_OR_RETURN(
        std::vector<storage::tracking::DueItemRecord> items,
        storage::tracking::ListDueItems(c, query, /*offset=*/0, /*limit=*/-1));
    for (const storage::tracking::DueItemRecord& item : items) {
      due.push_back(
          absl::StrCat(storage::TextOf<storage::tracking::DueItemKind>(
                           storage::tracking::kDueItemKindTexts, item.kind),
                       " ", absl::FormatCivilTime(item.due_date)));
    }
    return absl::OkStatus();
  });
  ASSERT_TRUE(read.ok()) << read;
  std::vector<std::string> expected = {"DATA_OBLIGATION 2025-06-30",
                                       "REASSESSMENT 2027-06-17"};
  if (version() >= kAgreementsSince) {
    expected = {"OUTCOME_TRIGGER 2025-01-15", "DATA_OBLIGATION 2025-06-30",
                "AGREEMENT_EXPIRY 2026-06-30", "REASSESSMENT 2027-06-17"};
  }
  EXPECT_EQ(due, expected);
}

TEST_P(OldSchemaTest, MeadStartsOnItAndTheTrailVerifies) {
  Open();
  StartAsMeadDoes();
  EXPECT_TRUE(baseline_) << "the old rows need a baseline entry";
  EXPECT_EQ(restored_, std::vector<std::string>{})
      << "the migrations made every immutability trigger as mead expects";
  storage::audit::Verification verified = Verify();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows, OldEntries() + 1);
  EXPECT_TRUE(verified.changed_outside.empty());
  EXPECT_EQ(QueryInt(path_,
                     "SELECT COUNT(*) FROM audit_entries "
                     "WHERE version = 1")
                .value_or(-1),
            OldEntries())
      << "old entries keep their version and hashes";
}

TEST_P(OldSchemaTest, AWriteWorksAndLastsAfterwards) {
  Open();
  StartAsMeadDoes();
  ASSERT_TRUE(CreateMethod(*database_, "ID2030_001").ok());
  storage::audit::Verification verified = Verify();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows, OldEntries() + 2);

  database_.reset();
  Open();
  EXPECT_TRUE(HasMethod(*database_, "ID2030_001").value_or(false));
  EXPECT_TRUE(HasMethod(*database_, kFixtureMethod).value_or(false));
  EXPECT_EQ(database_->schema_version(), LatestSchemaVersion());
}

INSTANTIATE_TEST_SUITE_P(EveryEarlierVersion, OldSchemaTest,
                         ::testing::Range(1, LatestSchemaVersion()),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return absl::StrCat("V", info.param);
                         });

}  // namespace
}  // namespace mea::testing
