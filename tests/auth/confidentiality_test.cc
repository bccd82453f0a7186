// Confidential prices stay confidential: every response that carries
// agreement or settlement data reaches the public, a registry, the
// secretariat and a competing supplier without any field marked
// (mea.v1.confidential), while procurement and the agreement's own
// supplier see the figures.
#include <gtest/gtest.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "mea/v1/options.pb.h"
#include "services/auth/principal.h"
#include "services/redaction.h"
#include "tests/auth/confidential_walk.h"
#include "tests/auth/rpc_cases.h"
#include "tests/auth/secure_server.h"

namespace mea::testing {
namespace {

namespace auth = services::auth;

// The RPCs whose responses carry agreement or settlement data.
const char* const kAgreementDataRpcs[] = {
    "/mea.v1.AgreementService/CreateAgreement",
    "/mea.v1.AgreementService/GetAgreement",
    "/mea.v1.AgreementService/ListAgreements",
    "/mea.v1.AgreementService/UpdateAgreement",
    "/mea.v1.AgreementService/SettleAgreement",
    "/mea.v1.AgreementService/GetSettlement",
    "/mea.v1.AgreementService/ListSettlements",
    "/mea.v1.AgreementService/SimulateSettlement",
    "/mea.v1.AgreementService/CompareDrafts",
    "/mea.v1.TrackingService/GetDossier",
};

class ConfidentialityTest : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    server_ = new SecureServer(SecureServer::Options{.tls = false});
    server_->Seed();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static SecureServer* server_;
};

SecureServer* ConfidentialityTest::server_ = nullptr;

// Each of these callers asks for supplier A's data (the competitor as the
// owner of agreement B), and whatever it gets holds no confidential field
// outside its own organisation's messages.
TEST_P(ConfidentialityTest, OutsidersReceiveNoConfidentialField) {
  const RpcCase& call = FindRpcCase(GetParam());
  for (Caller caller : {Caller::kPublic, Caller::kOtherSupplier,
                        Caller::kRegistry, Caller::kSecretariat}) {
    SCOPED_TRACE(CallerName(caller));
    const Target target =
        caller == Caller::kOtherSupplier ? Target::kForeign : Target::kOwn;
    RpcResult result = call.call(*server_, caller, target);
    if (!result.status.ok()) {
      EXPECT_TRUE(
          result.status.error_code() == grpc::StatusCode::UNAUTHENTICATED ||
          result.status.error_code() == grpc::StatusCode::PERMISSION_DENIED)
          << result.status.error_message();
      continue;
    }
    const std::string own = caller == Caller::kOtherSupplier ? kSupplierB : "";
    EXPECT_EQ(absl::StrJoin(SetConfidentialFields(*result.response, own), " "),
              "");
  }
}

INSTANTIATE_TEST_SUITE_P(AgreementData, ConfidentialityTest,
                         ::testing::ValuesIn(kAgreementDataRpcs),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string rpc = info.param;
                           return rpc.substr(rpc.rfind('/') + 1);
                         });

// The other side: the figures do reach those with a need to know, so the
// test above would notice if redaction stopped at nothing.
TEST_F(ConfidentialityTest, ProcurementAndTheOwnSupplierSeeTheFigures) {
  for (const char* rpc : {"/mea.v1.AgreementService/GetAgreement",
                          "/mea.v1.AgreementService/GetSettlement",
                          "/mea.v1.AgreementService/ListSettlements"}) {
    for (Caller caller :
         {Caller::kProcurement, Caller::kSupplier, Caller::kForumMember}) {
      SCOPED_TRACE(std::string(rpc) + " as " + CallerName(caller));
      RpcResult result = FindRpcCase(rpc).call(*server_, caller, Target::kOwn);
      ASSERT_TRUE(result.status.ok()) << result.status.error_message();
      std::vector<std::string> fields = SetConfidentialFields(*result.response);
      EXPECT_FALSE(fields.empty());
    }
  }
}

TEST_F(ConfidentialityTest, ASupplierSeesItsOwnAgreementsInFullAndNoOthers) {
  RpcResult result = FindRpcCase("/mea.v1.AgreementService/ListAgreements")
                         .call(*server_, Caller::kSupplier, Target::kOwn);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  const auto& list =
      static_cast<const v1::ListAgreementsResponse&>(*result.response);
  ASSERT_EQ(list.agreements_size(), 2);
  for (const v1::Agreement& agreement : list.agreements()) {
    SCOPED_TRACE(agreement.id());
    const bool own = agreement.supplier() == kSupplierA;
    EXPECT_EQ(SetConfidentialFields(agreement).empty(), !own);
    // The public form stays: clause types and the summary.
    EXPECT_EQ(agreement.clauses_size(), 7);
    EXPECT_FALSE(agreement.summary().description().empty());
  }
}

// Redaction itself, without a server: what each role keeps of a settlement
// and an agreement.
TEST(RedactionTest, ClearsConfidentialFieldsByRoleAndOwner) {
  v1::StoredSettlement stored;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(R"json({
      "agreement_id": "SI-A", "number": 1, "supplier": "Leverandør A AS",
      "settlement": {"agreement_id": "SI-A", "units": 7,
        "gross_cost": "316473.50", "total_refund": "1000.00",
        "net_cost": "315473.50",
        "lines": [{"clause": "flat_discount", "index": 0,
                   "amount": "1000.00", "explanation": "7.25 % of ..."}],
        "triggers": [{"clause_index": 5, "kind": "OUTCOME_NOT_MET",
                      "measure": "orr", "observed": "0.35",
                      "threshold": "0.40"}]}})json",
                                                          &stored)
                  .ok());
  auth::Principal public_caller = auth::PublicPrincipal();
  auth::Principal own{"Lise", kSupplierA, auth::Role::kSupplier, ""};
  auth::Principal other{"Ola", kSupplierB, auth::Role::kSupplier, ""};
  auth::Principal procurement{"Per", "Sykehusinnkjøp HF",
                              auth::Role::kProcurement, ""};

  v1::StoredSettlement seen = stored;
  services::Redact(public_caller, seen);
  EXPECT_TRUE(SetConfidentialFields(seen).empty());
  EXPECT_EQ(seen.settlement().lines(0).clause(), "flat_discount");
  EXPECT_EQ(seen.settlement().triggers(0).observed(), "0.35");

  seen = stored;
  services::Redact(other, seen);
  EXPECT_TRUE(SetConfidentialFields(seen).empty());

  for (const auth::Principal& caller : {own, procurement}) {
    seen = stored;
    services::Redact(caller, seen);
    EXPECT_EQ(seen.DebugString(), stored.DebugString()) << caller.name;
  }

  // Without an owner nobody but the roles that see everything gets figures.
  seen = stored;
  seen.clear_supplier();
  services::Redact(own, seen);
  EXPECT_TRUE(SetConfidentialFields(seen).empty());
}

// A figure is classified where it is declared: every scalar field of the
// contract whose name speaks of money, rates, caps or volumes is marked
// confidential, except the listed input fields that no response returns.
TEST(RedactionTest, EveryFigureOfTheContractIsMarkedConfidential) {
  const std::set<std::string> kFigureWords = {"price",      "percent", "amount",
                                              "cost",       "refund",  "cap",
                                              "difference", "units"};
  const std::set<std::string> kNotReturned = {"mea.v1.Dispensing.units"};
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int marked = 0;
  for (const char* file_name :
       {"mea/v1/evaluation.proto", "mea/v1/agreements.proto",
        "mea/v1/tracking.proto"}) {
    const google::protobuf::FileDescriptor* file =
        pool->FindFileByName(file_name);
    ASSERT_NE(file, nullptr);
    std::vector<const google::protobuf::Descriptor*> types;
    for (int i = 0; i < file->message_type_count(); ++i) {
      types.push_back(file->message_type(i));
    }
    while (!types.empty()) {
      const google::protobuf::Descriptor* type = types.back();
      types.pop_back();
      for (int i = 0; i < type->nested_type_count(); ++i) {
        types.push_back(type->nested_type(i));
      }
      for (int i = 0; i < type->field_count(); ++i) {
        const google::protobuf::FieldDescriptor* field = type->field(i);
        if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE ||
            kNotReturned.count(field->full_name())) {
          continue;
        }
        bool figure = false;
        for (absl::string_view word : absl::StrSplit(field->name(), '_')) {
          figure = figure || kFigureWords.count(std::string(word)) > 0;
        }
        const bool confidential =
            field->options().GetExtension(v1::confidential);
        marked += confidential;
        if (figure) {
          EXPECT_TRUE(confidential) << field->full_name();
        }
      }
    }
  }
  EXPECT_GE(marked, 20);
}

}  // namespace
}  // namespace mea::testing
