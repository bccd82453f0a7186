// Confidential prices stay confidential: every response that carries
// agreement or settlement data reaches the public, a registry, the
// secretariat and a competing supplier without any field marked
// (mea.v1.confidential), while procurement and the agreement's own
// supplier see the figures. A withheld figure is absent (has_ false, no
// key in JSON), never a zero: confidential scalars are `optional`.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "mea/v1/options.pb.h"
#include "identity/principal.h"
#include "services/auth/redaction.h"
#include "tests/auth/confidential_walk.h"
#include "tests/auth/rpc_cases.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

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
    server_ =
        new SecureServer(SecureServer::Options{.tls = false, .http = true});
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

// Those who may see the figures get every one of them, a zero included:
// absence is kept for "withheld".
TEST_F(ConfidentialityTest, FiguresAreShownEvenWhenZeroToThoseWhoMaySeeThem) {
  RpcResult agreement = FindRpcCase("/mea.v1.AgreementService/GetAgreement")
                            .call(*server_, Caller::kProcurement, Target::kOwn);
  ASSERT_TRUE(agreement.status.ok()) << agreement.status.error_message();
  const auto& terms = static_cast<const v1::Agreement&>(*agreement.response);
  ASSERT_TRUE(terms.clauses(1).has_price_volume());
  const v1::PriceVolumeTier& first = terms.clauses(1).price_volume().tiers(0);
  EXPECT_TRUE(first.has_above_units());
  EXPECT_EQ(first.above_units(), 0);
  EXPECT_TRUE(terms.has_unit_price());

  RpcResult stored = FindRpcCase("/mea.v1.AgreementService/GetSettlement")
                         .call(*server_, Caller::kSupplier, Target::kOwn);
  ASSERT_TRUE(stored.status.ok()) << stored.status.error_message();
  const v1::Settlement& settlement =
      static_cast<const v1::StoredSettlement&>(*stored.response).settlement();
  EXPECT_TRUE(settlement.has_units());
  EXPECT_GT(settlement.units(), 0);
  EXPECT_TRUE(settlement.has_gross_cost());
  EXPECT_TRUE(settlement.has_net_cost());
}

// The secretariat may read a settlement but not its figures: they are
// absent over gRPC, missing from the HTTP gateway's JSON (which prints
// every unset plain field, so a plain int64 would read "units": "0"), and
// shown as withheld by meactl.
TEST_F(ConfidentialityTest, WithheldFiguresAreAbsentNotZero) {
  RpcResult stored = FindRpcCase("/mea.v1.AgreementService/GetSettlement")
                         .call(*server_, Caller::kSecretariat, Target::kOwn);
  ASSERT_TRUE(stored.status.ok()) << stored.status.error_message();
  const v1::Settlement& settlement =
      static_cast<const v1::StoredSettlement&>(*stored.response).settlement();
  EXPECT_FALSE(settlement.has_units());
  EXPECT_FALSE(settlement.has_gross_cost());
  EXPECT_FALSE(settlement.has_total_refund());
  EXPECT_FALSE(settlement.has_net_cost());
  ASSERT_GT(settlement.lines_size(), 0);
  EXPECT_FALSE(settlement.lines(0).has_amount());
  EXPECT_FALSE(settlement.lines(0).has_explanation());
  EXPECT_FALSE(settlement.lines(0).clause().empty()) << "the form stays";

  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Headers bearer = {
      {"Authorization", "Bearer " + server_->token(Caller::kSecretariat)}};
  auto settled = http.Get("/v1/agreements/SI-A/settlements/1", bearer);
  ASSERT_TRUE(settled);
  ASSERT_EQ(settled->status, 200) << settled->body;
  for (const char* key : {"\"units\"", "\"gross_cost\"", "\"total_refund\"",
                          "\"net_cost\"", "\"amount\"", "\"explanation\""}) {
    EXPECT_FALSE(absl::StrContains(settled->body, key))
        << key << " in " << settled->body;
  }
  EXPECT_TRUE(absl::StrContains(settled->body, "\"clause\"")) << settled->body;
  auto agreement = http.Get("/v1/agreements/SI-A", bearer);
  ASSERT_TRUE(agreement);
  ASSERT_EQ(agreement->status, 200) << agreement->body;
  for (const char* key : {"\"unit_price\"", "\"above_units\"", "\"max_units\"",
                          "\"percent\"", "\"cap\""}) {
    EXPECT_FALSE(absl::StrContains(agreement->body, key))
        << key << " in " << agreement->body;
  }
  EXPECT_TRUE(absl::StrContains(agreement->body, "\"weeks\"")) << "public";

  // The export (export/tables.h) marks the withheld cells.
  auto exported =
      http.Get("/v1/exports/agreements/SI-A/settlements/1.csv", bearer);
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->status, 200) << exported->body;
  bool gross_row = false;
  for (absl::string_view row : absl::StrSplit(exported->body, "\r\n")) {
    if (!absl::StrContains(row, "brutto (gross cost)")) continue;
    gross_row = true;
    // Units and amount: withheld, in words; no 0 in their place.
    EXPECT_TRUE(absl::StrContains(
        row, "brutto (gross cost),,,skjermet (withheld),skjermet (withheld),"))
        << row;
  }
  EXPECT_TRUE(gross_row) << exported->body;

  CommandResult shown =
      RunMeactl(server_->address(),
                {"--token_file", server_->TokenFile(Caller::kSecretariat),
                 "settlements", "get", kAgreementA, "1"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(absl::StrContains(shown.out,
                                "enheter (units)              "
                                "skjermet (withheld)"))
      << shown.out;
  EXPECT_TRUE(absl::StrContains(shown.out,
                                "netto (net cost)             "
                                "skjermet (withheld)"))
      << shown.out;
  CommandResult own =
      RunMeactl(server_->address(),
                {"--token_file", server_->TokenFile(Caller::kSupplier),
                 "settlements", "get", kAgreementA, "1"});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_FALSE(absl::StrContains(own.out, "skjermet")) << own.out;
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
// Every field of every message declared in `file`, nested messages
// included.
std::vector<const google::protobuf::FieldDescriptor*> FieldsDeclaredIn(
    const google::protobuf::FileDescriptor& file) {
  std::vector<const google::protobuf::Descriptor*> types;
  for (int i = 0; i < file.message_type_count(); ++i) {
    types.push_back(file.message_type(i));
  }
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  while (!types.empty()) {
    const google::protobuf::Descriptor* type = types.back();
    types.pop_back();
    for (int i = 0; i < type->nested_type_count(); ++i) {
      types.push_back(type->nested_type(i));
    }
    for (int i = 0; i < type->field_count(); ++i) {
      fields.push_back(type->field(i));
    }
  }
  return fields;
}

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
  identity::Principal public_caller = identity::PublicPrincipal();
  identity::Principal own{"Lise", kSupplierA, identity::Role::kSupplier, ""};
  identity::Principal other{"Ola", kSupplierB, identity::Role::kSupplier, ""};
  identity::Principal procurement{"Per", "Sykehusinnkjøp HF",
                              identity::Role::kProcurement, ""};

  v1::StoredSettlement seen = stored;
  services::Redact(public_caller, seen);
  EXPECT_TRUE(SetConfidentialFields(seen).empty());
  EXPECT_EQ(seen.settlement().lines(0).clause(), "flat_discount");
  EXPECT_EQ(seen.settlement().triggers(0).observed(), "0.35");

  // Absent, not zero: nothing of the figure is left, in protobuf or JSON
  // printed the way the HTTP gateway and meactl --json print.
  EXPECT_FALSE(seen.settlement().has_units());
  EXPECT_FALSE(seen.settlement().lines(0).has_amount());
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = true;
  std::string json;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(seen, &json, print).ok());
  for (const char* key : {"\"units\"", "\"gross_cost\"", "\"amount\""}) {
    EXPECT_FALSE(absl::StrContains(json, key)) << key << " in " << json;
  }

  seen = stored;
  services::Redact(other, seen);
  EXPECT_TRUE(SetConfidentialFields(seen).empty());

  for (const identity::Principal& caller : {own, procurement}) {
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

// A figure the server fills in is present even when it is zero, so that
// only the redaction step makes a figure absent.
TEST(RedactionTest, MarkFiguresPresentSetsZerosExplicitly) {
  v1::Agreement agreement;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(R"json({
      "unit_price": "100.00", "clauses": [
        {"price_volume": {"basis": "ALL_UNITS", "tiers": [
          {"percent": "1"}, {"above_units": 5, "percent": "2"}]}},
        {"outcome_guarantee": {"measure": "orr", "threshold": "0.4"}}]})json",
                                                          &agreement)
                  .ok());
  const v1::PriceVolumeTier& first =
      agreement.clauses(0).price_volume().tiers(0);
  ASSERT_FALSE(first.has_above_units());
  services::MarkFiguresPresent(agreement);
  EXPECT_TRUE(first.has_above_units());
  EXPECT_EQ(first.above_units(), 0);
  EXPECT_EQ(agreement.clauses(0).price_volume().tiers(1).above_units(), 5);
  EXPECT_TRUE(
      agreement.clauses(1).outcome_guarantee().has_price_reduction_percent());
  // Not present before: public fields and sub-messages are left alone.
  EXPECT_EQ(agreement.clauses_size(), 2);
  EXPECT_FALSE(agreement.clauses(1).has_price_volume());
}

// Every field marked confidential that holds a single value (a number, or
// a number written as text) is `optional`: only then can a cleared figure
// be absent rather than read as 0 or "". A new plain field fails here.
TEST(RedactionTest, EveryConfidentialScalarIsOptional) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(MEA_SOURCE_DIR) + "/proto/mea/v1")) {
    if (entry.path().extension() != ".proto") continue;
    const std::string name = "mea/v1/" + entry.path().filename().string();
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(name);
    ASSERT_NE(file, nullptr) << name;
    for (const google::protobuf::FieldDescriptor* field :
         FieldsDeclaredIn(*file)) {
      if (!field->options().GetExtension(v1::confidential) ||
          field->cpp_type() ==
              google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
        continue;
      }
      ++checked;
      EXPECT_FALSE(field->is_repeated())
          << field->full_name()
          << ": a confidential list cannot tell withheld from empty";
      EXPECT_TRUE(field->has_presence() &&
                  field->real_containing_oneof() == nullptr)
          << field->full_name()
          << " is confidential: declare it `optional` so that a withheld "
             "figure is absent, not 0";
    }
  }
  EXPECT_GE(checked, 20);
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
    for (const google::protobuf::FieldDescriptor* field :
         FieldsDeclaredIn(*file)) {
      if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE ||
          kNotReturned.count(field->full_name())) {
        continue;
      }
      bool figure = false;
      for (absl::string_view word : absl::StrSplit(field->name(), '_')) {
        figure = figure || kFigureWords.count(std::string(word)) > 0;
      }
      const bool confidential = field->options().GetExtension(v1::confidential);
      marked += confidential;
      if (figure) {
        EXPECT_TRUE(confidential) << field->full_name();
      }
    }
  }
  EXPECT_GE(marked, 20);
}

}  // namespace
}  // namespace mea::testing
