#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/limits.h"
#include "common/status_macros.h"
#include "services/admin/backup_folder.h"
#include "services/admin/service.h"
#include "services/agreements/service.h"
#include "services/audit/service.h"
#include "services/auth/server_security.h"
#include "services/demo/demo_data.h"
#include "services/http/gateway.h"
#include "services/tracking/service.h"
#include "storage/audit/key_file.h"
#include "storage/audit/keying.h"
#include "storage/audit/startup.h"
#include "storage/audit/store.h"

namespace mea::services {
namespace {

absl::Status EnsureParentFolder(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return absl::OkStatus();
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", parent.string(), ": ", error.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> DatabaseIsEmpty(storage::Database& database) {
  bool empty = true;
  MEA_RETURN_IF_ERROR(database.Read([&](storage::Connection& connection) {
    MEA_ASSIGN_OR_RETURN(
        storage::Statement * statement,
        connection.Prepare("SELECT EXISTS (SELECT 1 FROM methods)"));
    MEA_RETURN_IF_ERROR(statement->Step().status());
    empty = statement->ColumnInt64(0) == 0;
    return absl::OkStatus();
  }));
  return empty;
}

// The HTTP/JSON door: calls the services through an in-process channel
// that carries each HTTP request's own Authorization, with room for
// answers as large as the requests gRPC accepts.
absl::StatusOr<std::unique_ptr<http::HttpGateway>> StartHttp(
    const ServerOptions& options, grpc::Server& server,
    const auth::Authenticator& authenticator, const Clock* clock) {
  http::GatewayOptions gateway;
  gateway.listen_address = options.http_listen;
  gateway.web_root = options.web_root;
  gateway.tls_cert_path = options.tls_cert_path;
  gateway.tls_key_path = options.tls_key_path;
  gateway.tls_client_ca_path = options.tls_client_ca_path;
  gateway.development_mode = authenticator.development_mode();
  gateway.allowed_hosts = options.http_allowed_hosts;
  gateway.trusted_proxies = options.http_trusted_proxies;
  gateway.serve_source_maps = options.http_serve_source_maps;
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(static_cast<int>(kMaxMessageBytes));
  arguments.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  return http::HttpGateway::Start(gateway, server.InProcessChannel(arguments),
                                  clock);
}

// Keys the audit trail when mead has a key file, refusing what would
// downgrade a keyed trail (storage/audit/keying.h), and warns (without
// refusing, so that `meactl audit verify` can be run) when the newest
// entry does not verify under the configuration.
absl::Status KeyAuditTrail(const std::string& key_path,
                           storage::Database& database) {
  storage::audit::ChainKey key;
  if (!key_path.empty()) {
    MEA_ASSIGN_OR_RETURN(key, storage::audit::ReadKeyFile(key_path));
  }
  int64_t keyed_from = 0;
  MEA_RETURN_IF_ERROR(database.Write([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(keyed_from, storage::audit::PrepareKeying(c, key));
    return absl::OkStatus();
  }));
  if (keyed_from > 0) {
    if (!key.keyed_from_named) {
      MEA_RETURN_IF_ERROR(storage::audit::WriteKeyedFrom(key_path, keyed_from));
      std::cerr << "mead: audit: keyed from entry " << keyed_from
                << "; wrote keyed_from=" << keyed_from << " into " << key_path
                << "\n";
    }
    key.keyed_from = keyed_from;
    database.SetAuditKey(std::move(key));
  }
  absl::Status fits = database.Read([](storage::Connection& connection) {
    return storage::audit::CheckNewestEntry(connection);
  });
  if (absl::IsFailedPrecondition(fits)) {
    std::cerr << "mead: audit: WARNING: " << fits.message() << "\n";
    return absl::OkStatus();
  }
  return fits;
}

// The safeguards of the data itself (storage/audit/startup.h): recreates
// missing immutability triggers with an entry saying so, and records the
// baseline of existing rows at the first start with row digests.
absl::Status GuardAuditedData(storage::Database& database, const Clock& clock) {
  const std::string now = clock.NowRfc3339();
  bool baseline = false;
  MEA_RETURN_IF_ERROR(database.Write([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(baseline,
                         storage::audit::WriteBaselineIfNeeded(c, now));
    return absl::OkStatus();
  }));
  if (baseline) {
    std::cerr << "mead: audit: recorded a baseline of the existing rows\n";
  }
  std::vector<std::string> restored;
  MEA_RETURN_IF_ERROR(database.Write([&](storage::Connection& c) {
    MEA_ASSIGN_OR_RETURN(restored,
                         storage::audit::RestoreImmutabilityTriggers(c, now));
    return absl::OkStatus();
  }));
  for (const std::string& name : restored) {
    std::cerr << "mead: audit: WARNING: immutability trigger " << name
              << " was missing or altered; recreated it and recorded an "
                 "audit entry (run meactl audit verify)\n";
  }
  return absl::OkStatus();
}

// Opens (or creates) the database and readies its audit trail: keyed as
// configured, immutability triggers in place, a baseline recorded.
absl::StatusOr<std::unique_ptr<storage::Database>> OpenDatabase(
    const ServerOptions& options, const Clock& clock) {
  MEA_RETURN_IF_ERROR(EnsureParentFolder(options.database_path));
  MEA_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                       storage::Database::Open(options.database_path));
  MEA_RETURN_IF_ERROR(KeyAuditTrail(options.audit_key_path, *database));
  MEA_RETURN_IF_ERROR(GuardAuditedData(*database, clock));
  return database;
}

// The demo data, through `channel`, into a database that holds no method
// yet; a database in use is left as it is.
absl::Status LoadDemoIfEmpty(storage::Database& database,
                             const std::shared_ptr<grpc::Channel>& channel,
                             absl::CivilDay today) {
  MEA_ASSIGN_OR_RETURN(const bool empty, DatabaseIsEmpty(database));
  if (!empty) return absl::OkStatus();
  MEA_RETURN_IF_ERROR(demo::LoadTrackingDemo(channel, today));
  return demo::LoadAgreementDemo(channel, today);
}

}  // namespace

absl::StatusOr<std::unique_ptr<MeaServer>> MeaServer::Start(
    const ServerOptions& options) {
  std::unique_ptr<MeaServer> server(new MeaServer());
  server->clock_ =
      options.clock != nullptr ? options.clock : &server->system_clock_;
  MEA_ASSIGN_OR_RETURN(
      auth::ServerSecurity security,
      auth::PrepareServerSecurity(
          {options.listen_address, options.tls_cert_path, options.tls_key_path,
           options.tls_client_ca_path, options.tokens_path},
          server->clock_));
  server->authenticator_ = std::move(security.authenticator);
  if (!options.backup_dir.empty()) {
    MEA_RETURN_IF_ERROR(
        admin::CheckBackupFolder(options.backup_dir, options.web_root));
  }
  MEA_ASSIGN_OR_RETURN(server->database_,
                       OpenDatabase(options, *server->clock_));
  MEA_RETURN_IF_ERROR(server->Listen(options, security.credentials));
  if (options.load_demo) {
    // The server's own calls (principal "mead"), whatever the mode.
    MEA_RETURN_IF_ERROR(LoadDemoIfEmpty(
        *server->database_,
        auth::ServerOwnChannel(*server->server_, *server->authenticator_),
        server->clock_->Today()));
  }
  if (!options.http_listen.empty()) {
    MEA_ASSIGN_OR_RETURN(server->http_,
                         StartHttp(options, *server->server_,
                                   *server->authenticator_, server->clock_));
  }
  return server;
}

absl::Status MeaServer::Listen(
    const ServerOptions& options,
    std::shared_ptr<grpc::ServerCredentials> credentials) {
  tracking_ =
      std::make_unique<tracking::TrackingServiceImpl>(database_.get(), clock_);
  agreements_ = std::make_unique<agreements::AgreementServiceImpl>(
      database_.get(), clock_);
  audit_ = std::make_unique<audit::AuditServiceImpl>(database_.get());
  admin_ = std::make_unique<admin::AdminServiceImpl>(database_.get(),
                                                     options.backup_dir);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, std::move(credentials),
                           &port_);
  // Every call passes the auth interceptor: decision, redaction, guard.
  auto interceptors = auth::AuthInterceptors(authenticator_.get());
  // ... and the ceiling on its duration (docs/reliability.md, limits).
  interceptors.push_back(std::make_unique<CallDeadlineInterceptorFactory>(
      options.max_call_duration));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  // Limits (docs/reliability.md): larger messages are refused by gRPC with
  // RESOURCE_EXHAUSTED before any handler runs.
  builder.SetMaxReceiveMessageSize(static_cast<int>(kMaxMessageBytes));
  builder.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  builder.RegisterService(tracking_.get());
  builder.RegisterService(agreements_.get());
  builder.RegisterService(audit_.get());
  builder.RegisterService(admin_.get());
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  host_ = options.listen_address.substr(0, options.listen_address.rfind(':'));
  return absl::OkStatus();
}

MeaServer::~MeaServer() { Shutdown(absl::ZeroDuration()); }

int MeaServer::http_port() const {
  return http_ == nullptr ? 0 : http_->port();
}

std::string MeaServer::address() const {
  return absl::StrCat(host_, ":", port_);
}

std::shared_ptr<grpc::Channel> MeaServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

void MeaServer::Shutdown(absl::Duration grace) {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  // No new HTTP requests first: they would call into the stopping server.
  if (http_ != nullptr) http_->Stop();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void MeaServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace mea::services
