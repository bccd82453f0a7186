// The hostile corpus: the cases of every service, plus requests that are
// not well-formed messages at all (strings that are not UTF-8, bytes that
// do not parse) and requests past the message size limit.
#include "tests/reliability/hostile_cases.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "mea/v1/admin.pb.h"
#include "mea/v1/tracking.pb.h"
#include "tests/reliability/hostile_case_builders.h"
#include "tests/reliability/sample_requests.h"
#include "common/limits.h"

namespace mea::testing {
namespace {

using namespace hostile;  // NOLINT: the builders read as a table.

std::vector<HostileCase> AdminCases(const HostileFixture& fixture) {
  const std::string rpc = kAdmin + "BackupDatabase";
  auto name = [](const std::string& text) {
    v1::BackupDatabaseRequest request;
    request.set_file_name(text);
    return request;
  };
  const std::string field = "file_name";
  return {
      Unary("BackupDatabase/name missing", rpc, name(""), kInvalid, field),
      Unary("BackupDatabase/an absolute path", rpc, name("/tmp/backup.db"),
            kInvalid, field),
      Unary("BackupDatabase/a relative path", rpc, name("sub/backup.db"),
            kInvalid, field),
      Unary("BackupDatabase/out of the folder", rpc, name("../backup.db"),
            kInvalid, field),
      Unary("BackupDatabase/the folder's parent", rpc, name(".."), kInvalid,
            field),
      Unary("BackupDatabase/a hidden file", rpc, name(".backup.db"), kInvalid,
            field),
      Unary("BackupDatabase/name with NUL", rpc,
            name(std::string("x\0.db", 4)), kInvalid, field),
      Unary("BackupDatabase/name of 5000 bytes", rpc, name(Repeat("x", 5000)),
            kInvalid, field),
      Unary("BackupDatabase/name with SQL", rpc,
            name("x'; DROP TABLE methods;--.db"), kInvalid, field),
      Unary("BackupDatabase/over an earlier backup", rpc, name("existing.db"),
            kExists),
  };
}

// Strings that are not UTF-8 in a proto3 string field: the request is not
// a valid message. It must be refused as the client's error and write
// nothing.
std::vector<HostileCase> EncodingCases(const HostileFixture& fixture) {
  v1::CreateMethodRequest method;
  *method.mutable_method() = samples::Method("ID2025_901");
  method.mutable_method()->set_title(kNotUtf8);
  v1::GetMethodRequest get;
  get.set_id(kNotUtf8);
  v1::WaiveDataObligationRequest waive;
  waive.set_id(fixture.obligation_id);
  waive.set_reason(kNotUtf8);
  v1::CreateAgreementRequest agreement;
  *agreement.mutable_agreement() =
      samples::Agreement("SI-2026-0901", fixture.method_id);
  agreement.mutable_agreement()->set_supplier(kNotUtf8);
  v1::BackupDatabaseRequest backup;
  backup.set_file_name(kNotUtf8);
  v1::ResultsBatch batch =
      samples::PatientBatch(fixture.agreement_id, "utf8-batch", "P" + kNotUtf8);
  return {
      Unary("CreateMethod/title not UTF-8", kTracking + "CreateMethod", method,
            kInvalid, "method.title"),
      Unary("GetMethod/id not UTF-8", kTracking + "GetMethod", get, kInvalid,
            "id"),
      Unary("WaiveDataObligation/reason not UTF-8",
            kTracking + "WaiveDataObligation", waive, kInvalid, "reason"),
      Unary("CreateAgreement/supplier not UTF-8",
            kAgreements + "CreateAgreement", agreement, kInvalid,
            "agreement.supplier"),
      Unary("BackupDatabase/name not UTF-8", kAdmin + "BackupDatabase", backup,
            kInvalid, "file_name"),
      Stream("UploadResults/patient not UTF-8", {batch}, kInvalid,
             "batch.patients[0].id"),
  };
}

// Bytes that are no message, sent to every unary RPC: field 1 announced
// with a length of 4 GiB that never comes. The refusal must blame field 1.
std::vector<HostileCase> NotAMessageCases() {
  std::vector<HostileCase> cases;
  for (const char* name : {"mea.v1.TrackingService", "mea.v1.AgreementService",
                           "mea.v1.AdminService", "mea.v1.AuditService"}) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name);
    for (int i = 0; service != nullptr && i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      if (method->client_streaming()) continue;
      const google::protobuf::FieldDescriptor* first =
          method->input_type()->FindFieldByNumber(1);
      HostileCase c;
      c.name = absl::StrCat(method->name(), "/bytes that are no message");
      c.rpc = absl::StrCat("/", name, "/", method->name());
      c.payload = "\x0a\xff\xff\xff\xff\x0f garbage";
      c.path =
          first == nullptr
              ? ""
              : absl::StrCat(first->name(), first->is_repeated() ? "[0]" : "");
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

// Past the 64 MiB message limit: refused by gRPC before anything is read.
std::vector<HostileCase> SizeCases(const HostileFixture& fixture) {
  const size_t past_limit = kMaxMessageBytes + 1024;
  v1::CreateMethodRequest method;
  *method.mutable_method() = samples::Method("ID2025_902");
  method.mutable_method()->set_title(std::string(past_limit, 'x'));
  v1::SimulateSettlementRequest simulate;
  simulate.mutable_input()->mutable_agreement()->set_id(
      std::string(past_limit, 'y'));
  v1::ResultsBatch batch =
      samples::DispensingBatch(fixture.agreement_id, "huge", 1);
  batch.set_correction_reason(std::string(past_limit, 'z'));
  return {
      Unary("CreateMethod/message past 64 MiB", kTracking + "CreateMethod",
            method, grpc::StatusCode::RESOURCE_EXHAUSTED),
      Unary("SimulateSettlement/message past 64 MiB",
            kAgreements + "SimulateSettlement", simulate,
            grpc::StatusCode::RESOURCE_EXHAUSTED),
      Stream("UploadResults/batch past 64 MiB", {batch},
             grpc::StatusCode::RESOURCE_EXHAUSTED),
  };
}

}  // namespace

std::vector<HostileCase> HostileCorpus(const HostileFixture& fixture) {
  std::vector<HostileCase> corpus;
  for (auto part :
       {TrackingCases(fixture), FollowUpCases(fixture), AgreementCases(fixture),
        ResultsAndSettlementCases(fixture), AdminCases(fixture),
        EncodingCases(fixture), NotAMessageCases(), SizeCases(fixture)}) {
    for (HostileCase& c : part) corpus.push_back(std::move(c));
  }
  return corpus;
}

}  // namespace mea::testing
