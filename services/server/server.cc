#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "services/admin/service.h"
#include "services/agreements/service.h"
#include "services/audit/service.h"
#include "services/auth/server_security.h"
#include "services/admin/backup_folder.h"
#include "services/demo/demo_data.h"
#include "services/http/gateway.h"
#include "services/tracking/service.h"
#include "storage/audit/key_file.h"
#include "storage/audit/keying.h"
#include "storage/audit/startup.h"
#include "storage/audit/store.h"
#include "common/status_macros.h"
#include "common/limits.h"

namespace mea::services {
namespace {

// Largest request accepted (a results batch of ~100 000 rows fits).

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
  absl::Status status = database.Read([&](storage::Connection& connection) {
    absl::StatusOr<storage::Statement*> statement =
        connection.Prepare("SELECT EXISTS (SELECT 1 FROM methods)");
    if (!statement.ok()) return statement.status();
    absl::StatusOr<bool> row = (*statement)->Step();
    if (!row.ok()) return row.status();
    empty = (*statement)->ColumnInt64(0) == 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
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
    absl::StatusOr<storage::audit::ChainKey> read =
        storage::audit::ReadKeyFile(key_path);
    if (!read.ok()) return read.status();
    key = *std::move(read);
  }
  int64_t keyed_from = 0;
  absl::Status prepared = database.Write([&](storage::Connection& c) {
    absl::StatusOr<int64_t> first = storage::audit::PrepareKeying(c, key);
    if (!first.ok()) return first.status();
    keyed_from = *first;
    return absl::OkStatus();
  });
  if (!prepared.ok()) return prepared;
  if (keyed_from > 0) {
    if (!key.keyed_from_named) {
      absl::Status written =
          storage::audit::WriteKeyedFrom(key_path, keyed_from);
      if (!written.ok()) return written;
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
  absl::StatusOr<bool> baseline;
  absl::Status recorded = database.Write([&](storage::Connection& c) {
    baseline = storage::audit::WriteBaselineIfNeeded(c, now);
    return baseline.status();
  });
  if (!recorded.ok()) return recorded;
  if (*baseline) {
    std::cerr << "mead: audit: recorded a baseline of the existing rows\n";
  }
  absl::StatusOr<std::vector<std::string>> restored;
  absl::Status checked = database.Write([&](storage::Connection& c) {
    restored = storage::audit::RestoreImmutabilityTriggers(c, now);
    return restored.status();
  });
  if (!checked.ok()) return checked;
  for (const std::string& name : *restored) {
    std::cerr << "mead: audit: WARNING: immutability trigger " << name
              << " was missing or altered; recreated it and recorded an "
                 "audit entry (run meactl audit verify)\n";
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<MeaServer>> MeaServer::Start(
    const ServerOptions& options) {
  std::unique_ptr<MeaServer> server(new MeaServer());
  server->clock_ =
      options.clock != nullptr ? options.clock : &server->system_clock_;
  absl::StatusOr<auth::ServerSecurity> security = auth::PrepareServerSecurity(
      {options.listen_address, options.tls_cert_path, options.tls_key_path,
       options.tls_client_ca_path, options.tokens_path},
      server->clock_);
  if (!security.ok()) return security.status();
  server->authenticator_ = std::move(security->authenticator);
  if (!options.backup_dir.empty()) {
    MEA_RETURN_IF_ERROR(
        CheckBackupFolder(options.backup_dir, options.web_root));
  }
  if (absl::Status made = EnsureParentFolder(options.database_path);
      !made.ok()) {
    return made;
  }
  absl::StatusOr<std::unique_ptr<storage::Database>> database =
      storage::Database::Open(options.database_path);
  if (!database.ok()) return database.status();
  server->database_ = *std::move(database);
  if (absl::Status keyed =
          KeyAuditTrail(options.audit_key_path, *server->database_);
      !keyed.ok()) {
    return keyed;
  }
  if (absl::Status guarded =
          GuardAuditedData(*server->database_, *server->clock_);
      !guarded.ok()) {
    return guarded;
  }
  server->tracking_ = std::make_unique<tracking::TrackingServiceImpl>(
      server->database_.get(), server->clock_);
  server->agreements_ = std::make_unique<agreements::AgreementServiceImpl>(
      server->database_.get(), server->clock_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, security->credentials,
                           &server->port_);
  // Every call passes the auth interceptor: decision, redaction, guard.
  auto interceptors = auth::AuthInterceptors(server->authenticator_.get());
  // ... and the ceiling on its duration (docs/reliability.md, limits).
  interceptors.push_back(std::make_unique<CallDeadlineInterceptorFactory>(
      options.max_call_duration));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  // Limits (docs/reliability.md): larger messages are refused by gRPC with
  // RESOURCE_EXHAUSTED before any handler runs.
  builder.SetMaxReceiveMessageSize(static_cast<int>(kMaxMessageBytes));
  builder.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  builder.RegisterService(server->tracking_.get());
  builder.RegisterService(server->agreements_.get());
  server->audit_ = std::make_unique<AuditServiceImpl>(server->database_.get());
  builder.RegisterService(server->audit_.get());
  server->admin_ = std::make_unique<AdminServiceImpl>(server->database_.get(),
                                                      options.backup_dir);
  builder.RegisterService(server->admin_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  server->host_ =
      options.listen_address.substr(0, options.listen_address.rfind(':'));

  if (options.load_demo) {
    absl::StatusOr<bool> empty = DatabaseIsEmpty(*server->database_);
    if (!empty.ok()) return empty.status();
    if (*empty) {
      absl::CivilDay today = server->clock_->Today();
      // The server's own calls (principal "mead"), whatever the mode.
      std::shared_ptr<grpc::Channel> channel =
          auth::ServerOwnChannel(*server->server_, *server->authenticator_);
      if (absl::Status loaded = LoadTrackingDemo(channel, today);
          !loaded.ok()) {
        return loaded;
      }
      if (absl::Status loaded = LoadAgreementDemo(channel, today);
          !loaded.ok()) {
        return loaded;
      }
    }
  }
  if (!options.http_listen.empty()) {
    absl::StatusOr<std::unique_ptr<http::HttpGateway>> gateway = StartHttp(
        options, *server->server_, *server->authenticator_, server->clock_);
    if (!gateway.ok()) return gateway.status();
    server->http_ = *std::move(gateway);
  }
  return server;
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
