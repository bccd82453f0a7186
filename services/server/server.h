// Assembles mea's gRPC server: the database, the services, health checking
// and reflection. Used by mead and by the tests, so that tests exercise the
// same server the product runs.
#ifndef MEA_SERVICES_SERVER_SERVER_H_
#define MEA_SERVICES_SERVER_SERVER_H_

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "services/rpc/call_deadline.h"
#include "storage/core/database.h"

namespace mea::services {

namespace tracking {
class TrackingServiceImpl;
}  // namespace tracking
namespace agreements {
class AgreementServiceImpl;
}  // namespace agreements
namespace audit {
class AuditServiceImpl;
}  // namespace audit
namespace admin {
class AdminServiceImpl;
}  // namespace admin
namespace auth {
class Authenticator;
}
namespace http {
class HttpGateway;
}

struct ServerOptions {
  // host:port; port 0 picks a free one (see MeaServer::port()).
  std::string listen_address = "127.0.0.1:50051";
  std::string database_path = "data/mea.db";
  // Load the demo dataset when the database holds no method yet.
  bool load_demo = false;
  // Not owned; must outlive the server. nullptr: the system clock.
  const Clock* clock = nullptr;
  // Security (docs/security.md). TLS when both PEM files are given; plain
  // TCP is refused beyond loopback.
  std::string tls_cert_path;
  std::string tls_key_path;
  // With TLS: require client certificates signed by this CA.
  std::string tls_client_ca_path;
  // The token file; empty: development mode (loopback only, every caller
  // may do everything).
  std::string tokens_path;
  // The audit trail's key file (storage/audit/key_file.h); empty: the
  // trail is a plain SHA-256 chain.
  std::string audit_key_path;
  // HTTP/JSON beside gRPC (services/http/gateway.h): host:port, port 0
  // picks a free one; empty: off. Same rules as gRPC: HTTPS with the TLS
  // files above, plain HTTP on loopback only.
  std::string http_listen;
  // The web app's files served at "/" over HTTP; empty: none.
  std::string web_root;
  // The folder BackupDatabase writes into (services/admin/backup_folder.h:
  // mead's own, mode 0700, outside web_root); empty: backups are off.
  std::string backup_dir;
  // Names (or name:port) the HTTP door answers for besides the address it
  // listens on (services/http/door.h).
  std::vector<std::string> http_allowed_hosts;
  // Reverse proxies whose X-Forwarded-For names the HTTP client
  // (services/http/client_address.h).
  std::vector<std::string> http_trusted_proxies;
  // Serve the web app's source maps (*.map) too.
  bool http_serve_source_maps = false;
  // No call runs longer than this, whatever its client's deadline
  // (services/rpc/call_deadline.h); tests shorten it.
  absl::Duration max_call_duration = kMaxCallDuration;
};

// Thread safety: Start, Shutdown and the destructor belong to the owner's
// thread; Wait may block on another thread until Shutdown. Once started,
// calls run concurrently on gRPC's threads (and the HTTP gateway's) against
// the one Database, which serialises them (storage/core/database.h), and the
// clock, which is thread-safe (common/clock.h). database() and
// InProcessChannel() may be used from any thread while the server runs.
class MeaServer {
 public:
  static absl::StatusOr<std::unique_ptr<MeaServer>> Start(
      const ServerOptions& options);
  ~MeaServer();

  int port() const { return port_; }
  // The HTTP port, 0 when HTTP is off.
  int http_port() const;
  std::string address() const;
  storage::Database& database() { return *database_; }
  std::shared_ptr<grpc::Channel> InProcessChannel();

  // Stops accepting calls, lets running ones finish (up to `grace`), then
  // returns. Safe to call more than once.
  void Shutdown(absl::Duration grace = absl::Seconds(5));
  // Blocks until Shutdown.
  void Wait();

 private:
  MeaServer() = default;
  // Builds the gRPC server with every service and starts it on
  // options.listen_address.
  absl::Status Listen(const ServerOptions& options,
                      std::shared_ptr<grpc::ServerCredentials> credentials);

  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::string host_;
  int port_ = 0;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<tracking::TrackingServiceImpl> tracking_;
  std::unique_ptr<agreements::AgreementServiceImpl> agreements_;
  std::unique_ptr<audit::AuditServiceImpl> audit_;
  std::unique_ptr<admin::AdminServiceImpl> admin_;
  // Used by the server's interceptors: declared before server_ so that it
  // outlives it.
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<grpc::Server> server_;
  // Calls server_: declared after it so that it goes first.
  std::unique_ptr<http::HttpGateway> http_;
  bool shut_down_ = false;
};

}  // namespace mea::services

#endif  // MEA_SERVICES_SERVER_SERVER_H_
