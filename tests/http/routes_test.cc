// The route table read from the protos' google.api.http annotations, and
// the transcoding of path, query and body into request messages.
#include <gtest/gtest.h>

#include <set>

#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"
#include "common/field_violations.h"
#include "services/http/routes.h"
#include "services/http/transcode.h"

namespace mea::services::http {
namespace {

std::vector<const google::protobuf::ServiceDescriptor*> Services() {
  return {
      v1::Method::descriptor()->file()->FindServiceByName("TrackingService"),
      v1::Agreement::descriptor()->file()->FindServiceByName(
          "AgreementService")};
}

const RouteTable& Routes() {
  static const RouteTable* const routes = [] {
    absl::StatusOr<RouteTable> built = RouteTable::Build(Services());
    EXPECT_TRUE(built.ok()) << built.status();
    return new RouteTable(*std::move(built));
  }();
  return *routes;
}

std::string MethodAt(const std::string& verb, const std::string& path) {
  RouteTable::Found found = Routes().Find(verb, path);
  return found.route == nullptr ? "" : found.route->method->name();
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation : ViolationsOf(status)) {
    fields.push_back(violation.field);
  }
  return fields;
}

const HttpRoute& RouteOf(const std::string& verb, const std::string& path) {
  RouteTable::Found found = Routes().Find(verb, path);
  EXPECT_NE(found.route, nullptr) << verb << " " << path;
  return *found.route;
}

TEST(RouteTableTest, EveryRpcOfBothServicesHasExactlyOneRoute) {
  std::set<std::string> routed;
  for (const HttpRoute& route : Routes().routes()) {
    EXPECT_TRUE(routed.insert(route.grpc_path).second) << route.grpc_path;
  }
  size_t methods = 0;
  for (const auto* service : Services()) {
    for (int i = 0; i < service->method_count(); ++i, ++methods) {
      const std::string path =
          "/" + service->full_name() + "/" + service->method(i)->name();
      EXPECT_TRUE(routed.count(path)) << path << " has no HTTP route";
    }
  }
  EXPECT_EQ(methods, 23u);
  EXPECT_EQ(Routes().routes().size(), methods);
}

TEST(RouteTableTest, MatchesVerbsLiteralsAndVariables) {
  EXPECT_EQ(MethodAt("GET", "/v1/methods"), "ListMethods");
  EXPECT_EQ(MethodAt("POST", "/v1/methods"), "CreateMethod");
  EXPECT_EQ(MethodAt("GET", "/v1/methods/ID2021_045"), "GetMethod");
  EXPECT_EQ(MethodAt("GET", "/v1/methods/ID2021_045/dossier"), "GetDossier");
  EXPECT_EQ(MethodAt("PATCH", "/v1/methods/ID2021_045"), "UpdateMethod");
  EXPECT_EQ(MethodAt("POST", "/v1/dataObligations/7:deliver"),
            "DeliverDataObligation");
  EXPECT_EQ(MethodAt("POST", "/v1/dataObligations/7:waive"),
            "WaiveDataObligation");
  EXPECT_EQ(MethodAt("POST", "/v1/dataObligations/7:explode"), "");
  EXPECT_EQ(MethodAt("POST", "/v1/decisions/3/reassessment:start"),
            "StartReassessment");
  EXPECT_EQ(MethodAt("POST", "/v1/agreements/SI-1:settle"), "SettleAgreement");
  EXPECT_EQ(MethodAt("POST", "/v1/agreements/SI-1/results:upload"),
            "UploadResults");
  EXPECT_EQ(MethodAt("GET", "/v1/agreements/SI-1/settlements/2"),
            "GetSettlement");
  EXPECT_EQ(MethodAt("POST", "/v1/settlements:simulate"), "SimulateSettlement");
  EXPECT_EQ(MethodAt("POST", "/v1/settlements:compare"), "CompareDrafts");
  EXPECT_EQ(MethodAt("GET", "/v1/methods/"), "");
  EXPECT_EQ(MethodAt("GET", "/v1/nothing"), "");
}

TEST(RouteTableTest, DecodesVariablesAndBindsNestedFields) {
  RouteTable::Found found =
      Routes().Find("POST", "/v1/agreements/SI%2D2025_1/results:upload");
  ASSERT_NE(found.route, nullptr);
  ASSERT_EQ(found.bindings.size(), 1u);
  EXPECT_EQ(found.bindings[0].first, "batch.agreement_id");
  EXPECT_EQ(found.bindings[0].second, "SI-2025_1");
  EXPECT_EQ(Routes().Find("GET", "/v1/methods/bad%zz").route, nullptr);
}

TEST(RouteTableTest, KnownPathWithOtherMethodIsNotAllowedRatherThanMissing) {
  RouteTable::Found found = Routes().Find("DELETE", "/v1/methods/ID2021_045");
  EXPECT_EQ(found.route, nullptr);
  EXPECT_TRUE(found.path_known);
  EXPECT_EQ(found.allowed_methods, "GET, PATCH");
  EXPECT_FALSE(Routes().Find("DELETE", "/v1/elsewhere").path_known);
}

TEST(PathTemplateTest, RejectsWhatTheGatewayDoesNotSupport) {
  EXPECT_FALSE(PathTemplate::Parse("v1/methods").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{name=**}").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/*").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1//x").ok());
  EXPECT_TRUE(PathTemplate::Parse("/v1/{name=*}:go").ok());
}

TEST(TranscodeTest, QueryParametersSetScalarsEnumsAndRepeatedFields) {
  v1::ListDueItemsRequest request;
  absl::Status built =
      BuildRequestMessage(RouteOf("GET", "/v1/dueItems"), {},
                          {{"kinds", "REASSESSMENT"},
                           {"kinds", "DATA_OBLIGATION"},
                           {"pageSize", "25"},
                           {"responsible_organisation", "Bayer AS"},
                           {"end_date", "2026-12-31"}},
                          "", &request);
  ASSERT_TRUE(built.ok()) << built;
  ASSERT_EQ(request.kinds_size(), 2);
  EXPECT_EQ(request.kinds(0), v1::DueItem::REASSESSMENT);
  EXPECT_EQ(request.kinds(1), v1::DueItem::DATA_OBLIGATION);
  EXPECT_EQ(request.page_size(), 25);
  EXPECT_EQ(request.responsible_organisation(), "Bayer AS");
  EXPECT_EQ(request.end_date(), "2026-12-31");
}

TEST(TranscodeTest, EveryBadQueryParameterIsAFieldViolation) {
  v1::ListDueItemsRequest request;
  absl::Status built = BuildRequestMessage(RouteOf("GET", "/v1/dueItems"), {},
                                           {{"colour", "red"},
                                            {"page_size", "ten"},
                                            {"kinds", "SOMETHING"},
                                            {"method_id", "ID2021_045"},
                                            {"method_id", "ID2021_046"}},
                                           "", &request);
  EXPECT_EQ(built.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(built), (std::vector<std::string>{"colour", "page_size",
                                                     "kinds", "method_id"}));
}

TEST(TranscodeTest, BodyFieldPathVariableAndFieldMaskCombine) {
  v1::UpdateMethodRequest request;
  RouteTable::Found found = Routes().Find("PATCH", "/v1/methods/ID2021_045");
  ASSERT_NE(found.route, nullptr);
  absl::Status built = BuildRequestMessage(
      *found.route, found.bindings, {{"update_mask", "title,activeSubstance"}},
      R"({"id": "ID1999_999", "title": "Ny tittel"})", &request);
  ASSERT_TRUE(built.ok()) << built;
  // The path names the resource, whatever the body says.
  EXPECT_EQ(request.method().id(), "ID2021_045");
  EXPECT_EQ(request.method().title(), "Ny tittel");
  ASSERT_EQ(request.update_mask().paths_size(), 2);
  EXPECT_EQ(request.update_mask().paths(0), "title");
  EXPECT_EQ(request.update_mask().paths(1), "active_substance");
}

TEST(TranscodeTest, MisplacedFieldsAndInvalidJsonAreRefused) {
  v1::UpdateMethodRequest update;
  RouteTable::Found found = Routes().Find("PATCH", "/v1/methods/ID2021_045");
  absl::Status in_query = BuildRequestMessage(
      *found.route, found.bindings, {{"method.title", "x"}}, "{}", &update);
  EXPECT_EQ(Fields(in_query), std::vector<std::string>{"method.title"});

  v1::SettleAgreementRequest settle;
  found = Routes().Find("POST", "/v1/agreements/SI-1:settle");
  absl::Status star_query = BuildRequestMessage(
      *found.route, found.bindings, {{"as_of", "2026-01-01"}}, "{}", &settle);
  EXPECT_EQ(Fields(star_query), std::vector<std::string>{"as_of"});

  absl::Status bad_json = BuildRequestMessage(*found.route, found.bindings, {},
                                              R"({"period": 3})", &settle);
  EXPECT_EQ(Fields(bad_json), std::vector<std::string>{""});

  absl::Status unknown_json = BuildRequestMessage(
      *found.route, found.bindings, {}, R"({"colour": "red"})", &settle);
  EXPECT_EQ(unknown_json.code(), absl::StatusCode::kInvalidArgument);

  v1::GetMethodRequest get;
  found = Routes().Find("GET", "/v1/methods/ID2021_045");
  absl::Status body_on_get = BuildRequestMessage(*found.route, found.bindings,
                                                 {}, R"({"id": "x"})", &get);
  EXPECT_EQ(body_on_get.code(), absl::StatusCode::kInvalidArgument);
}

TEST(TranscodeTest, PathVariableOfTheWrongTypeNamesTheField) {
  v1::GetDecisionRequest request;
  RouteTable::Found found = Routes().Find("GET", "/v1/decisions/abc");
  ASSERT_NE(found.route, nullptr);
  absl::Status built =
      BuildRequestMessage(*found.route, found.bindings, {}, "", &request);
  EXPECT_EQ(Fields(built), std::vector<std::string>{"id"});
}

}  // namespace
}  // namespace mea::services::http
