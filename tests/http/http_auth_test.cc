// Authorization over HTTP is gRPC's: mead with a token file, the same calls
// by the same callers through both doors, and the same outcome each time
// (status mapped to HTTP, and for allowed calls the same, equally
// redacted, answer). The Authorization header travels as metadata.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "identity/principal.h"
#include "identity/token_file.h"
#include "services/http/errors.h"
#include "services/http/transcode.h"
#include "tests/http/http_fixture.h"

namespace mea::testing {
namespace {

using identity::Principal;
using identity::Role;

struct Caller {
  std::string name;
  // "" for no token at all (the public).
  std::string token;
};

std::string WriteTokens(TempDir& folder) {
  const std::string path = folder.File("tokens");
  std::ofstream file(path);
  auto line = [&](const std::string& token, Principal principal) {
    file << identity::FormatTokenLine(identity::HashToken(token),
                                            principal, std::nullopt)
         << "\n";
  };
  line("secretariat-token",
       {"Sekretær", "Sekretariatet for Nye metoder", Role::kSecretariat, ""});
  line("procurement-token",
       {"Innkjøper", "Sykehusinnkjøp HF", Role::kProcurement, ""});
  line("supplier-token", {"Leverandør", kSupplier, Role::kSupplier, ""});
  line("other-supplier-token",
       {"Annen", "Novartis Norge AS", Role::kSupplier, ""});
  line("registry-token", {"Register", kRegistry, Role::kRegistry, ""});
  return path;
}

httplib::Headers Bearer(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

// One call through both doors.
struct Call {
  std::string name;
  std::string http_method;
  std::string http_path;
  std::string http_body;
  // The same call over gRPC: returns its status and fills `answer`.
  std::function<grpc::Status(grpc::ClientContext*, std::string* answer)> grpc;
};

class HttpAuthTest : public ::testing::Test {
 protected:
  HttpAuthTest() : mead_(Options(folder_)) {}

  static HttpServer::Options Options(TempDir& folder) {
    HttpServer::Options options;
    options.tokens_path = WriteTokens(folder);
    return options;
  }

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        mead_.Seed(Bearer("secretariat-token"), Bearer("procurement-token")));
    channel_ = grpc::CreateChannel(mead_.grpc_address(),
                                   grpc::InsecureChannelCredentials());
  }

  template <typename Response>
  static grpc::Status Answer(grpc::Status status, const Response& response,
                             std::string* answer) {
    if (status.ok()) *answer = *services::http::MessageToJson(response);
    return status;
  }

  std::vector<Call> Calls() {
    auto tracking = v1::TrackingService::NewStub(channel_);
    auto agreements = v1::AgreementService::NewStub(channel_);
    std::shared_ptr<v1::TrackingService::Stub> t(std::move(tracking));
    std::shared_ptr<v1::AgreementService::Stub> a(std::move(agreements));
    return {
        {"GetAgreement", "GET", absl::StrCat("/v1/agreements/", kAgreementId),
         "",
         [a](grpc::ClientContext* call, std::string* answer) {
           v1::GetAgreementRequest request;
           request.set_id(kAgreementId);
           v1::Agreement response;
           return Answer(a->GetAgreement(call, request, &response), response,
                         answer);
         }},
        {"GetSettlement", "GET",
         absl::StrCat("/v1/agreements/", kAgreementId, "/settlements/1"), "",
         [a](grpc::ClientContext* call, std::string* answer) {
           v1::GetSettlementRequest request;
           request.set_agreement_id(kAgreementId);
           request.set_number(1);
           v1::StoredSettlement response;
           return Answer(a->GetSettlement(call, request, &response), response,
                         answer);
         }},
        {"ListDueItems", "GET",
         "/v1/dueItems?responsible_organisation=Bayer%20AS", "",
         [t](grpc::ClientContext* call, std::string* answer) {
           v1::ListDueItemsRequest request;
           request.set_responsible_organisation(kSupplier);
           v1::ListDueItemsResponse response;
           return Answer(t->ListDueItems(call, request, &response), response,
                         answer);
         }},
        {"GetDossier", "GET",
         absl::StrCat("/v1/methods/", kMethodId, "/dossier"), "",
         [t](grpc::ClientContext* call, std::string* answer) {
           v1::GetDossierRequest request;
           request.set_method_id(kMethodId);
           v1::Dossier response;
           return Answer(t->GetDossier(call, request, &response), response,
                         answer);
         }},
        // Invalid on purpose: who may create gets 400, others are refused
        // before validation.
        {"CreateMethod", "POST", "/v1/methods", R"({"id": "bad"})",
         [t](grpc::ClientContext* call, std::string* answer) {
           v1::CreateMethodRequest request;
           request.mutable_method()->set_id("bad");
           v1::Method response;
           return Answer(t->CreateMethod(call, request, &response), response,
                         answer);
         }},
    };
  }

  TempDir folder_;
  HttpServer mead_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(HttpAuthTest, EveryCallerGetsTheSameOutcomeThroughBothDoors) {
  const std::vector<Caller> callers = {
      {"public", ""},
      {"wrong token", "nobody-issued-this"},
      {"secretariat", "secretariat-token"},
      {"procurement", "procurement-token"},
      {"supplier", "supplier-token"},
      {"other supplier", "other-supplier-token"},
      {"registry", "registry-token"}};
  std::map<int, int> statuses_seen;
  for (const Call& call : Calls()) {
    for (const Caller& caller : callers) {
      grpc::ClientContext context;
      if (!caller.token.empty()) {
        context.AddMetadata("authorization", "Bearer " + caller.token);
      }
      std::string grpc_answer;
      grpc::Status status = call.grpc(&context, &grpc_answer);
      const int expected = services::http::HttpStatusFor(
          static_cast<absl::StatusCode>(status.error_code()));

      HttpAnswer http = mead_.Send(call.http_method, call.http_path,
                                   call.http_body, Bearer(caller.token));
      EXPECT_EQ(http.status, expected)
          << call.name << " by " << caller.name << ": gRPC "
          << status.error_code() << " " << status.error_message() << "\n"
          << http.body;
      ++statuses_seen[http.status];
      if (status.ok()) {
        EXPECT_EQ(http.body, grpc_answer) << call.name << " by " << caller.name;
      } else {
        EXPECT_EQ(ParseError(http.body).message, status.error_message())
            << call.name << " by " << caller.name;
      }
    }
  }
  // The matrix covers allowed, refused and unauthenticated calls.
  EXPECT_GT(statuses_seen[200], 0);
  EXPECT_GT(statuses_seen[401], 0);
  EXPECT_GT(statuses_seen[403], 0);
  EXPECT_GT(statuses_seen[400], 0);
}

TEST_F(HttpAuthTest, UnauthenticatedAnswersAskForABearerToken) {
  HttpAnswer answer = mead_.Get("/v1/dueItems", Bearer("nobody-issued-this"));
  ASSERT_EQ(answer.status, 401) << answer.body;
  EXPECT_EQ(answer.Header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(ParseError(answer.body).status, "UNAUTHENTICATED");
}

// The feeds and exports fetch through the same channel with the caller's
// token, so they are refused exactly when their RPC is.
TEST_F(HttpAuthTest, FeedsAndExportsAreAuthorizedLikeTheirRpcs) {
  const std::string settlement = absl::StrCat(
      "/v1/exports/agreements/", kAgreementId, "/settlements/1.csv");
  auto agreements = v1::AgreementService::NewStub(channel_);
  auto tracking = v1::TrackingService::NewStub(channel_);
  std::map<int, int> statuses_seen;
  for (const std::string& token :
       {std::string(""), std::string("nobody-issued-this"),
        std::string("secretariat-token"), std::string("procurement-token"),
        std::string("supplier-token"), std::string("other-supplier-token"),
        std::string("registry-token")}) {
    grpc::ClientContext get_call;
    if (!token.empty()) {
      get_call.AddMetadata("authorization", "Bearer " + token);
    }
    v1::GetSettlementRequest get;
    get.set_agreement_id(kAgreementId);
    get.set_number(1);
    v1::StoredSettlement stored;
    grpc::Status got = agreements->GetSettlement(&get_call, get, &stored);
    const int export_status = mead_.Get(settlement, Bearer(token)).status;
    EXPECT_EQ(export_status,
              services::http::HttpStatusFor(
                  static_cast<absl::StatusCode>(got.error_code())))
        << token;
    ++statuses_seen[export_status];

    grpc::ClientContext list_call;
    if (!token.empty()) {
      list_call.AddMetadata("authorization", "Bearer " + token);
    }
    v1::ListDueItemsRequest list;
    list.set_responsible_organisation(kRegistry);
    list.set_end_date("2029-03-02");
    v1::ListDueItemsResponse due;
    grpc::Status listed = tracking->ListDueItems(&list_call, list, &due);
    const int feed_status =
        mead_
            .Get("/v1/calendar/organisations/Kreftregisteret.ics",
                 Bearer(token))
            .status;
    EXPECT_EQ(feed_status,
              services::http::HttpStatusFor(
                  static_cast<absl::StatusCode>(listed.error_code())))
        << token;
    ++statuses_seen[feed_status];
  }
  EXPECT_GT(statuses_seen[200], 0);
  EXPECT_GT(statuses_seen[401], 0);
  EXPECT_GT(statuses_seen[403], 0);
}

// Calendar clients subscribe to a URL and send no header: the feeds take
// the token as access_token (RFC 6750, 2.3), with the same outcome as the
// header, and only the feeds do.
TEST_F(HttpAuthTest, CalendarFeedsTakeTheTokenFromTheUrl) {
  const std::string feed = "/v1/calendar/organisations/Kreftregisteret.ics";
  for (const std::string& token :
       {std::string("nobody-issued-this"), std::string("secretariat-token"),
        std::string("supplier-token"), std::string("registry-token")}) {
    const HttpAnswer by_header = mead_.Get(feed, Bearer(token));
    const HttpAnswer by_url = mead_.Get(feed + "?access_token=" + token, {});
    EXPECT_EQ(by_url.status, by_header.status) << token << by_url.body;
    if (by_url.status == 200) {
      EXPECT_EQ(by_url.body, by_header.body);
      EXPECT_EQ(by_url.Header("Cache-Control"), "private, no-cache");
    }
  }
  EXPECT_EQ(mead_.Get(feed + "?access_token=registry-token", {}).status, 200);
  EXPECT_EQ(mead_.Get(feed + "?access_token=nobody-issued-this", {}).status,
            401);

  // One way at a time.
  const HttpAnswer both = mead_.Get(feed + "?access_token=registry-token",
                                    Bearer("registry-token"));
  EXPECT_EQ(both.status, 400) << both.body;
  EXPECT_NE(both.body.find("access_token"), std::string::npos);

  // Elsewhere a token in the URL is no token: the API asks for the header.
  const HttpAnswer api =
      mead_.Get("/v1/dueItems?access_token=secretariat-token", {});
  EXPECT_NE(api.status, 200) << api.body;
}

TEST_F(HttpAuthTest, AHeaderThatCannotTravelAsMetadataIs400) {
  HttpAnswer answer =
      mead_.Get("/v1/dueItems", {{"Authorization", "Bearer tøken"}});
  EXPECT_EQ(answer.status, 400) << answer.body;
}

}  // namespace
}  // namespace mea::testing
