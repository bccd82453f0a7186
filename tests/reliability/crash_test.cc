// Crash safety: the real mead is killed with SIGKILL at random moments
// while clients stream results batches, create methods and settle an
// agreement, then restarted on the same file, round after round.
//
// After every kill, on the database file itself (read-only, mead is dead):
// PRAGMA integrity_check passes; every batch whose receipt the client got
// is there exactly once with all its rows; no batch is there in part (an
// unacknowledged one is whole or absent); every acknowledged method and
// settlement is there; and every settlement of the agreement whose results
// never change is the same. After the restart, through the API: the
// acknowledged settlements read back unchanged, and resending the
// unacknowledged batches completes them exactly once (a batch that was
// committed just before the kill comes back as a duplicate).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/support/database_inspection.h"
#include "tests/reliability/mead_process.h"
#include "tests/reliability/sample_requests.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

constexpr int kRounds = 20;
constexpr int kRowsPerBatch = 50;
constexpr char kMethod[] = "ID2025_101";
// Receives batches during the rounds.
constexpr char kUploadAgreement[] = "SI-CRASH-UPLOAD";
// Settled again and again; its results never change after the set-up.
constexpr char kSettleAgreement[] = "SI-CRASH-SETTLE";

// What the clients know: what the server acknowledged, and what they sent
// without an answer.
struct Ledger {
  std::mutex mutex;
  std::map<std::string, v1::BatchReceipt> acknowledged_batches;
  std::map<std::string, v1::ResultsBatch> unacknowledged_batches;
  std::set<std::string> acknowledged_methods;
  std::vector<v1::StoredSettlement> acknowledged_settlements;
  // Errors before the kill: a bug, not the crash.
  std::vector<std::string> unexpected;
};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    seed_ = device();
    std::cout << "crash test seed " << seed_ << std::endl;
    random_.seed(seed_);
    StartMead();
    CreateFixtures();
  }

  void StartMead() {
    MeadOptions options;
    options.database_path = database_;
    options.log_path = folder_.File("mead.log");
    auto started = MeadProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    mead_ = *std::move(started);
    tracking_ = v1::TrackingService::NewStub(mead_->Channel());
    agreements_ = v1::AgreementService::NewStub(mead_->Channel());
  }

  void CreateFixtures() {
    v1::CreateMethodRequest method;
    *method.mutable_method() = samples::Method(kMethod);
    v1::Method created;
    grpc::ClientContext method_call;
    ASSERT_TRUE(tracking_->CreateMethod(&method_call, method, &created).ok());
    for (const char* id : {kUploadAgreement, kSettleAgreement}) {
      v1::CreateAgreementRequest request;
      *request.mutable_agreement() = samples::Agreement(id, kMethod);
      v1::Agreement agreement;
      grpc::ClientContext call;
      grpc::Status status =
          agreements_->CreateAgreement(&call, request, &agreement);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
    v1::UploadResultsResponse receipts;
    grpc::Status uploaded = samples::Upload(
        *agreements_,
        {samples::DispensingBatch(kSettleAgreement, "fixed-results", 400)},
        &receipts);
    ASSERT_TRUE(uploaded.ok()) << uploaded.error_message();
  }

  // One round of clients until the kill.
  void RunRound(int round);
  void UploadLoop(int round, int worker, const std::atomic<bool>& killed);
  void MethodLoop(int round, const std::atomic<bool>& killed);
  void SettleLoop(const std::atomic<bool>& killed);
  void Unexpected(const std::atomic<bool>& killed, const std::string& what,
                  const grpc::Status& status);

  // Checks on the file while mead is dead.
  void CheckFile(int round);
  void CheckAcknowledgedBatches();
  void CheckAcknowledgedMethods();
  void CheckSettlements();
  // Checks through the restarted server; resends what was not answered.
  void CheckAfterRestart(int round);

  std::string Explain() const {
    return absl::StrCat("seed ", seed_, "; mead log ",
                        folder_.File("mead.log"));
  }

  TempDir folder_;
  std::string database_ = folder_.File("mea.db");
  uint32_t seed_ = 0;
  std::mt19937 random_;
  std::unique_ptr<MeadProcess> mead_;
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
  Ledger ledger_;
  int next_method_ = 1;
};

void CrashTest::Unexpected(const std::atomic<bool>& killed,
                           const std::string& what,
                           const grpc::Status& status) {
  if (killed) return;  // The crash itself: expected.
  std::lock_guard<std::mutex> lock(ledger_.mutex);
  ledger_.unexpected.push_back(absl::StrCat(what, ": ", status.error_code(),
                                            " ", status.error_message()));
}

void CrashTest::UploadLoop(int round, int worker,
                           const std::atomic<bool>& killed) {
  auto stub = v1::AgreementService::NewStub(mead_->Channel());
  for (int call = 0; !killed; ++call) {
    // One to three batches per stream, so that kills land before, inside
    // and between streams.
    std::vector<v1::ResultsBatch> batches;
    for (int j = 0; j <= (call + worker) % 3; ++j) {
      batches.push_back(samples::DispensingBatch(
          kUploadAgreement,
          absl::StrFormat("r%02d-w%d-c%03d-b%d", round, worker, call, j),
          kRowsPerBatch, round * 1000 + call * 10 + j));
    }
    {
      std::lock_guard<std::mutex> lock(ledger_.mutex);
      for (const auto& batch : batches) {
        ledger_.unacknowledged_batches[batch.batch_id()] = batch;
      }
    }
    v1::UploadResultsResponse response;
    grpc::Status status = samples::Upload(*stub, batches, &response, 10);
    if (!status.ok()) {
      Unexpected(killed, "UploadResults", status);
      return;
    }
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    for (const v1::BatchReceipt& receipt : response.receipts()) {
      ledger_.unacknowledged_batches.erase(receipt.batch_id());
      ledger_.acknowledged_batches[receipt.batch_id()] = receipt;
    }
  }
}

void CrashTest::MethodLoop(int round, const std::atomic<bool>& killed) {
  auto stub = v1::TrackingService::NewStub(mead_->Channel());
  while (!killed) {
    const std::string id = absl::StrFormat("ID2031_%03d", next_method_++);
    v1::CreateMethodRequest request;
    *request.mutable_method() = samples::Method(id);
    v1::Method created;
    grpc::ClientContext call;
    call.set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    grpc::Status status = stub->CreateMethod(&call, request, &created);
    if (!status.ok()) {
      Unexpected(killed, absl::StrCat("CreateMethod ", id, " in round ", round),
                 status);
      return;
    }
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    ledger_.acknowledged_methods.insert(id);
  }
}

void CrashTest::SettleLoop(const std::atomic<bool>& killed) {
  auto stub = v1::AgreementService::NewStub(mead_->Channel());
  while (!killed) {
    v1::StoredSettlement stored;
    grpc::ClientContext call;
    call.set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    grpc::Status status = stub->SettleAgreement(
        &call, samples::Settle2025(kSettleAgreement), &stored);
    if (!status.ok()) {
      Unexpected(killed, "SettleAgreement", status);
      return;
    }
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    ledger_.acknowledged_settlements.push_back(stored);
  }
}

void CrashTest::RunRound(int round) {
  std::atomic<bool> killed = false;
  std::vector<std::thread> clients;
  clients.emplace_back([&] { UploadLoop(round, 0, killed); });
  clients.emplace_back([&] { UploadLoop(round, 1, killed); });
  clients.emplace_back([&] { MethodLoop(round, killed); });
  clients.emplace_back([&] { SettleLoop(killed); });
  std::uniform_int_distribution<int> delay(20, 250);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay(random_)));
  // Set before the kill: errors seen from now on are the crash's.
  killed = true;
  mead_->Kill();
  for (std::thread& client : clients) client.join();
}

void CrashTest::CheckFile(int round) {
  SCOPED_TRACE(absl::StrCat("round ", round, "; ", Explain()));
  absl::StatusOr<std::string> verdict = IntegrityCheck(database_);
  ASSERT_TRUE(verdict.ok()) << verdict.status();
  EXPECT_EQ(*verdict, "ok");
  // No batch in part: every receipt has exactly its rows, and no row is
  // without its receipt.
  absl::StatusOr<int64_t> partial = PartialBatches(database_);
  ASSERT_TRUE(partial.ok()) << partial.status();
  EXPECT_EQ(*partial, 0) << "a batch is stored in part";
  CheckAcknowledgedBatches();
  CheckAcknowledgedMethods();
  CheckSettlements();
}

// Every acknowledged batch exactly once, in its acknowledged place.
void CrashTest::CheckAcknowledgedBatches() {
  absl::StatusOr<std::vector<std::vector<std::string>>> stored = Query(
      database_, absl::StrCat("SELECT batch_id, sequence, dispensings FROM "
                              "result_batches WHERE agreement_id = '",
                              kUploadAgreement, "'"));
  ASSERT_TRUE(stored.ok()) << stored.status();
  std::map<std::string, std::vector<std::string>> by_id;
  for (const auto& row : *stored) {
    EXPECT_TRUE(by_id.emplace(row[0], row).second) << "twice: " << row[0];
  }
  for (const auto& [batch_id, receipt] : ledger_.acknowledged_batches) {
    auto found = by_id.find(batch_id);
    ASSERT_NE(found, by_id.end()) << "acknowledged batch lost: " << batch_id;
    EXPECT_EQ(found->second[1], absl::StrCat(receipt.sequence())) << batch_id;
    EXPECT_EQ(found->second[2], absl::StrCat(kRowsPerBatch)) << batch_id;
  }
}

void CrashTest::CheckAcknowledgedMethods() {
  if (ledger_.acknowledged_methods.empty()) return;
  absl::StatusOr<int64_t> methods = QueryInt(
      database_,
      absl::StrCat("SELECT COUNT(*) FROM methods WHERE id IN ('",
                   absl::StrJoin(ledger_.acknowledged_methods, "','"), "')"));
  ASSERT_TRUE(methods.ok()) << methods.status();
  EXPECT_EQ(*methods,
            static_cast<int64_t>(ledger_.acknowledged_methods.size()));
}

// Numbered without gaps, at least the acknowledged ones, and all the same,
// since the agreement's results never change.
void CrashTest::CheckSettlements() {
  absl::StatusOr<std::vector<std::vector<std::string>>> settlements = Query(
      database_,
      absl::StrCat("SELECT COUNT(*), COALESCE(MAX(number), 0), "
                   "COUNT(DISTINCT input_digest || '/' || gross_cost_ore || "
                   "'/' || total_refund_ore || '/' || net_cost_ore) FROM "
                   "settlements WHERE agreement_id = '",
                   kSettleAgreement, "'"));
  ASSERT_TRUE(settlements.ok()) << settlements.status();
  const auto& summary = settlements->front();
  EXPECT_EQ(summary[0], summary[1]) << "settlement numbers have gaps";
  EXPECT_GE(std::stoll(summary[0]),
            static_cast<int64_t>(ledger_.acknowledged_settlements.size()));
  if (summary[0] != "0") EXPECT_EQ(summary[2], "1") << "settlements differ";
}

void CrashTest::CheckAfterRestart(int round) {
  SCOPED_TRACE(absl::StrCat("round ", round, "; ", Explain()));
  for (const v1::StoredSettlement& acknowledged :
       ledger_.acknowledged_settlements) {
    v1::GetSettlementRequest request;
    request.set_agreement_id(acknowledged.agreement_id());
    request.set_number(acknowledged.number());
    v1::StoredSettlement stored;
    grpc::ClientContext call;
    grpc::Status status = agreements_->GetSettlement(&call, request, &stored);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        stored, acknowledged))
        << "settlement " << acknowledged.number() << " changed";
  }
  // The client's recovery: resend what was not answered. A batch committed
  // just before the kill is a duplicate now, the others are new.
  std::vector<v1::ResultsBatch> resend;
  for (const auto& [batch_id, batch] : ledger_.unacknowledged_batches) {
    resend.push_back(batch);
  }
  if (resend.empty()) return;
  v1::UploadResultsResponse response;
  grpc::Status status = samples::Upload(*agreements_, resend, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.receipts_size(), static_cast<int>(resend.size()));
  for (const v1::BatchReceipt& receipt : response.receipts()) {
    ledger_.acknowledged_batches[receipt.batch_id()] = receipt;
  }
  ledger_.unacknowledged_batches.clear();
}

TEST_F(CrashTest, KilledAtRandomMomentsLosesNothingAcknowledged) {
  for (int round = 1; round <= kRounds; ++round) {
    RunRound(round);
    ASSERT_TRUE(ledger_.unexpected.empty())
        << "errors before the kill in round " << round << ": "
        << absl::StrJoin(ledger_.unexpected, "; ") << " (" << Explain() << ")";
    ASSERT_NO_FATAL_FAILURE(CheckFile(round));
    ASSERT_NO_FATAL_FAILURE(StartMead());
    ASSERT_NO_FATAL_FAILURE(CheckAfterRestart(round));
  }
  // The rounds must have done real work on both sides of the kills.
  EXPECT_GT(ledger_.acknowledged_batches.size(), 20u);
  EXPECT_GT(ledger_.acknowledged_methods.size(), 20u);
  EXPECT_GT(ledger_.acknowledged_settlements.size(), 5u);
  ASSERT_NO_FATAL_FAILURE(CheckFile(kRounds + 1));
  std::cout << "crash test: " << kRounds << " kills; acknowledged "
            << ledger_.acknowledged_batches.size() << " batches, "
            << ledger_.acknowledged_methods.size() << " methods, "
            << ledger_.acknowledged_settlements.size() << " settlements"
            << std::endl;
}

}  // namespace
}  // namespace mea::testing
