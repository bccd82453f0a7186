// A real mea server with the security of docs/security.md turned on: a
// token file with one principal per role (and an expired and a revoked
// token), optionally TLS with a test PKI, a fresh SQLite file and a fixed
// "today". Seed() fills it through the API as the secretariat and
// procurement would, so that every RPC has something to act on.
#ifndef MEA_TESTS_AUTH_SECURE_SERVER_H_
#define MEA_TESTS_AUTH_SECURE_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/clock.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/audit.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "services/server/server.h"
#include "tests/auth/test_pki.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {

enum class Caller {
  kSecretariat,
  kProcurement,
  kForumMember,
  kSupplier,       // of kSupplierA
  kOtherSupplier,  // of kSupplierB
  kRegistry,       // Kreftregisteret
  kPublic,         // no token
  kExpired,
  kRevoked,
  kWrong,  // a token nobody issued
};

const char* CallerName(Caller caller);

inline constexpr char kSupplierA[] = "Leverandør A AS";
inline constexpr char kSupplierB[] = "Leverandør B AS";
inline constexpr char kRegistryOrganisation[] = "Kreftregisteret";
inline constexpr char kMethodA[] = "ID2024_001";
inline constexpr char kMethodB[] = "ID2024_002";
inline constexpr char kAgreementA[] = "SI-A";
inline constexpr char kAgreementB[] = "SI-B";

class SecureServer {
 public:
  struct Options {
    bool tls = true;
    // Require client certificates signed by the test CA.
    bool client_ca = false;
    // mead --audit_key_file; empty: a plain SHA-256 audit chain.
    std::string audit_key_path;
    // Also serve the HTTP/JSON gateway on a free loopback port (plain
    // HTTP; see http_port()).
    bool http = false;
  };
  explicit SecureServer(Options options);
  SecureServer() : SecureServer(Options{}) {}
  ~SecureServer();

  // "127.0.0.1:PORT".
  std::string address() const { return server_->address(); }
  // The HTTP gateway's port (Options::http), 0 when it is off.
  int http_port() const { return server_->http_port(); }
  services::MeaServer& server() { return *server_; }
  const TestPki& pki() const { return pki_; }
  const std::string& tokens_path() const { return tokens_path_; }
  TempDir& folder() { return folder_; }
  // The server's backup folder (mead --backup_dir), a fresh 0700 folder.
  TempDir& backups() { return backups_; }

  // The bearer token of `caller` ("" for kPublic).
  const std::string& token(Caller caller) const;
  // A file holding the token of `caller`, for meactl --token_file.
  std::string TokenFile(Caller caller);

  // A channel to the server (TLS with the test CA when the server uses it).
  std::shared_ptr<grpc::Channel> Channel(bool client_certificate = false);
  // A client context that carries `caller`'s token.
  std::unique_ptr<grpc::ClientContext> Call(Caller caller) const;

  std::unique_ptr<v1::TrackingService::Stub> Tracking();
  std::unique_ptr<v1::AgreementService::Stub> Agreements();
  std::unique_ptr<v1::AuditService::Stub> Audit();

  // Methods A and B (suppliers A and B), a temporary introduction of A with
  // data obligations of Kreftregisteret, supplier A and an agency (one that
  // no caller's organisation owes, for the secretariat to act on),
  // agreements SI-A and SI-B with results and one settlement each. Fails
  // the test on error.
  void Seed();
  int64_t decision_id() const { return decision_id_; }
  int64_t registry_obligation_id() const { return registry_obligation_; }
  int64_t supplier_obligation_id() const { return supplier_obligation_; }
  int64_t agency_obligation_id() const { return agency_obligation_; }

  // Rows in audit_entries, read directly from the database.
  int64_t AuditRows();

  // Stops the server (its database file stays) and starts it again on the
  // same file and port number 0 (a new port: see address()).
  void Stop();
  void Start();
  // Stops the server, runs `sql` on its database file with a connection of
  // its own (as somebody with access to the file could) and starts it
  // again; returns SQLite's error message, "" when all of `sql` ran.
  std::string Tamper(const std::string& sql);

 private:
  void WriteTokens();

  TempDir folder_;
  TempDir backups_;
  Options options_;
  TestPki pki_;
  FixedClock clock_;
  std::string tokens_path_;
  std::map<Caller, std::string> tokens_;
  std::unique_ptr<services::MeaServer> server_;
  int64_t decision_id_ = 0;
  int64_t registry_obligation_ = 0;
  int64_t supplier_obligation_ = 0;
  int64_t agency_obligation_ = 0;
};

// An agreement of `supplier` with confidential figures in every clause
// type that has them.
v1::Agreement SampleAgreement(const std::string& id,
                              const std::string& method_id,
                              const std::string& supplier);
// A results batch for `agreement_id` with dispensings and a patient.
v1::ResultsBatch SampleBatch(const std::string& agreement_id,
                             const std::string& batch_id);

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_SECURE_SERVER_H_
