// Who sees what of an agreement before any figure is redacted, over a real
// server with one token per role (docs/security.md, "Draft agreements" and
// "The dossier"):
// - a DRAFT agreement is seen by procurement and the supplier named on it,
//   and by nobody else anywhere: not in GetAgreement, ListAgreements, the
//   dossier, due items, settlements, simulations, comparisons or uploads;
//   a caller who may not see it gets the answer for a missing agreement;
// - every role sees at least what the public sees of a case: the dossier
//   is open to all and holds what the caller may see through the other
//   RPCs.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "services/auth/policy.h"
#include "tests/auth/secure_server.h"

namespace mea::testing {
namespace {

constexpr char kDraft[] = "SI-UTKAST-A";
constexpr char kMissing[] = "SI-FINNES-IKKE";
constexpr char kDraftTitle[] = "utkast til ny avtale";

// Every caller with a policy column.
constexpr Caller kCallers[] = {Caller::kSecretariat,   Caller::kProcurement,
                               Caller::kForumMember,   Caller::kSupplier,
                               Caller::kOtherSupplier, Caller::kRegistry,
                               Caller::kPublic};

identity::Role RoleOf(Caller caller) {
  using identity::Role;
  switch (caller) {
    case Caller::kSecretariat:
      return Role::kSecretariat;
    case Caller::kProcurement:
      return Role::kProcurement;
    case Caller::kForumMember:
      return Role::kForumMember;
    case Caller::kSupplier:
    case Caller::kOtherSupplier:
      return Role::kSupplier;
    case Caller::kRegistry:
      return Role::kRegistry;
    default:
      return Role::kPublic;
  }
}

// Only procurement and the draft's own supplier (A) know of it.
bool SeesDraft(Caller caller) {
  return caller == Caller::kProcurement || caller == Caller::kSupplier;
}

class DraftVisibilityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new SecureServer(SecureServer::Options{.tls = false});
    server_->Seed();
    // A draft of supplier A on method A, with results and a settlement
    // whose outcome trigger (orr 0.35 < 0.40) would be a due item.
    auto agreements = server_->Agreements();
    v1::CreateAgreementRequest create;
    *create.mutable_agreement() = SampleAgreement(kDraft, kMethodA, kSupplierA);
    create.mutable_agreement()->set_state(v1::Agreement::DRAFT);
    create.mutable_agreement()->set_title(kDraftTitle);
    v1::Agreement created;
    ASSERT_TRUE(agreements
                    ->CreateAgreement(server_->Call(Caller::kProcurement).get(),
                                      create, &created)
                    .ok());
    v1::UploadResultsResponse receipts;
    auto call = server_->Call(Caller::kProcurement);
    auto writer = agreements->UploadResults(call.get(), &receipts);
    v1::UploadResultsRequest upload;
    *upload.mutable_batch() = SampleBatch(kDraft, "utkast");
    writer->Write(upload);
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    v1::SettleAgreementRequest settle;
    settle.set_agreement_id(kDraft);
    settle.mutable_period()->set_start("2025-01-01");
    settle.mutable_period()->set_end("2025-12-31");
    settle.set_as_of("2026-02-01");
    v1::StoredSettlement stored;
    grpc::Status settled = agreements->SettleAgreement(
        server_->Call(Caller::kProcurement).get(), settle, &stored);
    ASSERT_TRUE(settled.ok()) << settled.error_message();
    ASSERT_GT(stored.settlement().triggers_size(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // `status` must be exactly what the same call says of an agreement that
  // does not exist (`missing`), the ids aside.
  static void ExpectSameAsMissing(const grpc::Status& status,
                                  const grpc::Status& missing) {
    EXPECT_EQ(status.error_code(), missing.error_code())
        << status.error_message();
    EXPECT_NE(missing.error_code(), grpc::StatusCode::OK);
    EXPECT_EQ(absl::StrReplaceAll(status.error_message(), {{kDraft, "ID"}}),
              absl::StrReplaceAll(missing.error_message(), {{kMissing, "ID"}}));
  }

  static SecureServer* server_;
};

SecureServer* DraftVisibilityTest::server_ = nullptr;

TEST_F(DraftVisibilityTest, GetAgreementAnswersAsForAMissingOneToOutsiders) {
  auto stub = server_->Agreements();
  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    v1::GetAgreementRequest request;
    request.set_id(kDraft);
    v1::Agreement draft;
    grpc::Status status =
        stub->GetAgreement(server_->Call(caller).get(), request, &draft);
    if (SeesDraft(caller)) {
      ASSERT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(draft.state(), v1::Agreement::DRAFT);
      EXPECT_EQ(draft.title(), kDraftTitle);
      continue;
    }
    request.set_id(kMissing);
    v1::Agreement none;
    grpc::Status missing =
        stub->GetAgreement(server_->Call(caller).get(), request, &none);
    ExpectSameAsMissing(status, missing);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(draft.ByteSizeLong(), 0u);
  }
}

TEST_F(DraftVisibilityTest, ListAgreementsLeavesTheDraftOutForOutsiders) {
  auto stub = server_->Agreements();
  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    for (v1::Agreement::State state :
         {v1::Agreement::STATE_UNSPECIFIED, v1::Agreement::DRAFT}) {
      v1::ListAgreementsRequest request;
      request.set_state(state);
      v1::ListAgreementsResponse response;
      grpc::Status status =
          stub->ListAgreements(server_->Call(caller).get(), request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      bool listed = false;
      for (const v1::Agreement& agreement : response.agreements()) {
        listed = listed || agreement.id() == kDraft;
      }
      EXPECT_EQ(listed, SeesDraft(caller));
      // The seeded active agreements stay public.
      if (state == v1::Agreement::STATE_UNSPECIFIED) {
        EXPECT_GE(response.agreements_size(), 2);
      }
    }
  }
}

TEST_F(DraftVisibilityTest, TheDossierShowsOutsidersNothingOfTheDraft) {
  auto stub = server_->Tracking();
  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    v1::GetDossierRequest request;
    request.set_method_id(kMethodA);
    v1::Dossier dossier;
    grpc::Status status =
        stub->GetDossier(server_->Call(caller).get(), request, &dossier);
    ASSERT_TRUE(status.ok()) << status.error_message();
    bool summary = false;
    for (const v1::AgreementSummary& agreement : dossier.agreements()) {
      summary = summary || agreement.agreement_id() == kDraft;
      EXPECT_EQ(agreement.title() == kDraftTitle,
                agreement.agreement_id() == kDraft);
    }
    EXPECT_EQ(summary, SeesDraft(caller));
    for (const v1::DueItem& item : dossier.due_items()) {
      if (!SeesDraft(caller)) EXPECT_NE(item.agreement_id(), kDraft);
    }
  }
  // Procurement sees the draft's outcome trigger among the case's items.
  v1::GetDossierRequest request;
  request.set_method_id(kMethodA);
  v1::Dossier full;
  ASSERT_TRUE(stub->GetDossier(server_->Call(Caller::kProcurement).get(),
                               request, &full)
                  .ok());
  bool trigger = false;
  for (const v1::DueItem& item : full.due_items()) {
    trigger = trigger || item.agreement_id() == kDraft;
  }
  EXPECT_TRUE(trigger);
}

// Due items feed the due board, the calendar feeds and the exports.
TEST_F(DraftVisibilityTest, DueItemsOfADraftReachOnlyThoseWhoSeeIt) {
  auto stub = server_->Tracking();
  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    v1::ListDueItemsRequest request;
    request.set_end_date("2030-12-31");
    v1::ListDueItemsResponse response;
    grpc::Status status =
        stub->ListDueItems(server_->Call(caller).get(), request, &response);
    if (caller == Caller::kPublic) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
      continue;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    int of_draft = 0;
    int of_active = 0;
    for (const v1::DueItem& item : response.items()) {
      of_draft += item.agreement_id() == kDraft;
      of_active += item.agreement_id() == kAgreementA;
    }
    // The trigger is owed by the secretariat, which may not see the draft;
    // a supplier's list holds only what its own organisation owes.
    EXPECT_EQ(of_draft > 0, caller == Caller::kProcurement);
    if (caller == Caller::kSecretariat || caller == Caller::kForumMember) {
      EXPECT_GT(of_active, 0) << "active agreements' items stay";
    }
  }
}

TEST_F(DraftVisibilityTest, SettlementsOfADraftAnswerAsForAMissingAgreement) {
  auto stub = server_->Agreements();
  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    auto get = [&](const std::string& id) {
      v1::GetSettlementRequest request;
      request.set_agreement_id(id);
      request.set_number(1);
      v1::StoredSettlement response;
      return stub->GetSettlement(server_->Call(caller).get(), request,
                                 &response);
    };
    auto list = [&](const std::string& id) {
      v1::ListSettlementsRequest request;
      request.set_agreement_id(id);
      v1::ListSettlementsResponse response;
      return stub->ListSettlements(server_->Call(caller).get(), request,
                                   &response);
    };
    if (SeesDraft(caller)) {
      EXPECT_TRUE(get(kDraft).ok()) << get(kDraft).error_message();
      EXPECT_TRUE(list(kDraft).ok()) << list(kDraft).error_message();
      continue;
    }
    ExpectSameAsMissing(get(kDraft), get(kMissing));
    ExpectSameAsMissing(list(kDraft), list(kMissing));
  }
}

TEST_F(DraftVisibilityTest, SimulationsOnADraftAnswerAsForAMissingAgreement) {
  for (const char* rpc : {"/mea.v1.AgreementService/SimulateSettlement",
                          "/mea.v1.AgreementService/CompareDrafts",
                          "/mea.v1.AgreementService/UploadResults"}) {
    SCOPED_TRACE(rpc);
    for (Caller caller : kCallers) {
      SCOPED_TRACE(CallerName(caller));
      auto agreements = server_->Agreements();
      auto call = [&](const std::string& id) -> grpc::Status {
        const std::string name = rpc;
        if (absl::EndsWith(name, "SimulateSettlement")) {
          v1::SimulateSettlementRequest request;
          request.mutable_stored()->set_agreement_id(id);
          request.mutable_stored()->mutable_period()->set_start("2025-01-01");
          request.mutable_stored()->mutable_period()->set_end("2025-12-31");
          request.mutable_stored()->set_as_of("2026-02-01");
          v1::SimulateSettlementResponse response;
          return agreements->SimulateSettlement(server_->Call(caller).get(),
                                                request, &response);
        }
        if (absl::EndsWith(name, "CompareDrafts")) {
          v1::CompareDraftsRequest request;
          request.set_agreement_id(id);
          request.mutable_period()->set_start("2025-01-01");
          request.mutable_period()->set_end("2025-12-31");
          request.set_as_of("2026-02-01");
          v1::Agreement terms = SampleAgreement(id, kMethodA, kSupplierA);
          for (v1::AgreementTerms* draft :
               {request.mutable_first(), request.mutable_second()}) {
            draft->set_id(id);
            draft->set_method_id(kMethodA);
            draft->set_unit_price(terms.unit_price());
            *draft->mutable_clauses() = terms.clauses();
          }
          v1::CompareDraftsResponse response;
          return agreements->CompareDrafts(server_->Call(caller).get(), request,
                                           &response);
        }
        v1::UploadResultsResponse response;
        auto context = server_->Call(caller);
        auto writer = agreements->UploadResults(context.get(), &response);
        v1::UploadResultsRequest request;
        static int batch = 0;
        *request.mutable_batch() =
            SampleBatch(id, "visibility-" + std::to_string(++batch));
        // P1 and the orr outcome are stored already; sending them again
        // would be a correction. New dispensings are new data.
        request.mutable_batch()->clear_patients();
        request.mutable_batch()->clear_group_outcomes();
        writer->Write(request);
        writer->WritesDone();
        return writer->Finish();
      };
      grpc::Status on_draft = call(kDraft);
      grpc::Status on_missing = call(kMissing);
      const bool role_allowed =
          services::auth::DecideAccess(rpc, RoleOf(caller)) !=
          services::auth::Access::kDeny;
      if (SeesDraft(caller) && role_allowed) {
        EXPECT_TRUE(on_draft.ok()) << on_draft.error_message();
      } else {
        ExpectSameAsMissing(on_draft, on_missing);
      }
    }
  }
}

// A caller of any role sees at least what the public sees of a case: the
// dossier of another supplier's case is not refused, and holds the
// method, decisions and agreement summaries; due items only as far as the
// caller may list them.
TEST(DossierScopeTest, EveryRoleSeesAtLeastThePublicDossier) {
  SecureServer server(SecureServer::Options{.tls = false});
  server.Seed();
  auto stub = server.Tracking();
  auto dossier_of = [&](Caller caller, const std::string& method) {
    v1::GetDossierRequest request;
    request.set_method_id(method);
    v1::Dossier dossier;
    grpc::Status status =
        stub->GetDossier(server.Call(caller).get(), request, &dossier);
    EXPECT_TRUE(status.ok())
        << CallerName(caller) << ": " << status.error_message();
    return dossier;
  };
  const v1::Dossier public_view = dossier_of(Caller::kPublic, kMethodA);
  ASSERT_EQ(public_view.method().id(), kMethodA);
  ASSERT_GT(public_view.decisions_size(), 0);
  ASSERT_EQ(public_view.agreements_size(), 1);
  EXPECT_EQ(public_view.due_items_size(), 0) << "the public lists no due items";
  EXPECT_EQ(public_view.overdue_count(), 0);

  for (Caller caller : kCallers) {
    SCOPED_TRACE(CallerName(caller));
    const v1::Dossier seen = dossier_of(caller, kMethodA);
    EXPECT_EQ(seen.method().DebugString(), public_view.method().DebugString());
    EXPECT_EQ(seen.decisions_size(), public_view.decisions_size());
    EXPECT_EQ(seen.agreements_size(), public_view.agreements_size());
    std::set<std::string> owers;
    for (const v1::DueItem& item : seen.due_items()) {
      owers.insert(item.responsible_organisation());
    }
    switch (caller) {
      case Caller::kOtherSupplier:
        // Supplier B owes nothing on method A.
        EXPECT_TRUE(owers.empty());
        break;
      case Caller::kRegistry:
        EXPECT_EQ(owers, std::set<std::string>{kRegistryOrganisation});
        break;
      case Caller::kPublic:
        EXPECT_TRUE(owers.empty());
        break;
      default:
        // The method's own supplier and the roles that list every item:
        // the whole case, the registry's and the supplier's obligations.
        EXPECT_TRUE(owers.count(kRegistryOrganisation));
        EXPECT_TRUE(owers.count(kSupplierA));
    }
  }
}

}  // namespace
}  // namespace mea::testing
