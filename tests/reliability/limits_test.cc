// The documented limits (docs/reliability.md) are enforced by the server,
// and a client that stops mid-stream, is killed, or runs out of its
// deadline leaves nothing half-applied: every batch is whole or absent, and
// sending again completes the upload exactly once.
#include <fcntl.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/clock.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "services/rpc/pagination.h"
#include "services/server/server.h"
#include "tests/support/database_inspection.h"
#include "tests/reliability/health_check.h"
#include "tests/reliability/sample_requests.h"
#include "tests/support/run_command.h"
#include "tests/support/spawn.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"
#include "common/limits.h"

namespace mea::testing {
namespace {

constexpr char kMethod[] = "ID2025_201";
constexpr char kAgreement[] = "SI-LIMITS-1";
// The documented maximum of rows in one results batch.
constexpr int kMaxRowsPerBatch = 100000;

class LimitsTest : public ::testing::Test {
 protected:
  LimitsTest()
      : tracking_(server_.Tracking()), agreements_(server_.Agreements()) {}

  void SetUp() override {
    v1::CreateMethodRequest method;
    *method.mutable_method() = samples::Method(kMethod);
    v1::Method created;
    grpc::ClientContext method_call;
    ASSERT_TRUE(tracking_->CreateMethod(&method_call, method, &created).ok());
    v1::CreateAgreementRequest agreement;
    *agreement.mutable_agreement() = samples::Agreement(kAgreement, kMethod);
    v1::Agreement stored;
    grpc::ClientContext agreement_call;
    ASSERT_TRUE(
        agreements_->CreateAgreement(&agreement_call, agreement, &stored).ok());
  }

  int64_t Count(const std::string& sql) {
    absl::StatusOr<int64_t> value = QueryInt(server_.database_path(), sql);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.value_or(-1);
  }

  // No batch is stored in part: each receipt has exactly its rows.
  void ExpectNoPartialBatch() {
    absl::StatusOr<int64_t> partial = PartialBatches(server_.database_path());
    ASSERT_TRUE(partial.ok()) << partial.status();
    EXPECT_EQ(*partial, 0) << "a batch is stored in part";
  }

  int64_t StoredBatches() {
    return Count(absl::StrCat(
        "SELECT COUNT(*) FROM result_batches WHERE agreement_id = '",
        kAgreement, "'"));
  }
  int64_t StoredRows() {
    return Count(absl::StrCat(
        "SELECT COUNT(*) FROM result_dispensings WHERE agreement_id = '",
        kAgreement, "'"));
  }

  // Waits until the server has stopped changing the batches (it may still
  // be applying one the client gave up on).
  void WaitUntilSettled() {
    int64_t last = -1;
    for (int i = 0; i < 100; ++i) {
      const int64_t now = StoredBatches();
      if (now == last) return;
      last = now;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  void ExpectServing() {
    auto serving = IsServing(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
    ASSERT_TRUE(serving.ok()) << serving.status();
    EXPECT_TRUE(*serving);
  }

  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
  TempDir files_;
};

std::vector<v1::ResultsBatch> Batches(int count, int rows,
                                      const std::string& prefix) {
  std::vector<v1::ResultsBatch> batches;
  for (int i = 0; i < count; ++i) {
    batches.push_back(samples::DispensingBatch(
        kAgreement, absl::StrCat(prefix, "-", i), rows, i));
  }
  return batches;
}

TEST_F(LimitsTest, ClientThatCancelsMidStreamLeavesWholeBatches) {
  const std::vector<v1::ResultsBatch> batches = Batches(20, 500, "cancel");
  {
    grpc::ClientContext context;
    v1::UploadResultsResponse response;
    auto stream = agreements_->UploadResults(&context, &response);
    for (int i = 0; i < 10; ++i) {
      v1::UploadResultsRequest request;
      *request.mutable_batch() = batches[i];
      ASSERT_TRUE(stream->Write(request));
    }
    // Gone without WritesDone: the stream is cancelled, not finished.
    context.TryCancel();
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  WaitUntilSettled();
  ExpectNoPartialBatch();
  EXPECT_LE(StoredBatches(), 10);
  EXPECT_EQ(StoredRows(), StoredBatches() * 500);

  // The client sends everything again: what arrived is a duplicate, the
  // rest is applied, and every batch is there exactly once.
  v1::UploadResultsResponse response;
  ASSERT_TRUE(samples::Upload(*agreements_, batches, &response).ok());
  ASSERT_EQ(response.receipts_size(), 20);
  EXPECT_EQ(StoredBatches(), 20);
  EXPECT_EQ(StoredRows(), 20 * 500);
  ExpectServing();
}

TEST_F(LimitsTest, DeadlinePassedMidBatchLeavesItWholeOrAbsent) {
  // Large enough that the deadline passes while the server works on it.
  const std::vector<v1::ResultsBatch> batches = Batches(3, 20000, "late");
  v1::UploadResultsResponse response;
  grpc::Status status = [&] {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(30));
    auto stream = agreements_->UploadResults(&context, &response);
    for (const v1::ResultsBatch& batch : batches) {
      v1::UploadResultsRequest request;
      *request.mutable_batch() = batch;
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
    return stream->Finish();
  }();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  WaitUntilSettled();
  ExpectNoPartialBatch();
  EXPECT_EQ(StoredRows(), StoredBatches() * 20000);

  ASSERT_TRUE(samples::Upload(*agreements_, batches, &response, 120).ok());
  EXPECT_EQ(StoredBatches(), 3);
  EXPECT_EQ(StoredRows(), 3 * 20000);
  ExpectServing();
}

// meactl killed with SIGKILL in the middle of `results upload`.
TEST_F(LimitsTest, UploadKilledMidStreamResumesExactlyOnce) {
  const std::string csv = files_.File("dispensings.csv");
  {
    std::ofstream file(csv);
    file << "date,units\n";
    for (int i = 0; i < 50000; ++i) {
      file << absl::StrFormat("2025-%02d-%02d,%d\n", 1 + i % 12, 1 + i % 28,
                              1 + i % 3);
    }
  }
  const std::string meactl = BinaryPath("meactl");
  const std::string server = server_.address();
  const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t child = Spawn(meactl,
                            {"--server", server, "results", "upload",
                             kAgreement, csv, "--batch_size", "500"},
                            null, null, null);
  close(null);
  ASSERT_GT(child, 0);
  // Kill it once the server has applied a few batches, mid-stream.
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (StoredBatches() < 3 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  int wait_status = 0;
  waitpid(child, &wait_status, 0);
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "meactl finished before the kill";
  WaitUntilSettled();
  ExpectNoPartialBatch();
  const int64_t before = StoredBatches();
  EXPECT_GE(before, 3);
  EXPECT_LT(before, 100);

  // Run again: same batch ids from the same file, so exactly once.
  CommandResult again = RunMeactl(
      server, {"results", "upload", kAgreement, csv, "--batch_size", "500"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(StoredBatches(), 100);
  EXPECT_EQ(StoredRows(), 50000);
  ExpectNoPartialBatch();
  ExpectServing();
}

TEST_F(LimitsTest, RowsPerBatchAtTheLimitAreAcceptedAndPastItRefused) {
  v1::UploadResultsResponse response;
  grpc::Status at_limit = samples::Upload(
      *agreements_,
      {samples::DispensingBatch(kAgreement, "full", kMaxRowsPerBatch)},
      &response, 120);
  ASSERT_TRUE(at_limit.ok()) << at_limit.error_message();
  grpc::Status past = samples::Upload(
      *agreements_,
      {samples::DispensingBatch(kAgreement, "over", kMaxRowsPerBatch + 1)},
      &response, 120);
  EXPECT_EQ(past.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = ViolationsOf(FromGrpcStatus(past));
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations[0].field, "batch.dispensings");
  EXPECT_EQ(StoredBatches(), 1);
}

TEST_F(LimitsTest, MessagesUpTo64MiBReachTheServiceAndLargerOnesDoNot) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(-1);
  auto stub = v1::TrackingService::NewStub(grpc::CreateCustomChannel(
      server_.address(), grpc::InsecureChannelCredentials(), arguments));
  auto get = [&](size_t bytes) {
    v1::GetMethodRequest request;
    request.set_id(std::string(bytes, 'I'));
    v1::Method method;
    grpc::ClientContext call;
    return stub->GetMethod(&call, request, &method);
  };
  // Just under the limit: the service itself reads it and names the field.
  grpc::Status under = get(kMaxMessageBytes - 1024 * 1024);
  EXPECT_EQ(under.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = ViolationsOf(FromGrpcStatus(under));
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations[0].field, "id");
  // Past it: gRPC refuses before any handler runs.
  EXPECT_EQ(get(kMaxMessageBytes + 1).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  ExpectServing();
}

TEST_F(LimitsTest, PageSizeIsClampedToTheMaximum) {
  for (int i = 0; i < services::kMaxPageSize + 5; ++i) {
    v1::CreateMethodRequest request;
    *request.mutable_method() =
        samples::Method(absl::StrFormat("ID2030_%03d", i % 1000));
    if (i >= 1000)
      request.mutable_method()->set_id(
          absl::StrFormat("ID2029_%03d", i - 1000));
    v1::Method created;
    grpc::ClientContext call;
    ASSERT_TRUE(tracking_->CreateMethod(&call, request, &created).ok());
  }
  v1::ListMethodsRequest request;
  request.set_page_size(1000000);
  v1::ListMethodsResponse response;
  grpc::ClientContext call;
  ASSERT_TRUE(tracking_->ListMethods(&call, request, &response).ok());
  EXPECT_EQ(response.methods_size(), services::kMaxPageSize);
  EXPECT_FALSE(response.next_page_token().empty());
}

// However many violations a request has, the refusal fits in gRPC's 8 KiB
// of trailing metadata: the first ones listed, the message counting all.
TEST_F(LimitsTest, TenThousandViolationsStillGiveInvalidArgument) {
  v1::UpdateMethodRequest request;
  request.mutable_method()->set_id(kMethod);
  request.mutable_method()->set_title("Ny tittel æøå");
  for (int i = 0; i < 10000; ++i) {
    request.mutable_update_mask()->add_paths(absl::StrCat("ukjent_felt_", i));
  }
  v1::Method updated;
  grpc::ClientContext call;
  const grpc::Status status = tracking_->UpdateMethod(&call, request, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message();
  const auto listed = ViolationsOf(FromGrpcStatus(status));
  ASSERT_GE(listed.size(), 20u);
  ASSERT_LT(listed.size(), 10000u);
  EXPECT_EQ(listed.front().field, "update_mask.paths[0]");
  EXPECT_NE(status.error_message().find(
                absl::StrCat("(and 9999 more invalid fields; the first ",
                             listed.size(), " are listed)")),
            std::string::npos)
      << status.error_message();
  ExpectServing();
}

// A request that does not parse is the client's error, with the field
// named: INVALID_ARGUMENT, not gRPC's INTERNAL, and the server serves on.
TEST_F(LimitsTest, RequestThatDoesNotParseNamesItsField) {
  v1::CreateMethodRequest request;
  *request.mutable_method() = samples::Method("ID2025_777");
  std::string bytes = request.SerializeAsString();
  const std::string title = request.method().title();
  const size_t at = bytes.find(title);
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '\xff';  // no longer UTF-8
  auto channel = grpc::CreateChannel(server_.address(),
                                     grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext call;
  grpc::Slice slice(bytes);
  grpc::ByteBuffer sent(&slice, 1);
  grpc::ByteBuffer received;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&call, "/mea.v1.TrackingService/CreateMethod",
                 grpc::StubOptions(), &sent, &received,
                 [&done](grpc::Status status) { done.set_value(status); });
  const grpc::Status status = done.get_future().get();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "method.title: is not valid UTF-8 text");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM methods WHERE id = 'ID2025_777'"), 0);
  ExpectServing();
}

// The server's own ceiling on a call's duration (services/rpc/call_deadline.h),
// shortened to a second: a client that keeps a stream open past it is cut
// off, whatever deadline it asked for, and what it sent is whole.
TEST(CallDurationTest, StreamKeptOpenPastTheLimitIsCancelled) {
  TempDir folder;
  FixedClock clock(absl::CivilDay(2026, 3, 2));
  services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = folder.File("mea.db");
  options.clock = &clock;
  options.max_call_duration = absl::Seconds(1);
  auto server = services::MeaServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(),
                                     grpc::InsecureChannelCredentials());
  auto tracking = v1::TrackingService::NewStub(channel);
  auto agreements = v1::AgreementService::NewStub(channel);
  v1::CreateMethodRequest method;
  *method.mutable_method() = samples::Method(kMethod);
  v1::Method created;
  grpc::ClientContext method_call;
  ASSERT_TRUE(tracking->CreateMethod(&method_call, method, &created).ok());
  v1::CreateAgreementRequest agreement;
  *agreement.mutable_agreement() = samples::Agreement(kAgreement, kMethod);
  v1::Agreement stored;
  grpc::ClientContext agreement_call;
  ASSERT_TRUE(
      agreements->CreateAgreement(&agreement_call, agreement, &stored).ok());

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::minutes(5));
  v1::UploadResultsResponse response;
  auto stream = agreements->UploadResults(&context, &response);
  const auto start = std::chrono::steady_clock::now();
  int sent = 0;
  // A slow client: one batch every 100 ms, never finishing.
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(20)) {
    v1::UploadResultsRequest request;
    *request.mutable_batch() = samples::DispensingBatch(
        kAgreement, absl::StrCat("slow-", sent), 100, sent);
    if (!stream->Write(request)) break;
    ++sent;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const grpc::Status status = stream->Finish();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_GT(sent, 3);

  absl::StatusOr<int64_t> partial = PartialBatches(options.database_path);
  ASSERT_TRUE(partial.ok()) << partial.status();
  EXPECT_EQ(*partial, 0);
  // Quick calls are untouched by the limit, and the server serves on.
  v1::GetMethodRequest get;
  get.set_id(kMethod);
  grpc::ClientContext get_call;
  EXPECT_TRUE(tracking->GetMethod(&get_call, get, &created).ok());
  auto serving = IsServing(channel);
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
  (*server)->Shutdown(absl::ZeroDuration());
}

}  // namespace
}  // namespace mea::testing
