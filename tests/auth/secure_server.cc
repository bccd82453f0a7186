#include "tests/auth/secure_server.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/limits.h"
#include "google/protobuf/util/json_util.h"
#include "identity/token_file.h"
#include "storage/core/database.h"
#include "tests/support/database_inspection.h"

namespace mea::testing {
namespace {

struct TokenLine {
  Caller caller;
  const char* name;
  const char* organisation;
  const char* role;
  const char* options;
};

// The token file, written out in its documented format.
constexpr TokenLine kTokenLines[] = {
    {Caller::kSecretariat, "Siri Sekretær", "Sekretariatet for Nye metoder",
     "SECRETARIAT", ""},
    {Caller::kProcurement, "Per Innkjøper", "Sykehusinnkjøp HF", "PROCUREMENT",
     "\tvalid_until=2026-03-02"},
    {Caller::kForumMember, "Fanny Forum", "Helse Vest RHF", "FORUM_MEMBER", ""},
    {Caller::kSupplier, "Lise Leverandør", kSupplierA, "SUPPLIER", ""},
    {Caller::kOtherSupplier, "Ola Konkurrent", kSupplierB, "SUPPLIER", ""},
    {Caller::kRegistry, "Kari Register", kRegistryOrganisation, "REGISTRY", ""},
    {Caller::kExpired, "Eldre Token", "Sykehusinnkjøp HF", "PROCUREMENT",
     "\tvalid_until=2026-03-01"},
    {Caller::kRevoked, "Tidligere Ansatt", "Sykehusinnkjøp HF", "PROCUREMENT",
     "\trevoked"},
};

template <typename M>
M FromJson(const std::string& json) {
  M message;
  auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  if (!status.ok()) {
    std::cerr << "bad test JSON: " << status.message() << "\n";
    std::abort();
  }
  return message;
}

void ExpectOk(const grpc::Status& status, const std::string& what) {
  ASSERT_TRUE(status.ok()) << what << ": " << status.error_code() << " "
                           << status.error_message();
}

}  // namespace

const char* CallerName(Caller caller) {
  switch (caller) {
    case Caller::kSecretariat:
      return "Secretariat";
    case Caller::kProcurement:
      return "Procurement";
    case Caller::kForumMember:
      return "ForumMember";
    case Caller::kSupplier:
      return "Supplier";
    case Caller::kOtherSupplier:
      return "OtherSupplier";
    case Caller::kRegistry:
      return "Registry";
    case Caller::kPublic:
      return "Public";
    case Caller::kExpired:
      return "Expired";
    case Caller::kRevoked:
      return "Revoked";
    case Caller::kWrong:
      return "Wrong";
  }
  return "?";
}

SecureServer::SecureServer(Options options)
    : options_(options), clock_(absl::CivilDay(2026, 3, 2)) {
  if (options_.tls) pki_ = MakeTestPki(folder_.path());
  WriteTokens();
  Start();
}

std::string SecureServer::Tamper(const std::string& sql) {
  const std::string path = server_->database().path();
  Stop();
  std::string message = ExecSql(path, sql);
  Start();
  return message;
}

void SecureServer::Start() {
  services::ServerOptions server_options;
  server_options.listen_address = "127.0.0.1:0";
  server_options.database_path = folder_.File("mea.db");
  server_options.clock = &clock_;
  server_options.tokens_path = tokens_path_;
  server_options.audit_key_path = options_.audit_key_path;
  server_options.backup_dir = backups_.path();
  if (options_.http) server_options.http_listen = "127.0.0.1:0";
  if (options_.tls) {
    server_options.tls_cert_path = pki_.server_cert;
    server_options.tls_key_path = pki_.server_key;
    if (options_.client_ca) server_options.tls_client_ca_path = pki_.ca_cert;
  }
  auto started = services::MeaServer::Start(server_options);
  if (!started.ok()) {
    std::cerr << "SecureServer: " << started.status() << "\n";
    std::abort();
  }
  server_ = *std::move(started);
}

void SecureServer::Stop() {
  server_->Shutdown(absl::ZeroDuration());
  server_->Wait();
  server_.reset();
}

SecureServer::~SecureServer() {
  if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
}

void SecureServer::WriteTokens() {
  std::string file =
      "# mea test tokens: hash, name, organisation, role, options\n\n";
  for (const TokenLine& line : kTokenLines) {
    // Distinctive, so that a test can grep logs for them.
    std::string token = absl::StrCat("mea_test_", CallerName(line.caller), "_",
                                     std::rand(), "_secret");
    absl::StrAppend(&file, identity::HashHex(identity::HashToken(token)), "\t",
                    line.name, "\t", line.organisation, "\t", line.role,
                    line.options, "\n");
    tokens_[line.caller] = token;
  }
  tokens_[Caller::kPublic] = "";
  tokens_[Caller::kWrong] = absl::StrCat("mea_test_Wrong_", std::rand());
  tokens_path_ = folder_.File("tokens.tsv");
  WriteText(tokens_path_, file);
}

const std::string& SecureServer::token(Caller caller) const {
  return tokens_.at(caller);
}

std::string SecureServer::TokenFile(Caller caller) {
  std::string path = folder_.File(absl::StrCat("token-", CallerName(caller)));
  WriteText(path, token(caller) + "\n");
  return path;
}

std::shared_ptr<grpc::Channel> SecureServer::Channel(bool client_certificate) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  if (!options_.tls) {
    return grpc::CreateCustomChannel(
        address(), grpc::InsecureChannelCredentials(), arguments);
  }
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = ReadText(pki_.ca_cert);
  if (client_certificate) {
    tls.pem_cert_chain = ReadText(pki_.client_cert);
    tls.pem_private_key = ReadText(pki_.client_key);
  }
  return grpc::CreateCustomChannel(address(), grpc::SslCredentials(tls),
                                   arguments);
}

std::unique_ptr<grpc::ClientContext> SecureServer::Call(Caller caller) const {
  auto call = std::make_unique<grpc::ClientContext>();
  call->set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(20));
  if (!token(caller).empty()) {
    call->AddMetadata("authorization", "Bearer " + token(caller));
  }
  return call;
}

std::unique_ptr<v1::TrackingService::Stub> SecureServer::Tracking() {
  return v1::TrackingService::NewStub(Channel(options_.client_ca));
}
std::unique_ptr<v1::AgreementService::Stub> SecureServer::Agreements() {
  return v1::AgreementService::NewStub(Channel(options_.client_ca));
}
std::unique_ptr<v1::AuditService::Stub> SecureServer::Audit() {
  return v1::AuditService::NewStub(Channel(options_.client_ca));
}

v1::Agreement SampleAgreement(const std::string& id,
                              const std::string& method_id,
                              const std::string& supplier) {
  v1::Agreement agreement = FromJson<v1::Agreement>(R"json({
    "valid_from": "2025-01-01", "valid_to": "2027-12-31",
    "title": "Prøveavtale", "state": "ACTIVE", "unit_price": "45210.50",
    "clauses": [
      {"flat_discount": {"percent": "7.25"}},
      {"price_volume": {"basis": "ALL_UNITS", "tiers": [
        {"above_units": 0, "percent": "1"},
        {"above_units": 5, "percent": "12.5"}]}},
      {"patient_unit_cap": {"max_units": 20}},
      {"initial_discount": {"weeks": 4, "percent": "50"}},
      {"payment_by_result": {"assessment_weeks": 12, "refund_percent": "80"}},
      {"outcome_guarantee": {"measure": "orr", "threshold": "0.40",
                             "price_reduction_percent": "5"}},
      {"expenditure_cap": {"cap": "1000000.00", "refund_percent": "90"}}
    ]})json");
  agreement.set_id(id);
  agreement.set_method_id(method_id);
  agreement.set_supplier(supplier);
  return agreement;
}

v1::ResultsBatch SampleBatch(const std::string& agreement_id,
                             const std::string& batch_id) {
  v1::ResultsBatch batch = FromJson<v1::ResultsBatch>(R"json({
    "dispensings": [
      {"date": "2025-02-01", "units": 3, "patient": "P1"},
      {"date": "2025-03-01", "units": 4}],
    "patients": [{"id": "P1", "start_date": "2025-02-01",
                  "assessments": [{"date": "2025-04-20",
                                   "outcome": "RESPONSE"}]}],
    "group_outcomes": [{"measure": "orr", "value": "0.35", "n": 10,
                        "data_cut": "2025-06-30"}]})json");
  batch.set_agreement_id(agreement_id);
  batch.set_batch_id(batch_id);
  return batch;
}

void SecureServer::Seed() {
  auto tracking = Tracking();
  for (auto [id, supplier] :
       {std::pair{kMethodA, kSupplierA}, std::pair{kMethodB, kSupplierB}}) {
    v1::CreateMethodRequest request = FromJson<v1::CreateMethodRequest>(
        R"json({"method": {"title": "Testmetode", "active_substance":
        "testinib", "therapeutic_area": "Onkologi"}})json");
    request.mutable_method()->set_id(id);
    request.mutable_method()->set_supplier(supplier);
    v1::Method method;
    ExpectOk(tracking->CreateMethod(Call(Caller::kSecretariat).get(), request,
                                    &method),
             "CreateMethod");
  }
  v1::CreateDecisionRequest temporary =
      FromJson<v1::CreateDecisionRequest>(R"json({"decision": {
    "method_id": "ID2024_001", "decision_date": "2025-06-16",
    "body": "BESLUTNINGSFORUM", "introduction_type": "INTRODUCED_TEMPORARILY",
    "conditions": "Midlertidig innføring.",
    "follow_up": {
      "outcome_measures": [{"name": "orr", "description": "Responsrate",
        "kind": "PROPORTION", "unit": "proportion", "expected_value": "0.40",
        "direction": "AT_LEAST", "evaluation_weeks": 24,
        "data_source": "DATA_SOURCE_CANCER_REGISTRY"}],
      "data_obligations": [
        {"description": "Registerdata", "outcome_measures": ["orr"],
         "source": "DATA_SOURCE_CANCER_REGISTRY",
         "responsible_organisation": "Kreftregisteret",
         "responsible_role": "REGISTRY", "due_date": "2026-06-30"},
        {"description": "Studiedata", "outcome_measures": ["orr"],
         "source": "DATA_SOURCE_COMPANY_STUDY",
         "responsible_organisation": "Leverandør A AS",
         "responsible_role": "SUPPLIER", "due_date": "2026-02-01"},
        {"description": "Bruksdata", "outcome_measures": ["orr"],
         "source": "DATA_SOURCE_NPR",
         "responsible_organisation": "Helsedirektoratet",
         "responsible_role": "AGENCY", "due_date": "2026-09-30"}],
      "reassessment": {"deadline": "2028-06-16"},
      "exit_plan": {"no_new_patients_after_days": 30,
        "ongoing_treatment": "CONTINUE_UNTIL_PROGRESSION_SUPPLIER_PAYS",
        "payer": "PAYER_SUPPLIER"}}}})json");
  v1::Decision decision;
  ExpectOk(tracking->CreateDecision(Call(Caller::kSecretariat).get(), temporary,
                                    &decision),
           "CreateDecision");
  decision_id_ = decision.id();
  for (const v1::DataObligation& obligation :
       decision.follow_up().data_obligations()) {
    switch (obligation.responsible_role()) {
      case v1::DataObligation::REGISTRY:
        registry_obligation_ = obligation.id();
        break;
      case v1::DataObligation::SUPPLIER:
        supplier_obligation_ = obligation.id();
        break;
      default:
        agency_obligation_ = obligation.id();
    }
  }
  auto agreements = Agreements();
  for (auto [id, method, supplier] :
       {std::tuple{kAgreementA, kMethodA, kSupplierA},
        std::tuple{kAgreementB, kMethodB, kSupplierB}}) {
    v1::CreateAgreementRequest create;
    *create.mutable_agreement() = SampleAgreement(id, method, supplier);
    v1::Agreement created;
    ExpectOk(agreements->CreateAgreement(Call(Caller::kProcurement).get(),
                                         create, &created),
             "CreateAgreement");
    v1::UploadResultsResponse receipts;
    auto call = Call(Caller::kProcurement);
    auto writer = agreements->UploadResults(call.get(), &receipts);
    v1::UploadResultsRequest upload;
    *upload.mutable_batch() = SampleBatch(id, "seed");
    writer->Write(upload);
    writer->WritesDone();
    ExpectOk(writer->Finish(), "UploadResults");
    v1::SettleAgreementRequest settle = FromJson<v1::SettleAgreementRequest>(
        R"json({"period": {"start": "2025-01-01", "end": "2025-12-31"},
                "as_of": "2026-02-01"})json");
    settle.set_agreement_id(id);
    v1::StoredSettlement stored;
    ExpectOk(agreements->SettleAgreement(Call(Caller::kProcurement).get(),
                                         settle, &stored),
             "SettleAgreement");
  }
}

int64_t SecureServer::AuditRows() {
  int64_t rows = -1;
  absl::Status read =
      server_->database().Read([&](storage::Connection& connection) {
        absl::StatusOr<storage::Statement*> statement =
            connection.Prepare("SELECT count(*) FROM audit_entries");
        if (!statement.ok()) return statement.status();
        absl::StatusOr<bool> row = (*statement)->Step();
        if (!row.ok()) return row.status();
        rows = (*statement)->ColumnInt64(0);
        // Not left on a row: that would keep this read's snapshot open.
        (*statement)->Reset();
        return absl::OkStatus();
      });
  EXPECT_TRUE(read.ok()) << read;
  return rows;
}

}  // namespace mea::testing
