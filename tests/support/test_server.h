// A real mea server for tests: a fresh SQLite file in a temporary folder, a
// free loopback port, and a fixed "today" so that nothing depends on the
// real date.
#ifndef MEA_TESTS_SUPPORT_TEST_SERVER_H_
#define MEA_TESTS_SUPPORT_TEST_SERVER_H_

#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "common/clock.h"
#include "services/server/server.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {

class TestServer {
 public:
  // Starts the server; aborts the test binary if it cannot.
  explicit TestServer(absl::CivilDay today = absl::CivilDay(2026, 3, 2),
                      bool load_demo = false);
  ~TestServer();

  // "127.0.0.1:PORT".
  std::string address() const { return server_->address(); }
  const std::string& database_path() const { return database_path_; }
  // The server's backup folder (mead --backup_dir), a fresh 0700 folder.
  const std::string& backup_dir() const { return backups_.path(); }
  services::MeaServer& server() { return *server_; }

  // Stubs over a real TCP channel to the loopback port.
  std::unique_ptr<v1::TrackingService::Stub> Tracking() const;
  std::unique_ptr<v1::AgreementService::Stub> Agreements() const;

  // Stops the server and starts a new one on the same database file (to
  // show that what was acknowledged survives).
  void Restart();

 private:
  void Start(bool load_demo);

  TempDir folder_;
  TempDir backups_;
  std::string database_path_;
  FixedClock clock_;
  std::unique_ptr<services::MeaServer> server_;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_SUPPORT_TEST_SERVER_H_
