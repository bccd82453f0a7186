// Database::Write and Read on a real SQLite file: a failed write leaves
// nothing behind, a committed one is there for later reads and after
// reopening, a nested call on the same thread is refused instead of
// deadlocking, and other threads take their turn.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "storage/audit/store.h"
#include "storage/core/database.h"
#include "storage/tracking/store.h"
#include "tests/storage/sample_writes.h"
#include "tests/support/database_inspection.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

using storage::Connection;
using storage::Database;

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    database_ = *std::move(opened);
  }
  void Reopen() {
    database_.reset();
    Open();
  }

  bool Has(const std::string& id) {
    absl::StatusOr<bool> has = HasMethod(*database_, id);
    EXPECT_TRUE(has.ok()) << has.status();
    return has.value_or(false);
  }

  storage::audit::Verification Verify() {
    absl::StatusOr<storage::audit::Verification> verified =
        VerifyTrail(*database_);
    EXPECT_TRUE(verified.ok()) << verified.status();
    return verified.value_or(storage::audit::Verification{});
  }

  TempDir folder_;
  const std::string path_ = folder_.File("mea.db");
  std::unique_ptr<Database> database_;
};

TEST_F(DatabaseTest, AFailedWriteLeavesNothingBehind) {
  ASSERT_TRUE(CreateMethod(*database_, "ID2030_001").ok());
  absl::StatusOr<std::string> before = ContentDump(path_);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(absl::StrContains(*before, "== audit_state (1 rows)")) << *before;

  absl::Status failed = database_->Write([](Connection& c) {
    absl::Status written = InsertAuditedMethod(c, "ID2030_002").status();
    EXPECT_TRUE(written.ok()) << written;
    return absl::AbortedError("refused after writing");
  });

  EXPECT_EQ(failed, absl::AbortedError("refused after writing"));
  EXPECT_EQ(ContentDump(path_).value_or("?"), *before)
      << "the method, its audit entry or its row digests stayed";
  EXPECT_FALSE(Has("ID2030_002"));
  EXPECT_EQ(QueryValue(path_, "SELECT COUNT(*) FROM audit_entries"), "1");
}

// The capture of the groups a write touches (storage/audit/state.h) is
// transactional too: the next entry records its own change, not the
// rolled-back one.
TEST_F(DatabaseTest, TheNextEntryDoesNotRecordARolledBackChange) {
  ASSERT_FALSE(database_
                   ->Write([](Connection& c) {
                     EXPECT_TRUE(storage::tracking::InsertMethod(
                                     c, SampleMethod("ID2030_002"))
                                     .ok());
                     return absl::InternalError("failed before the entry");
                   })
                   .ok());
  ASSERT_TRUE(CreateMethod(*database_, "ID2030_003").ok());

  absl::StatusOr<std::vector<std::vector<std::string>>> recorded =
      Query(path_, "SELECT table_name, group_key FROM audit_state");
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(*recorded, (std::vector<std::vector<std::string>>{
                           {"methods", R"(["ID2030_003"])"}}));
  EXPECT_TRUE(Verify().intact);
}

TEST_F(DatabaseTest, ACommittedWriteIsReadLaterAndAfterReopening) {
  ASSERT_TRUE(CreateMethod(*database_, "ID2030_001").ok());
  EXPECT_TRUE(Has("ID2030_001"));
  EXPECT_EQ(QueryValue(path_, "SELECT title FROM methods"),
            "Prøvemetode ID2030_001")
      << "another connection sees the commit";

  Reopen();
  EXPECT_TRUE(Has("ID2030_001"));
  storage::audit::Verification verified = Verify();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows, 1);
}

// Write, Read and Exclusive, by name, for the nesting table.
struct Entry {
  const char* name;
  std::function<absl::Status(Database&, Database::Callback)> call;
};

const std::vector<Entry>& Entries() {
  static const auto* entries = new std::vector<Entry>{
      {"Write", [](Database& d, Database::Callback c) { return d.Write(c); }},
      {"Read", [](Database& d, Database::Callback c) { return d.Read(c); }},
      {"Exclusive",
       [](Database& d, Database::Callback c) { return d.Exclusive(c); }},
  };
  return *entries;
}

TEST_F(DatabaseTest, ANestedCallOnTheSameThreadIsRefusedNotADeadlock) {
  for (const Entry& outer : Entries()) {
    for (const Entry& inner : Entries()) {
      SCOPED_TRACE(absl::StrFormat("%s inside %s", inner.name, outer.name));
      bool inner_ran = false;
      absl::Status nested;
      absl::Status outer_status = outer.call(*database_, [&](Connection&) {
        nested = inner.call(*database_, [&](Connection&) {
          inner_ran = true;
          return absl::OkStatus();
        });
        return absl::OkStatus();
      });
      EXPECT_TRUE(outer_status.ok()) << outer_status;
      EXPECT_FALSE(inner_ran);
      EXPECT_EQ(nested.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_TRUE(absl::StrContains(
          nested.message(),
          absl::StrFormat("Database::%s called inside a transaction on the "
                          "same thread",
                          inner.name)))
          << nested;
    }
  }
  ASSERT_TRUE(CreateMethod(*database_, "ID2030_001").ok())
      << "the database works after refusals";
}

// The refusal is the inner call's answer; the outer transaction decides:
// returning it rolls everything back, carrying on commits.
TEST_F(DatabaseTest, TheOuterCallbackDecidesAfterARefusedNestedCall) {
  absl::Status propagated = database_->Write([&](Connection& c) {
    EXPECT_TRUE(InsertAuditedMethod(c, "ID2030_001").ok());
    return CreateMethod(*database_, "ID2030_002");
  });
  EXPECT_EQ(propagated.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(Has("ID2030_001"));
  EXPECT_FALSE(Has("ID2030_002"));

  absl::Status carried_on = database_->Write([&](Connection& c) {
    EXPECT_FALSE(CreateMethod(*database_, "ID2030_002").ok());
    return InsertAuditedMethod(c, "ID2030_003").status();
  });
  EXPECT_TRUE(carried_on.ok()) << carried_on;
  EXPECT_TRUE(Has("ID2030_003"));
  EXPECT_FALSE(Has("ID2030_002"));
}

// Only the thread that holds the connection is refused: another thread
// calling meanwhile waits for it and then runs.
TEST_F(DatabaseTest, AnotherThreadWaitsItsTurnInsteadOfBeingRefused) {
  std::atomic<bool> outer_done{false};
  std::atomic<bool> other_ran_early{false};
  absl::Status other;
  std::thread waiting;
  absl::Status outer = database_->Write([&](Connection& c) {
    waiting = std::thread([&] {
      other = database_->Write([&](Connection& inner) {
        other_ran_early = !outer_done.load();
        return InsertAuditedMethod(inner, "ID2030_002").status();
      });
    });
    // Give the other thread time to reach the lock it must wait for.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    absl::Status written = InsertAuditedMethod(c, "ID2030_001").status();
    outer_done = true;
    return written;
  });
  waiting.join();
  EXPECT_TRUE(outer.ok()) << outer;
  EXPECT_TRUE(other.ok()) << other;
  EXPECT_FALSE(other_ran_early) << "two callbacks held the connection";
  EXPECT_TRUE(Has("ID2030_001"));
  EXPECT_TRUE(Has("ID2030_002"));
}

TEST_F(DatabaseTest, WritesFromManyThreadsAllCommitInOneChain) {
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        const std::string id =
            absl::StrFormat("ID2030_%03d", t * kWritesPerThread + i);
        if (!CreateMethod(*database_, id).ok()) ++failures;
        if (!HasMethod(*database_, id).value_or(false)) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  storage::audit::Verification verified = Verify();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows, kThreads * kWritesPerThread);
}

}  // namespace
}  // namespace mea::testing
