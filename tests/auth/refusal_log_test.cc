// Every refused call leaves one line in mead's log naming the RPC, the
// principal, its organisation and role, and the peer
// (services/auth/refusal_log.h): refusals of the policy table and of a
// handler's own-organisation check alike. The HTTP door's client address
// (metadata mea-http-client-address) is believed on the in-process channel
// only.
#include <gtest/gtest.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/auth/call_peer.h"
#include "tests/auth/background_process.h"
#include "tests/auth/captured_stderr.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

using services::auth::kHttpClientAddressHeader;

constexpr char kSpoofedAddress[] = "203.0.113.9:4444";

// The lines of `log` that mention `rpc` as refused.
std::vector<std::string> RefusalsOf(const std::string& log,
                                    const std::string& rpc) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    if (absl::StrContains(line, "refused " + rpc + ":")) {
      lines.emplace_back(line);
    }
  }
  return lines;
}

// Asks for supplier A's settlement as `caller`, with `http_client` (when
// not empty) in the metadata the HTTP door uses.
grpc::Status GetForeignSettlement(const std::shared_ptr<grpc::Channel>& channel,
                                  const SecureServer& server, Caller caller,
                                  const std::string& http_client = "") {
  auto call = server.Call(caller);
  if (!http_client.empty()) {
    call->AddMetadata(kHttpClientAddressHeader, http_client);
  }
  v1::GetSettlementRequest request;
  request.set_agreement_id(kAgreementA);
  request.set_number(1);
  v1::StoredSettlement settlement;
  return v1::AgreementService::NewStub(channel)->GetSettlement(
      call.get(), request, &settlement);
}

// The real mead, with the token file of a seeded SecureServer and its
// database, logging to a file.
class RefusalLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded_.Seed();
    seeded_.Stop();
    mead_ = std::make_unique<BackgroundProcess>(
        BinaryPath("mead"),
        std::vector<std::string>{
            "--listen", "127.0.0.1:0", "--db", seeded_.folder().File("mea.db"),
            "--tokens", seeded_.tokens_path(), "--today", "2026-03-02"},
        seeded_.folder().File("mead.log"));
    ASSERT_TRUE(mead_->WaitForLog("serving on ")) << mead_->Log();
    const std::string log = mead_->Log();
    const size_t at =
        log.find("serving on ") + std::string("serving on ").size();
    channel_ = grpc::CreateChannel(log.substr(at, log.find(' ', at) - at),
                                   grpc::InsecureChannelCredentials());
  }

  SecureServer seeded_{SecureServer::Options{.tls = false}};
  std::unique_ptr<BackgroundProcess> mead_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(RefusalLogTest, AnotherSuppliersAgreementLeavesALine) {
  // Upload to supplier A's agreement as supplier B: refused by the
  // handler's own-organisation check, inside its transaction.
  {
    v1::UploadResultsResponse receipts;
    auto call = seeded_.Call(Caller::kOtherSupplier);
    auto writer = v1::AgreementService::NewStub(channel_)->UploadResults(
        call.get(), &receipts);
    v1::UploadResultsRequest upload;
    *upload.mutable_batch() = SampleBatch(kAgreementA, "foreign");
    writer->Write(upload);
    writer->WritesDone();
    EXPECT_EQ(writer->Finish().error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // Read supplier A's settlement as supplier B: the same check.
  EXPECT_EQ(GetForeignSettlement(channel_, seeded_, Caller::kOtherSupplier)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Refused by the policy table before any handler: a registry creating an
  // agreement, and the public reading the audit trail.
  grpc::ClientContext create_call;
  create_call.AddMetadata("authorization",
                          "Bearer " + seeded_.token(Caller::kRegistry));
  v1::CreateAgreementRequest create;
  *create.mutable_agreement() = SampleAgreement("SI-X", kMethodA, kSupplierA);
  v1::Agreement created;
  EXPECT_EQ(v1::AgreementService::NewStub(channel_)
                ->CreateAgreement(&create_call, create, &created)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext audit_call;
  v1::ListAuditEntriesResponse entries;
  EXPECT_EQ(v1::AuditService::NewStub(channel_)
                ->ListAuditEntries(&audit_call, v1::ListAuditEntriesRequest(),
                                   &entries)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  channel_.reset();  // else mead waits out its shutdown grace for it
  ASSERT_EQ(mead_->Stop(), 0);
  const std::string log = mead_->Log();

  for (const char* rpc : {"/mea.v1.AgreementService/UploadResults",
                          "/mea.v1.AgreementService/GetSettlement"}) {
    SCOPED_TRACE(rpc);
    std::vector<std::string> lines = RefusalsOf(log, rpc);
    ASSERT_EQ(lines.size(), 1u) << log;
    EXPECT_TRUE(absl::StrContains(lines[0], "PERMISSION_DENIED")) << lines[0];
    EXPECT_TRUE(absl::StrContains(lines[0], "principal \"Ola Konkurrent\""))
        << lines[0];
    EXPECT_TRUE(absl::StrContains(lines[0], "organisation \"Leverandør B AS\""))
        << lines[0];
    EXPECT_TRUE(absl::StrContains(lines[0], "role SUPPLIER")) << lines[0];
    EXPECT_TRUE(absl::StrContains(lines[0], "peer ipv4:127.0.0.1:"))
        << lines[0];
  }
  std::vector<std::string> create_lines =
      RefusalsOf(log, "/mea.v1.AgreementService/CreateAgreement");
  ASSERT_EQ(create_lines.size(), 1u) << log;
  EXPECT_TRUE(absl::StrContains(create_lines[0], "principal \"Kari Register\""))
      << create_lines[0];
  EXPECT_TRUE(absl::StrContains(create_lines[0], "role REGISTRY"))
      << create_lines[0];
  std::vector<std::string> audit_lines =
      RefusalsOf(log, "/mea.v1.AuditService/ListAuditEntries");
  ASSERT_EQ(audit_lines.size(), 1u) << log;
  EXPECT_TRUE(absl::StrContains(audit_lines[0], "UNAUTHENTICATED"))
      << audit_lines[0];
  EXPECT_TRUE(absl::StrContains(audit_lines[0], "role PUBLIC"))
      << audit_lines[0];
  EXPECT_TRUE(absl::StrContains(audit_lines[0], "peer ipv4:127.0.0.1:"))
      << audit_lines[0];
  for (Caller caller : {Caller::kOtherSupplier, Caller::kRegistry}) {
    EXPECT_FALSE(absl::StrContains(log, seeded_.token(caller)));
  }
}

// A client over TCP may send any metadata; the HTTP door's key is not
// believed from it.
TEST_F(RefusalLogTest, AnOutsideClientCannotClaimAnHttpAddress) {
  EXPECT_EQ(GetForeignSettlement(channel_, seeded_, Caller::kOtherSupplier,
                                 kSpoofedAddress)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  channel_.reset();  // else mead waits out its shutdown grace for it
  ASSERT_EQ(mead_->Stop(), 0);
  std::vector<std::string> lines =
      RefusalsOf(mead_->Log(), "/mea.v1.AgreementService/GetSettlement");
  ASSERT_EQ(lines.size(), 1u) << mead_->Log();
  EXPECT_TRUE(absl::StrContains(lines[0], "peer ipv4:127.0.0.1:")) << lines[0];
  EXPECT_FALSE(absl::StrContains(lines[0], "203.0.113.9")) << lines[0];
  EXPECT_FALSE(absl::StrContains(lines[0], "http:")) << lines[0];
}

// Over TLS as well (gRPC reports another transport security type there).
TEST(TlsRefusalLogTest, AnOutsideClientOverTlsCannotClaimAnHttpAddress) {
  SecureServer server;  // TLS
  server.Seed();
  std::string log;
  {
    CapturedStderr captured;
    EXPECT_EQ(GetForeignSettlement(server.Channel(), server,
                                   Caller::kOtherSupplier, kSpoofedAddress)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    log = captured.Text();
  }
  std::vector<std::string> lines =
      RefusalsOf(log, "/mea.v1.AgreementService/GetSettlement");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_TRUE(absl::StrContains(lines[0], "peer ipv4:127.0.0.1:")) << lines[0];
  EXPECT_FALSE(absl::StrContains(lines[0], "203.0.113.9")) << lines[0];
}

// Over the in-process channel (the HTTP door's), the key names the peer.
// Without it the peer is logged as "inproc". Together with the tests
// above this pins down what services/auth/call_peer.cc relies on: gRPC
// names a peer and a security type for TCP and TLS calls, and neither for
// in-process ones.
TEST(InProcessRefusalLogTest, TheHttpDoorsClientIsThePeer) {
  SecureServer server(SecureServer::Options{.tls = false});
  server.Seed();
  std::shared_ptr<grpc::Channel> in_process =
      server.server().InProcessChannel();
  std::string log;
  {
    CapturedStderr captured;
    EXPECT_EQ(GetForeignSettlement(in_process, server, Caller::kOtherSupplier,
                                   kSpoofedAddress)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(GetForeignSettlement(in_process, server, Caller::kOtherSupplier)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    log = captured.Text();
  }
  std::vector<std::string> lines =
      RefusalsOf(log, "/mea.v1.AgreementService/GetSettlement");
  ASSERT_EQ(lines.size(), 2u) << log;
  EXPECT_TRUE(absl::StrContains(lines[0], "peer http:203.0.113.9:4444;"))
      << lines[0];
  EXPECT_TRUE(absl::StrContains(lines[0], "principal \"Ola Konkurrent\""))
      << lines[0];
  EXPECT_TRUE(absl::StrContains(lines[1], "peer inproc;")) << lines[1];
}

}  // namespace
}  // namespace mea::testing
