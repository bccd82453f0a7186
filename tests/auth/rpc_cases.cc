#include "tests/auth/rpc_cases.h"

#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <filesystem>
#include <future>

#include "absl/strings/str_format.h"
#include "mea/v1/admin.grpc.pb.h"

namespace mea::testing {
namespace {

std::atomic<int> next_number{1};

int Unique() { return next_number++; }

// Calls a unary method of a generated stub as `caller`.
template <typename Response, typename Stub, typename Method, typename Request>
RpcResult Unary(SecureServer& server, Caller caller, Stub stub, Method method,
                const Request& request) {
  auto response = std::make_shared<Response>();
  auto context = server.Call(caller);
  grpc::Status status =
      ((*stub).*method)(context.get(), request, response.get());
  return {status, response};
}

bool IsOtherSupplier(Caller caller) { return caller == Caller::kOtherSupplier; }

std::string MethodFor(Caller caller, Target target) {
  if (target == Target::kMissing) return "ID2099_999";
  bool b = IsOtherSupplier(caller) != (target == Target::kForeign);
  return b ? kMethodB : kMethodA;
}

std::string AgreementFor(Caller caller, Target target) {
  if (target == Target::kMissing) return "SI-NONE";
  bool b = IsOtherSupplier(caller) != (target == Target::kForeign);
  return b ? kAgreementB : kAgreementA;
}

// The supplier's and the registry's own obligations are theirs; a caller
// without one acts on the agency's, so that each allowed caller of
// DeliverDataObligation finds its obligation still PENDING.
int64_t ObligationFor(SecureServer& server, Caller caller, Target target) {
  if (target == Target::kMissing) return 999999;
  const bool own = target == Target::kOwn;
  switch (caller) {
    case Caller::kSupplier:
      return own ? server.supplier_obligation_id()
                 : server.registry_obligation_id();
    case Caller::kRegistry:
      return own ? server.registry_obligation_id()
                 : server.supplier_obligation_id();
    default:
      return own ? server.agency_obligation_id()
                 : server.supplier_obligation_id();
  }
}

std::string OrganisationFor(Caller caller, Target target) {
  if (target == Target::kOwn) return "";
  if (target == Target::kMissing) return "Ingen slik organisasjon";
  return caller == Caller::kRegistry ? kSupplierA : kRegistryOrganisation;
}

v1::Period Period(const std::string& start, const std::string& end) {
  v1::Period period;
  period.set_start(start);
  period.set_end(end);
  return period;
}

v1::AgreementTerms Terms(const std::string& id) {
  v1::Agreement agreement = SampleAgreement(id, kMethodA, kSupplierA);
  v1::AgreementTerms terms;
  terms.set_id(id);
  terms.set_method_id(kMethodA);
  terms.set_unit_price(agreement.unit_price());
  *terms.mutable_clauses() = agreement.clauses();
  return terms;
}

using Tracking = v1::TrackingService::Stub;
using Agreements = v1::AgreementService::Stub;
using Audit = v1::AuditService::Stub;

std::vector<RpcCase> TrackingCases() {
  const std::string s = "/mea.v1.TrackingService/";
  return {
      {s + "CreateMethod", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::CreateMethodRequest request;
         v1::Method* method = request.mutable_method();
         method->set_id(absl::StrFormat("ID2030_%03d", Unique()));
         method->set_title("Ny metode");
         method->set_active_substance("nyinib");
         method->set_supplier(kSupplierA);
         method->set_therapeutic_area("Onkologi");
         return Unary<v1::Method>(server, caller, server.Tracking(),
                                  &Tracking::CreateMethod, request);
       }},
      {s + "GetMethod", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::GetMethodRequest request;
         request.set_id(MethodFor(caller, target));
         return Unary<v1::Method>(server, caller, server.Tracking(),
                                  &Tracking::GetMethod, request);
       }},
      {s + "ListMethods", true,
       [](SecureServer& server, Caller caller, Target) {
         return Unary<v1::ListMethodsResponse>(
             server, caller, server.Tracking(), &Tracking::ListMethods,
             v1::ListMethodsRequest());
       }},
      {s + "UpdateMethod", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::UpdateMethodRequest request;
         request.mutable_method()->set_id(kMethodA);
         request.mutable_method()->set_title("Endret tittel");
         request.mutable_update_mask()->add_paths("title");
         return Unary<v1::Method>(server, caller, server.Tracking(),
                                  &Tracking::UpdateMethod, request);
       }},
      {s + "CreateDecision", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::CreateDecisionRequest request;
         v1::Decision* decision = request.mutable_decision();
         decision->set_method_id(kMethodB);
         decision->set_decision_date("2025-09-01");
         decision->set_body(v1::Decision::BESLUTNINGSFORUM);
         decision->set_introduction_type(v1::Decision::INTRODUCED);
         decision->set_conditions("Innføres.");
         return Unary<v1::Decision>(server, caller, server.Tracking(),
                                    &Tracking::CreateDecision, request);
       }},
      {s + "GetDecision", true,
       [](SecureServer& server, Caller caller, Target) {
         v1::GetDecisionRequest request;
         request.set_id(server.decision_id());
         return Unary<v1::Decision>(server, caller, server.Tracking(),
                                    &Tracking::GetDecision, request);
       }},
      {s + "ListDecisions", true,
       [](SecureServer& server, Caller caller, Target) {
         return Unary<v1::ListDecisionsResponse>(
             server, caller, server.Tracking(), &Tracking::ListDecisions,
             v1::ListDecisionsRequest());
       }},
      {s + "DeliverDataObligation", false,
       [](SecureServer& server, Caller caller, Target target) {
         v1::DeliverDataObligationRequest request;
         request.set_id(ObligationFor(server, caller, target));
         request.set_delivered_date("2026-03-01");
         request.set_delivery_reference("LEV-2026-1");
         return Unary<v1::DataObligation>(server, caller, server.Tracking(),
                                          &Tracking::DeliverDataObligation,
                                          request);
       }},
      {s + "WaiveDataObligation", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::WaiveDataObligationRequest request;
         request.set_id(server.supplier_obligation_id());
         request.set_reason("Studien ble avsluttet (the study was closed)");
         return Unary<v1::DataObligation>(server, caller, server.Tracking(),
                                          &Tracking::WaiveDataObligation,
                                          request);
       }},
      {s + "StartReassessment", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::StartReassessmentRequest request;
         request.set_decision_id(server.decision_id());
         return Unary<v1::Reassessment>(server, caller, server.Tracking(),
                                        &Tracking::StartReassessment, request);
       }},
      {s + "CompleteReassessment", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::CompleteReassessmentRequest request;
         request.set_decision_id(server.decision_id());
         request.set_outcome(v1::Reassessment::EXTENSION);
         request.set_completed_date("2026-03-01");
         request.set_new_deadline(
             absl::StrFormat("2029-01-%02d", 1 + Unique() % 28));
         request.set_reason("Dataene kommer senere (data are late)");
         return Unary<v1::CompleteReassessmentResponse>(
             server, caller, server.Tracking(), &Tracking::CompleteReassessment,
             request);
       }},
      {s + "ListDueItems", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::ListDueItemsRequest request;
         request.set_end_date("2030-12-31");
         request.set_responsible_organisation(OrganisationFor(caller, target));
         return Unary<v1::ListDueItemsResponse>(
             server, caller, server.Tracking(), &Tracking::ListDueItems,
             request);
       }},
      {s + "GetDossier", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::GetDossierRequest request;
         request.set_method_id(MethodFor(caller, target));
         return Unary<v1::Dossier>(server, caller, server.Tracking(),
                                   &Tracking::GetDossier, request);
       }},
  };
}

// A batch that adds to what Seed stored rather than correcting it: a new
// patient and no group outcome (sending the seed's patient or value for
// the same data cut again needs a correction_reason).
v1::ResultsBatch NewBatch(const std::string& agreement_id) {
  const int number = Unique();
  v1::ResultsBatch batch =
      SampleBatch(agreement_id, absl::StrFormat("batch-%d", number));
  const std::string patient = absl::StrFormat("P-%d", number);
  for (v1::Dispensing& dispensing : *batch.mutable_dispensings()) {
    if (!dispensing.patient().empty()) dispensing.set_patient(patient);
  }
  for (v1::PatientRecord& record : *batch.mutable_patients()) {
    record.set_id(patient);
  }
  batch.clear_group_outcomes();
  return batch;
}

RpcResult Upload(SecureServer& server, Caller caller, Target target) {
  auto response = std::make_shared<v1::UploadResultsResponse>();
  auto stub = server.Agreements();
  auto context = server.Call(caller);
  auto writer = stub->UploadResults(context.get(), response.get());
  v1::UploadResultsRequest request;
  *request.mutable_batch() = NewBatch(AgreementFor(caller, target));
  writer->Write(request);
  writer->WritesDone();
  return {writer->Finish(), response};
}

std::vector<RpcCase> AgreementCases() {
  const std::string s = "/mea.v1.AgreementService/";
  return {
      {s + "CreateAgreement", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::CreateAgreementRequest request;
         *request.mutable_agreement() = SampleAgreement(
             absl::StrFormat("SI-NEW-%d", Unique()), kMethodA, kSupplierA);
         return Unary<v1::Agreement>(server, caller, server.Agreements(),
                                     &Agreements::CreateAgreement, request);
       }},
      {s + "GetAgreement", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::GetAgreementRequest request;
         request.set_id(AgreementFor(caller, target));
         return Unary<v1::Agreement>(server, caller, server.Agreements(),
                                     &Agreements::GetAgreement, request);
       }},
      {s + "ListAgreements", true,
       [](SecureServer& server, Caller caller, Target) {
         return Unary<v1::ListAgreementsResponse>(
             server, caller, server.Agreements(), &Agreements::ListAgreements,
             v1::ListAgreementsRequest());
       }},
      {s + "UpdateAgreement", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::UpdateAgreementRequest request;
         request.mutable_agreement()->set_id(kAgreementA);
         request.mutable_agreement()->set_title("Endret avtale");
         request.mutable_update_mask()->add_paths("title");
         return Unary<v1::Agreement>(server, caller, server.Agreements(),
                                     &Agreements::UpdateAgreement, request);
       }},
      {s + "UploadResults", false, Upload},
      {s + "SettleAgreement", false,
       [](SecureServer& server, Caller caller, Target) {
         v1::SettleAgreementRequest request;
         request.set_agreement_id(kAgreementA);
         *request.mutable_period() = Period("2026-01-01", "2026-02-28");
         request.set_as_of("2026-03-01");
         return Unary<v1::StoredSettlement>(server, caller, server.Agreements(),
                                            &Agreements::SettleAgreement,
                                            request);
       }},
      {s + "GetSettlement", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::GetSettlementRequest request;
         request.set_agreement_id(AgreementFor(caller, target));
         request.set_number(1);
         return Unary<v1::StoredSettlement>(server, caller, server.Agreements(),
                                            &Agreements::GetSettlement,
                                            request);
       }},
      {s + "ListSettlements", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::ListSettlementsRequest request;
         request.set_agreement_id(AgreementFor(caller, target));
         return Unary<v1::ListSettlementsResponse>(
             server, caller, server.Agreements(), &Agreements::ListSettlements,
             request);
       }},
      {s + "SimulateSettlement", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::SimulateSettlementRequest request;
         v1::StoredResultsDraft* draft = request.mutable_stored();
         draft->set_agreement_id(AgreementFor(caller, target));
         *draft->mutable_period() = Period("2025-01-01", "2025-12-31");
         draft->set_as_of("2026-02-01");
         return Unary<v1::SimulateSettlementResponse>(
             server, caller, server.Agreements(),
             &Agreements::SimulateSettlement, request);
       }},
      {s + "CompareDrafts", true,
       [](SecureServer& server, Caller caller, Target target) {
         v1::CompareDraftsRequest request;
         request.set_agreement_id(AgreementFor(caller, target));
         *request.mutable_period() = Period("2025-01-01", "2025-12-31");
         request.set_as_of("2026-02-01");
         *request.mutable_first() = Terms(AgreementFor(caller, target));
         *request.mutable_second() = Terms(AgreementFor(caller, target));
         request.mutable_second()->set_unit_price("40000.00");
         return Unary<v1::CompareDraftsResponse>(
             server, caller, server.Agreements(), &Agreements::CompareDrafts,
             request);
       }},
  };
}

RpcResult HealthCheck(SecureServer& server, Caller caller, Target) {
  grpc::GenericStub stub(server.Channel());
  auto context = server.Call(caller);
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(), "/grpc.health.v1.Health/Check",
                 grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return {done.get_future().get(), nullptr};
}

std::vector<RpcCase> BuildCases() {
  std::vector<RpcCase> cases = TrackingCases();
  for (RpcCase& entry : AgreementCases()) cases.push_back(std::move(entry));
  const std::string s = "/mea.v1.AuditService/";
  cases.push_back({s + "ListAuditEntries", true,
                   [](SecureServer& server, Caller caller, Target) {
                     return Unary<v1::ListAuditEntriesResponse>(
                         server, caller, server.Audit(),
                         &Audit::ListAuditEntries,
                         v1::ListAuditEntriesRequest());
                   }});
  cases.push_back({s + "VerifyAuditChain", true,
                   [](SecureServer& server, Caller caller, Target) {
                     return Unary<v1::VerifyAuditChainResponse>(
                         server, caller, server.Audit(),
                         &Audit::VerifyAuditChain,
                         v1::VerifyAuditChainRequest());
                   }});
  cases.push_back(
      // A backup changes no data: a read, as far as the audit goes.
      {"/mea.v1.AdminService/BackupDatabase", true,
       [](SecureServer& server, Caller caller, Target) {
         v1::BackupDatabaseRequest request;
         request.set_file_name(absl::StrFormat("backup-%d.db", Unique()));
         RpcResult result = Unary<v1::BackupDatabaseResponse>(
             server, caller, v1::AdminService::NewStub(server.Channel()),
             &v1::AdminService::Stub::BackupDatabase, request);
         result.changed_files = std::filesystem::exists(
             server.backups().File(request.file_name()));
         return result;
       }});
  cases.push_back({"/grpc.health.v1.Health/Check", true, HealthCheck});
  return cases;
}

}  // namespace

const std::vector<RpcCase>& AllRpcCases() {
  static const auto* cases = new std::vector<RpcCase>(BuildCases());
  return *cases;
}

const RpcCase& FindRpcCase(const std::string& rpc) {
  for (const RpcCase& entry : AllRpcCases()) {
    if (entry.rpc == rpc) return entry;
  }
  std::abort();
}

}  // namespace mea::testing
