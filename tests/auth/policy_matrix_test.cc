// The whole policy table, RPC × role, against a real server over TLS with
// a token file: each cell's expected outcome is written out here, apart
// from services/auth/policy.cc, so that a change to either shows up.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "services/auth/policy.h"
#include "tests/auth/rpc_cases.h"
#include "tests/auth/secure_server.h"
#include "tests/auth/test_pki.h"

namespace mea::testing {
namespace {

namespace policy = services::policy;

struct Expected {
  const char* rpc;
  // SECRETARIAT PROCUREMENT FORUM_MEMBER SUPPLIER REGISTRY PUBLIC:
  // A allow, O own organisation only, - deny.
  const char* cells;
};

// gtest names a failing parameter by this.
void PrintTo(const Expected& expected, std::ostream* out) {
  *out << expected.rpc << " " << expected.cells;
}

constexpr Expected kExpected[] = {
    {"/mea.v1.TrackingService/CreateMethod", "A-----"},
    {"/mea.v1.TrackingService/GetMethod", "AAAAAA"},
    {"/mea.v1.TrackingService/ListMethods", "AAAAAA"},
    {"/mea.v1.TrackingService/UpdateMethod", "A-----"},
    {"/mea.v1.TrackingService/CreateDecision", "A-----"},
    {"/mea.v1.TrackingService/GetDecision", "AAAAAA"},
    {"/mea.v1.TrackingService/ListDecisions", "AAAAAA"},
    {"/mea.v1.TrackingService/DeliverDataObligation", "A--OO-"},
    {"/mea.v1.TrackingService/WaiveDataObligation", "A-----"},
    {"/mea.v1.TrackingService/StartReassessment", "A-----"},
    {"/mea.v1.TrackingService/CompleteReassessment", "A-----"},
    {"/mea.v1.TrackingService/ListDueItems", "AAAOO-"},
    {"/mea.v1.TrackingService/GetDossier", "AAAAAA"},
    {"/mea.v1.AgreementService/CreateAgreement", "-A----"},
    {"/mea.v1.AgreementService/GetAgreement", "AAAAAA"},
    {"/mea.v1.AgreementService/ListAgreements", "AAAAAA"},
    {"/mea.v1.AgreementService/UpdateAgreement", "-A----"},
    {"/mea.v1.AgreementService/UploadResults", "-A-OO-"},
    {"/mea.v1.AgreementService/SettleAgreement", "-A----"},
    {"/mea.v1.AgreementService/GetSettlement", "AAAO--"},
    {"/mea.v1.AgreementService/ListSettlements", "AAAO--"},
    {"/mea.v1.AgreementService/SimulateSettlement", "-AA---"},
    {"/mea.v1.AgreementService/CompareDrafts", "-AA---"},
    {"/mea.v1.AuditService/ListAuditEntries", "AAA---"},
    {"/mea.v1.AuditService/VerifyAuditChain", "AAA---"},
    {"/mea.v1.AdminService/BackupDatabase", "-A----"},
    {"/grpc.health.v1.Health/Check", "AAAAAA"},
};

// Infrastructure rows of the table that the matrix does not call
// (streaming methods of gRPC's own services).
const std::set<std::string> kNotCalled = {
    "/grpc.health.v1.Health/Watch",
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"};

constexpr Caller kColumns[] = {Caller::kSecretariat, Caller::kProcurement,
                               Caller::kForumMember, Caller::kSupplier,
                               Caller::kRegistry,    Caller::kPublic};

char CellOf(policy::Access access) {
  switch (access) {
    case policy::Access::kAllow:
      return 'A';
    case policy::Access::kAllowOwnOrganisation:
      return 'O';
    case policy::Access::kDeny:
      return '-';
  }
  return '?';
}

TEST(PolicyTableTest, CodeMatchesTheExpectedTable) {
  size_t called_rows = 0;
  for (const policy::Row& row : policy::Table()) {
    if (!kNotCalled.count(std::string(row.rpc))) ++called_rows;
  }
  EXPECT_EQ(called_rows, std::size(kExpected));
  for (const Expected& expected : kExpected) {
    std::string cells;
    for (identity::Role role : identity::kPolicyRoles) {
      cells += CellOf(policy::Decide(expected.rpc, role));
    }
    EXPECT_EQ(cells, expected.cells) << expected.rpc;
  }
}

// A caller with a token never sees less than a caller without one: no
// role is denied (or limited to its own organisation) where PUBLIC is
// allowed. What such a call answers is the handler's to scope.
TEST(PolicyTableTest, NoRoleIsDeniedWhatThePublicMayCall) {
  for (const policy::Row& row : policy::Table()) {
    if (policy::Decide(row.rpc, identity::Role::kPublic) !=
        policy::Access::kAllow) {
      continue;
    }
    for (identity::Role role : identity::kPolicyRoles) {
      EXPECT_EQ(policy::Decide(row.rpc, role), policy::Access::kAllow)
          << row.rpc << " is open to the public but not to "
          << identity::RoleName(role);
    }
  }
}

TEST(PolicyTableTest, UnknownRpcsAreDeniedToEveryRoleButLocal) {
  for (identity::Role role : identity::kPolicyRoles) {
    EXPECT_EQ(policy::Decide("/mea.v1.TrackingService/DropEverything", role),
              policy::Access::kDeny);
  }
  EXPECT_EQ(policy::Decide("/mea.v1.TrackingService/DropEverything",
                           identity::Role::kLocal),
            policy::Access::kAllow);
}

// Every RPC of every service declared in proto/mea/v1 has a row, so a new
// RPC cannot ship without a decision about who may call it.
TEST(PolicyTableTest, EveryRpcOfEveryServiceHasARow) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int services_seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(MEA_SOURCE_DIR) + "/proto/mea/v1")) {
    if (entry.path().extension() != ".proto") continue;
    const std::string name = "mea/v1/" + entry.path().filename().string();
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(name);
    ASSERT_NE(file, nullptr) << name << " is not compiled into mea_proto";
    for (int s = 0; s < file->service_count(); ++s) {
      ++services_seen;
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        const std::string rpc = absl::StrCat("/", service->full_name(), "/",
                                             service->method(m)->name());
        EXPECT_NE(policy::Find(rpc), nullptr)
            << rpc << " has no row in services/auth/policy.cc";
      }
    }
  }
  EXPECT_GE(services_seen, 3);
}

TEST(PolicyTableTest, DocsShowTheTableOfTheCode) {
  const std::string docs =
      ReadText(std::string(MEA_SOURCE_DIR) + "/docs/security.md");
  const std::string table = policy::RenderMarkdown();
  EXPECT_TRUE(absl::StrContains(docs, table))
      << "docs/security.md must contain the policy table exactly as "
         "policy::RenderMarkdown() renders it:\n"
      << table;
}

// One test per RPC; the six roles inside it, in table order. Each test
// has a freshly seeded server of its own, so that what a write uses up
// (a PENDING obligation, a SCHEDULED reassessment) is there whichever
// tests ran before it in the same process.
class PolicyMatrixTest : public ::testing::TestWithParam<Expected> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<SecureServer>();
    server_->Seed();
  }

  // A cell that allows: the call succeeds; a read appends no audit entry,
  // a write exactly one. Each case sets up what it acts on (rpc_cases.h),
  // so any failure here, INTERNAL or a state rule alike, is a fault.
  void ExpectAllowed(const RpcCase& call, Caller caller) {
    const int64_t before = server_->AuditRows();
    RpcResult result = call.call(*server_, caller, Target::kOwn);
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::OK)
        << result.status.error_message();
    if (call.read) {
      EXPECT_EQ(server_->AuditRows(), before);
    } else {
      EXPECT_EQ(server_->AuditRows(), before + 1)
          << "a change must append one audit entry";
    }
  }

  // A refusal names the roles needed and changes nothing.
  void ExpectRefused(const RpcCase& call, Caller caller, Target target,
                     grpc::StatusCode code) {
    const int64_t before = server_->AuditRows();
    RpcResult result = call.call(*server_, caller, target);
    EXPECT_EQ(result.status.error_code(), code)
        << result.status.error_message();
    EXPECT_TRUE(
        absl::StrContains(result.status.error_message(), "requires role"))
        << result.status.error_message();
    EXPECT_EQ(server_->AuditRows(), before) << "a refused call wrote";
    EXPECT_FALSE(result.changed_files) << "a refused call wrote a file";
  }

  // Own organisation: allowed on its own resources; refused, with the same
  // words, on another organisation's and on one that does not exist.
  void ExpectOwnOrganisation(const RpcCase& call, Caller caller) {
    ExpectAllowed(call, caller);
    RpcResult foreign = call.call(*server_, caller, Target::kForeign);
    RpcResult missing = call.call(*server_, caller, Target::kMissing);
    EXPECT_EQ(foreign.status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << foreign.status.error_message();
    EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << missing.status.error_message();
    EXPECT_EQ(foreign.status.error_message(), missing.status.error_message())
        << "the refusal must not reveal whether the resource exists";
    EXPECT_TRUE(
        absl::StrContains(foreign.status.error_message(), "requires role"));
  }

  std::unique_ptr<SecureServer> server_;
};

TEST_P(PolicyMatrixTest, EveryRoleGetsTheExpectedOutcome) {
  const Expected& expected = GetParam();
  const RpcCase& call = FindRpcCase(expected.rpc);
  for (size_t column = 0; column < std::size(kColumns); ++column) {
    const Caller caller = kColumns[column];
    SCOPED_TRACE(absl::StrCat(expected.rpc, " as ", CallerName(caller)));
    switch (expected.cells[column]) {
      case 'A':
        ExpectAllowed(call, caller);
        break;
      case 'O':
        ExpectOwnOrganisation(call, caller);
        break;
      default:
        ExpectRefused(call, caller, Target::kOwn,
                      caller == Caller::kPublic
                          ? grpc::StatusCode::UNAUTHENTICATED
                          : grpc::StatusCode::PERMISSION_DENIED);
    }
  }
}

std::string RowName(const ::testing::TestParamInfo<Expected>& info) {
  std::string rpc = info.param.rpc;
  std::string name = rpc.substr(rpc.rfind('/') + 1);
  if (absl::StrContains(rpc, "Health")) name = "Health" + name;
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllRpcs, PolicyMatrixTest,
                         ::testing::ValuesIn(kExpected), RowName);

// The same over the wire: whatever the public reads, every caller with a
// token reads too, on its own organisation's resources and on another's
// (a supplier looking at a competitor's case).
TEST_F(PolicyMatrixTest, EveryCallerReadsWhatThePublicReads) {
  int public_reads = 0;
  for (const RpcCase& call : AllRpcCases()) {
    if (!call.read) continue;
    if (!call.call(*server_, Caller::kPublic, Target::kOwn).status.ok()) {
      continue;
    }
    ++public_reads;
    for (Caller caller : kColumns) {
      for (Target target : {Target::kOwn, Target::kForeign}) {
        if (!call.call(*server_, Caller::kPublic, target).status.ok()) {
          continue;
        }
        RpcResult result = call.call(*server_, caller, target);
        EXPECT_TRUE(result.status.ok())
            << call.rpc << " as " << CallerName(caller)
            << (target == Target::kForeign ? " on another's" : "") << ": "
            << result.status.error_message();
      }
    }
  }
  EXPECT_GE(public_reads, 8);
}

}  // namespace
}  // namespace mea::testing

namespace mea::testing {
namespace {

// Own organisation on a list: a registry or supplier sees exactly the items
// its organisation owes, whatever it asks for.
TEST(OwnOrganisationTest, DueItemsAreFilteredToTheCallersOrganisation) {
  SecureServer server(SecureServer::Options{.tls = false});
  server.Seed();
  const RpcCase& list = FindRpcCase("/mea.v1.TrackingService/ListDueItems");
  for (auto [caller, organisation] :
       {std::pair{Caller::kRegistry, kRegistryOrganisation},
        std::pair{Caller::kSupplier, kSupplierA}}) {
    SCOPED_TRACE(CallerName(caller));
    RpcResult result = list.call(server, caller, Target::kOwn);
    ASSERT_TRUE(result.status.ok()) << result.status.error_message();
    const auto& items =
        static_cast<const v1::ListDueItemsResponse&>(*result.response);
    ASSERT_GT(items.items_size(), 0);
    for (const v1::DueItem& item : items.items()) {
      EXPECT_EQ(item.responsible_organisation(), organisation);
    }
  }
  RpcResult all = list.call(server, Caller::kSecretariat, Target::kOwn);
  ASSERT_TRUE(all.status.ok());
  EXPECT_GT(
      static_cast<const v1::ListDueItemsResponse&>(*all.response).items_size(),
      2);
}

}  // namespace
}  // namespace mea::testing
