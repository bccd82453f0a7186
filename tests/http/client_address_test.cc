// The client address the HTTP door passes to the gRPC services as
// `mea-http-client-address` (services/http/client_address.h): derived from
// the TCP peer, and from X-Forwarded-For only when the peer is a trusted
// proxy; then the metadata as a real gRPC service receives it from a real
// gateway, which no HTTP header can forge.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "services/auth/call_peer.h"
#include "common/clock.h"
#include "services/http/client_address.h"
#include "services/http/gateway.h"
#include "tests/http/http_fixture.h"

namespace mea::testing {
namespace {

using services::http::CanonicalIp;
using services::http::ClientAddress;
using services::http::TrustedProxies;

TrustedProxies Trust(const std::vector<std::string>& addresses) {
  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(addresses);
  EXPECT_TRUE(proxies.ok()) << proxies.status();
  return proxies.ok() ? *proxies : TrustedProxies();
}

TEST(ClientAddressTest, AddressesAreCanonical) {
  EXPECT_EQ(CanonicalIp("203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(CanonicalIp("[::1]"), "::1");
  EXPECT_EQ(CanonicalIp("2001:DB8:0:0::7"), "2001:db8::7");
  EXPECT_EQ(CanonicalIp("::ffff:192.0.2.1"), "192.0.2.1");
  for (const char* bad : {"", "localhost", "203.0.113.5:80", "1.2.3", "x"}) {
    EXPECT_FALSE(CanonicalIp(bad).has_value()) << bad;
  }
  EXPECT_FALSE(TrustedProxies::Parse({"10.0.0.0/8"}).ok());
  EXPECT_FALSE(TrustedProxies::Parse({"proxy.example.no"}).ok());
}

TEST(ClientAddressTest, WithoutATrustedProxyThePeerIsTheClient) {
  EXPECT_EQ(ClientAddress("203.0.113.5", 41234, {}, TrustedProxies()),
            "203.0.113.5:41234");
  EXPECT_EQ(ClientAddress("::1", 5000, {}, TrustedProxies()), "[::1]:5000");
  EXPECT_EQ(ClientAddress("::ffff:203.0.113.5", 7, {}, TrustedProxies()),
            "203.0.113.5:7");
  // Anybody can write X-Forwarded-For: from an untrusted peer it is ignored.
  EXPECT_EQ(ClientAddress("203.0.113.5", 41234, {"198.51.100.7"},
                          Trust({"10.0.0.1"})),
            "203.0.113.5:41234");
}

TEST(ClientAddressTest, ATrustedProxyNamesTheClientInXForwardedFor) {
  const TrustedProxies proxies = Trust({"10.0.0.1", "10.0.0.2"});
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555, {"198.51.100.7"}, proxies),
            "198.51.100.7");
  // The right-most address that is not a trusted proxy: what the client
  // wrote itself (the left part) is not believed.
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555,
                          {"6.6.6.6, 198.51.100.7", "10.0.0.2"}, proxies),
            "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555, {"2001:db8::7"}, proxies),
            "[2001:db8::7]");
  // Nothing forwarded, or only proxies: the nearest known address.
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555, {}, proxies), "10.0.0.1:5555");
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555, {"10.0.0.2"}, proxies), "10.0.0.2");
  // Text that is no address (log injection, a name) ends the walk.
  EXPECT_EQ(ClientAddress("10.0.0.1", 5555, {"evil\r\nline"}, proxies),
            "10.0.0.1:5555");
  EXPECT_EQ(
      ClientAddress("10.0.0.1", 5555, {"6.6.6.6, unknown, 10.0.0.2"}, proxies),
      "10.0.0.2");
}

// A TrackingService that only remembers the metadata of the last
// ListMethods call, behind a real HTTP gateway.
class RecordingTracking final : public v1::TrackingService::Service {
 public:
  grpc::Status ListMethods(grpc::ServerContext* context,
                           const v1::ListMethodsRequest*,
                           v1::ListMethodsResponse*) override {
    std::lock_guard<std::mutex> lock(mutex_);
    metadata_.clear();
    for (const auto& [key, value] : context->client_metadata()) {
      metadata_.emplace(std::string(key.data(), key.size()),
                        std::string(value.data(), value.size()));
    }
    return grpc::Status::OK;
  }
  std::multimap<std::string, std::string> metadata() {
    std::lock_guard<std::mutex> lock(mutex_);
    return metadata_;
  }

 private:
  std::mutex mutex_;
  std::multimap<std::string, std::string> metadata_;
};

class ClientAddressMetadataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &grpc_port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (gateway_ != nullptr) gateway_->Stop();
    server_->Shutdown();
  }

  void StartGateway(std::vector<std::string> trusted_proxies) {
    services::http::GatewayOptions options;
    options.listen_address = "127.0.0.1:0";
    options.trusted_proxies = std::move(trusted_proxies);
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port_),
                                       grpc::InsecureChannelCredentials());
    auto started =
        services::http::HttpGateway::Start(options, channel, &clock_);
    ASSERT_TRUE(started.ok()) << started.status();
    gateway_ = *std::move(started);
  }

  // The values of `mea-http-client-address` the service saw for a
  // GET /v1/methods with `headers`.
  std::vector<std::string> AddressesSeen(const std::string& headers) {
    HttpAnswer answer = RawHttp(
        gateway_->port(),
        absl::StrCat(
            "GET /v1/methods HTTP/1.1\r\nHost: 127.0.0.1:", gateway_->port(),
            "\r\n", headers, "Connection: close\r\n\r\n"));
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::vector<std::string> values;
    // A copy, taken under the service's lock; the range must not outlive it.
    const auto metadata = service_.metadata();
    auto [begin, end] =
        metadata.equal_range(services::auth::kHttpClientAddressHeader);
    for (auto it = begin; it != end; ++it) values.push_back(it->second);
    return values;
  }

  RecordingTracking service_;
  std::unique_ptr<grpc::Server> server_;
  int grpc_port_ = 0;
  FixedClock clock_{absl::CivilDay(2026, 3, 2)};
  std::unique_ptr<services::http::HttpGateway> gateway_;
};

TEST_F(ClientAddressMetadataTest, TheServiceSeesThePeerAndNoForgedHeader) {
  ASSERT_NO_FATAL_FAILURE(StartGateway({}));
  std::vector<std::string> seen = AddressesSeen(
      "mea-http-client-address: 6.6.6.6:1\r\n"
      "X-Forwarded-For: 198.51.100.7\r\n");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(seen[0], "127.0.0.1:")) << seen[0];
  EXPECT_NE(seen[0], "127.0.0.1:" + std::to_string(gateway_->port()));
  // No other header travels either.
  for (const auto& [key, value] : service_.metadata()) {
    EXPECT_NE(key, "x-forwarded-for");
    EXPECT_NE(value, "6.6.6.6:1");
  }
}

TEST_F(ClientAddressMetadataTest, BehindATrustedProxyTheForwardedClient) {
  ASSERT_NO_FATAL_FAILURE(StartGateway({"127.0.0.1"}));
  EXPECT_EQ(AddressesSeen("X-Forwarded-For: 198.51.100.7\r\n"),
            std::vector<std::string>{"198.51.100.7"});
  EXPECT_EQ(AddressesSeen("mea-http-client-address: 6.6.6.6:1\r\n"
                          "X-Forwarded-For: 6.6.6.6, 198.51.100.8\r\n"),
            std::vector<std::string>{"198.51.100.8"});
}

}  // namespace
}  // namespace mea::testing
