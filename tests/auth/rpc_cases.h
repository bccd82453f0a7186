// One call of every RPC of the public API, made as a given caller, with a
// request that succeeds when the caller is allowed: the material of the
// policy matrix and of the confidentiality tests.
#ifndef MEA_TESTS_AUTH_RPC_CASES_H_
#define MEA_TESTS_AUTH_RPC_CASES_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "tests/auth/secure_server.h"

namespace mea::testing {

// Whose resource a call acts on, for rules that depend on the caller's
// organisation.
enum class Target {
  kOwn,      // the caller's own (or, for roles without one, any)
  kForeign,  // another organisation's
  kMissing,  // one that does not exist
};

struct RpcResult {
  grpc::Status status;
  // The response (empty when the call failed).
  std::shared_ptr<google::protobuf::Message> response;
  // A change outside the database the call made (a backup file), which
  // the audit trail does not show.
  bool changed_files = false;
};

struct RpcCase {
  // "/mea.v1.TrackingService/CreateMethod".
  std::string rpc;
  // A read: changes nothing. Reads and writes alike answer OK to every
  // allowed caller, in table order on a freshly seeded server: a write acts
  // on something no earlier allowed call of the same RPC has used up.
  bool read = false;
  std::function<RpcResult(SecureServer&, Caller, Target)> call;
};

// Every RPC of TrackingService, AgreementService and AuditService, and the
// health check. Needs a seeded server (SecureServer::Seed).
const std::vector<RpcCase>& AllRpcCases();
const RpcCase& FindRpcCase(const std::string& rpc);

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_RPC_CASES_H_
