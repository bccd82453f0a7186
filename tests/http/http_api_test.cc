// The HTTP/JSON door against a real mead: every route, the JSON shapes,
// and errors as HTTP statuses with the field violations in the body, equal
// to what the same request gets over gRPC.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "tests/http/http_fixture.h"

namespace mea::testing {
namespace {

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(mead_.Seed()); }

  std::string Agreement(const std::string& rest = "") {
    return absl::StrCat("/v1/agreements/", kAgreementId, rest);
  }

  HttpServer mead_;
};

struct Step {
  std::string method;
  std::string path;
  std::string body;
  // Text the answer must contain.
  std::string expect;
};

// Every route of both services once, in an order that makes each call
// valid (Seed() has already used the create, upload and settle routes; they
// are called again here with new data).
TEST_F(HttpApiTest, EveryRouteAnswersWithItsResponseAsJson) {
  const std::string decision = absl::StrCat(mead_.decision_id());
  const std::string obligation = absl::StrCat(mead_.registry_obligation_id());
  const std::string supplier_obligation =
      absl::StrCat(mead_.supplier_obligation_id());
  const std::vector<Step> steps = {
      {"POST", "/v1/methods", MethodJson("ID2025_018"), "\"ID2025_018\""},
      {"GET", "/v1/methods/ID2025_018", "", "Vitrakvi"},
      {"GET", "/v1/methods?status=INTRODUCED_TEMPORARILY", "",
       absl::StrCat("\"", kMethodId, "\"")},
      {"PATCH", "/v1/methods/ID2025_018?update_mask=title",
       R"({"title": "Ny tittel", "supplier": "ignored"})", "Ny tittel"},
      {"POST", "/v1/decisions",
       R"({"method_id": "ID2025_018", "decision_date": "2026-02-01",
           "body": "BESLUTNINGSFORUM", "introduction_type": "INTRODUCED",
           "conditions": "Innføres."})",
       "\"INTRODUCED\""},
      {"GET", "/v1/decisions/" + decision, "", "INTRODUCED_TEMPORARILY"},
      {"GET", absl::StrCat("/v1/decisions?method_id=", kMethodId), "",
       "\"decisions\""},
      {"POST", "/v1/dataObligations/" + obligation + ":deliver",
       R"({"delivered_date": "2026-03-01", "delivery_reference": "KR-1"})",
       "\"DELIVERED\""},
      {"POST", "/v1/dataObligations/" + supplier_obligation + ":waive",
       R"({"reason": "Studien ble avsluttet"})", "\"WAIVED\""},
      {"POST", "/v1/decisions/" + decision + "/reassessment:start", "",
       "\"UNDER_ASSESSMENT\""},
      {"POST", "/v1/decisions/" + decision + "/reassessment:complete",
       R"({"outcome": "EXTENSION", "new_deadline": "2028-12-31",
           "reason": "Mer data trengs", "completed_date": "2026-03-02"})",
       "2028-12-31"},
      {"GET",
       "/v1/dueItems?kinds=AGREEMENT_EXPIRY&kinds=OUTCOME_TRIGGER&end_date="
       "2030-01-01",
       "", "\"AGREEMENT_EXPIRY\""},
      {"GET", absl::StrCat("/v1/methods/", kMethodId, "/dossier"), "",
       "\"decisions\""},
      {"POST", "/v1/agreements",
       AgreementJson("SI-2025-0043", kMethodId, mead_.today()),
       "\"SI-2025-0043\""},
      {"GET", Agreement(), "", "\"unit_price\":\"45210.50\""},
      {"GET", "/v1/agreements?supplier=Bayer%20AS&state=ACTIVE", "",
       "SI-2025-0043"},
      {"PATCH", Agreement("?update_mask=title"),
       R"({"title": "Endret tittel"})", "Endret tittel"},
      {"POST", "/v1/agreements/SI-2025-0043/results:upload",
       BatchJson("batch-9"), "\"batch-9\""},
      {"POST", Agreement(":settle"),
       R"({"period": {"start": "2025-01-01", "end": "2025-06-30"},
           "as_of": "2026-02-01"})",
       "\"number\":\"2\""},
      {"GET", Agreement("/settlements/1"), "", "\"net_cost\""},
      {"GET", Agreement("/settlements?page_size=1"), "", "\"settlements\""},
      {"POST", "/v1/settlements:simulate",
       absl::StrCat(R"({"stored": {"agreement_id": ")", kAgreementId,
                    R"(", "period": {"start": "2025-01-01",
                    "end": "2025-12-31"}, "as_of": "2026-02-01"}})"),
       "\"total_refund\":\"27691.44\""},
      {"POST", "/v1/settlements:compare",
       absl::StrCat(R"({"agreement_id": ")", kAgreementId, R"(",
         "period": {"start": "2025-01-01", "end": "2025-12-31"},
         "as_of": "2026-02-01",
         "first": {"id": "A", "method_id": ")",
                    kMethodId, R"(",
                   "unit_price": "45210.50",
                   "clauses": [{"flat_discount": {"percent": "7.25"}}]},
         "second": {"id": "B", "method_id": ")",
                    kMethodId, R"(",
                    "unit_price": "45210.50",
                    "clauses": [{"flat_discount": {"percent": "10"}}]}})"),
       "\"total_refund_difference\""},
  };
  for (const Step& step : steps) {
    HttpAnswer answer = mead_.Send(step.method, step.path, step.body);
    EXPECT_EQ(answer.status, 200) << step.method << " " << step.path << "\n"
                                  << answer.body;
    EXPECT_TRUE(absl::StrContains(answer.body, step.expect))
        << step.method << " " << step.path << " lacks " << step.expect << "\n"
        << answer.body;
    EXPECT_EQ(answer.Header("Content-Type"), "application/json; charset=utf-8");
  }
}

TEST_F(HttpApiTest, JsonUsesProtoNamesPrintsZerosAndInt64AsStrings) {
  HttpAnswer answer =
      mead_.Get(absl::StrCat("/v1/decisions/", mead_.decision_id()));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_TRUE(
      absl::StrContains(answer.body, "\"superseded_by_decision_id\":\"0\""))
      << answer.body;
  EXPECT_TRUE(absl::StrContains(answer.body, "\"follow_up\"")) << answer.body;
  EXPECT_TRUE(absl::StrContains(
      answer.body, absl::StrCat("\"id\":\"", mead_.decision_id(), "\"")));
  EXPECT_EQ(answer.Header("Cache-Control"), "no-store");
}

TEST_F(HttpApiTest, SettlementFiguresOverHttpAreTheStoredOnes) {
  HttpAnswer answer = mead_.Get(Agreement("/settlements/1"));
  ASSERT_EQ(answer.status, 200) << answer.body;
  v1::StoredSettlement stored;
  ParseInto(answer.body, &stored);
  EXPECT_EQ(stored.settlement().units(), 5);
  EXPECT_EQ(stored.settlement().gross_cost(), "226052.50");
  EXPECT_EQ(stored.settlement().total_refund(), "27691.44");
  EXPECT_EQ(stored.settlement().net_cost(), "198361.06");
  ASSERT_EQ(stored.settlement().triggers_size(), 1);
  EXPECT_EQ(stored.settlement().triggers(0).kind(), "OUTCOME_NOT_MET");
}

// The same invalid request over gRPC and over HTTP: INVALID_ARGUMENT with
// the same field paths, as 400 with a BadRequest in the JSON body.
TEST_F(HttpApiTest, InvalidRequestIs400WithTheSameViolationsAsGrpc) {
  std::string json = TemporaryDecisionJson(kMethodId, mead_.today());
  json.replace(json.find("\"due_date\": \"") + 13, 10, "2026-02-30");
  json.replace(json.find("\"PROPORTION\""), 12, "\"NO_SUCH_KIND\"");
  HttpAnswer bad_enum = mead_.Post("/v1/decisions", json);
  EXPECT_EQ(bad_enum.status, 400);
  EXPECT_EQ(ParseError(bad_enum.body).status, "INVALID_ARGUMENT");

  json.replace(json.find("\"NO_SUCH_KIND\""), 14, "\"PROPORTION\"");
  HttpAnswer answer = mead_.Post("/v1/decisions", json);
  ASSERT_EQ(answer.status, 400) << answer.body;
  ErrorBody error = ParseError(answer.body);
  EXPECT_EQ(error.code, 400);
  EXPECT_EQ(error.status, "INVALID_ARGUMENT");
  EXPECT_TRUE(
      error.HasViolation("decision.follow_up.data_obligations[0].due_date"))
      << answer.body;

  v1::CreateDecisionRequest request;
  ParseInto(json, request.mutable_decision());
  auto channel = grpc::CreateChannel(mead_.grpc_address(),
                                     grpc::InsecureChannelCredentials());
  grpc::ClientContext call;
  v1::Decision ignored;
  grpc::Status status = v1::TrackingService::NewStub(channel)->CreateDecision(
      &call, request, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::pair<std::string, std::string>> grpc_violations;
  for (const auto& violation :
       ViolationsOf(FromGrpcStatus(status))) {
    grpc_violations.emplace_back(violation.field, violation.description);
  }
  EXPECT_EQ(error.violations, grpc_violations);
  EXPECT_EQ(error.message, status.error_message());
}

TEST_F(HttpApiTest, StatusCodesFollowTheGrpcCodes) {
  HttpAnswer missing = mead_.Get("/v1/methods/ID2099_999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ParseError(missing.body).status, "NOT_FOUND");

  HttpAnswer duplicate = mead_.Post("/v1/methods", MethodJson(kMethodId));
  EXPECT_EQ(duplicate.status, 409) << duplicate.body;
  EXPECT_EQ(ParseError(duplicate.body).status, "ALREADY_EXISTS");

  const std::string deliver = absl::StrCat(
      "/v1/dataObligations/", mead_.registry_obligation_id(), ":deliver");
  const std::string body =
      R"({"delivered_date": "2026-03-01", "delivery_reference": "KR-1"})";
  HttpAnswer delivered = mead_.Post(deliver, body);
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  HttpAnswer again = mead_.Post(deliver, body);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(ParseError(again.body).status, "FAILED_PRECONDITION");
}

TEST_F(HttpApiTest, TranscodingErrorsAre400WithTheOffendingField) {
  HttpAnswer unknown = mead_.Get("/v1/methods?colour=red&page_size=ten");
  ASSERT_EQ(unknown.status, 400);
  ErrorBody error = ParseError(unknown.body);
  EXPECT_TRUE(error.HasViolation("colour"));
  EXPECT_TRUE(error.HasViolation("page_size"));

  HttpAnswer bad_json = mead_.Post("/v1/methods", "{\"id\": ");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_TRUE(ParseError(bad_json.body).HasViolation("method"));

  HttpAnswer bad_id = mead_.Get("/v1/decisions/abc");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_TRUE(ParseError(bad_id.body).HasViolation("id"));
}

TEST_F(HttpApiTest, QueryComesFromTheUrlOnlyAndPlusIsASpace) {
  HttpAnswer plus = mead_.Get("/v1/agreements?supplier=Bayer+AS");
  ASSERT_EQ(plus.status, 200) << plus.body;
  EXPECT_TRUE(absl::StrContains(plus.body, kAgreementId)) << plus.body;

  // A body labelled as a form (curl -d without a Content-Type) is refused
  // (415, services/http/door.h), never read as query parameters.
  httplib::Client client("127.0.0.1", mead_.http_port());
  auto form = client.Post("/v1/methods", MethodJson("ID2025_019"),
                          "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415) << form->body;
  EXPECT_EQ(mead_.Get("/v1/methods/ID2025_019").status, 404);

  HttpAnswer malformed = mead_.Get("/v1/methods?status=%zz");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
}

TEST_F(HttpApiTest, UnknownRoutesAre404AndOtherMethods405) {
  HttpAnswer nothing = mead_.Get("/v1/nothing");
  EXPECT_EQ(nothing.status, 404);
  EXPECT_EQ(ParseError(nothing.body).status, "NOT_FOUND");

  HttpAnswer wrong = mead_.Send("DELETE", "/v1/methods/ID2025_017");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("Allow"), "GET, PATCH");
  EXPECT_EQ(ParseError(wrong.body).code, 405);
}

TEST_F(HttpApiTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const std::string& path :
       {std::string("/v1/methods"), std::string("/v1/nothing"),
        std::string("/")}) {
    HttpAnswer answer = mead_.Get(path);
    EXPECT_EQ(answer.Header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_TRUE(absl::StartsWith(answer.Header("Content-Security-Policy"),
                                 "default-src 'self'"))
        << path;
    EXPECT_EQ(answer.Header("X-Frame-Options"), "DENY") << path;
  }
}

}  // namespace
}  // namespace mea::testing
