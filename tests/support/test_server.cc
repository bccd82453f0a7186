#include "tests/support/test_server.h"

#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <iostream>

#include "common/limits.h"

namespace mea::testing {

TestServer::TestServer(absl::CivilDay today, bool load_demo)
    : database_path_(folder_.File("mea.db")), clock_(today) {
  Start(load_demo);
}

TestServer::~TestServer() {
  if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
}

void TestServer::Start(bool load_demo) {
  services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = database_path_;
  options.load_demo = load_demo;
  options.clock = &clock_;
  options.backup_dir = backups_.path();
  auto started = services::MeaServer::Start(options);
  if (!started.ok()) {
    std::cerr << "TestServer: " << started.status() << "\n";
    std::abort();
  }
  server_ = *std::move(started);
}

void TestServer::Restart() {
  server_->Shutdown(absl::ZeroDuration());
  server_->Wait();
  server_.reset();
  Start(/*load_demo=*/false);
}

std::unique_ptr<v1::TrackingService::Stub> TestServer::Tracking() const {
  return v1::TrackingService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

std::unique_ptr<v1::AgreementService::Stub> TestServer::Agreements() const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  return v1::AgreementService::NewStub(grpc::CreateCustomChannel(
      address(), grpc::InsecureChannelCredentials(), arguments));
}

}  // namespace mea::testing
