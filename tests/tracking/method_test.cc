// Methods (metoder) through the real server: create, get, list with paging
// and filters, update with a field mask, and validation with field paths.
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "tests/tracking/tracking_fixtures.h"

namespace mea::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class MethodTest : public ::testing::Test {
 protected:
  TestServer server_;
  std::unique_ptr<v1::TrackingService::Stub> stub_ = server_.Tracking();

  Answer<v1::Method> Create(const v1::Method& method) {
    v1::CreateMethodRequest request;
    *request.mutable_method() = method;
    return CALL(*stub_, CreateMethod, request, v1::Method);
  }
};

TEST_F(MethodTest, CreatedMethodIsAwaitingDecisionAndCanBeRead) {
  auto created = Create(ValidMethod("ID2021_045"));
  ASSERT_TRUE(created.status.ok()) << created.status.error_message();
  EXPECT_EQ(created.response.status(), v1::Method::AWAITING_DECISION);
  EXPECT_FALSE(created.response.create_time().empty());

  v1::GetMethodRequest get;
  get.set_id("ID2021_045");
  auto read = CALL(*stub_, GetMethod, get, v1::Method);
  ASSERT_TRUE(read.status.ok());
  EXPECT_EQ(read.response.title(), "Testmetode ID2021_045");
  EXPECT_EQ(read.response.supplier(), "Bayer AS");
  EXPECT_EQ(read.response.therapeutic_area(), "Onkologi");
}

TEST_F(MethodTest, DuplicateIdIsAlreadyExists) {
  ASSERT_TRUE(Create(ValidMethod("ID2021_045")).status.ok());
  auto again = Create(ValidMethod("ID2021_045"));
  EXPECT_EQ(again.status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(MethodTest, UnknownMethodIsNotFound) {
  v1::GetMethodRequest get;
  get.set_id("ID1999_001");
  EXPECT_EQ(CALL(*stub_, GetMethod, get, v1::Method).status.error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(MethodTest, InvalidMethodReportsEveryFieldAtOnce) {
  v1::Method method = ValidMethod("ID21_45");
  method.set_title("");
  method.set_supplier(std::string(201, 'x'));
  method.set_brand_name("Vitrakvi\nKeytruda");
  auto created = Create(method);
  EXPECT_EQ(created.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldPaths(created.status),
              UnorderedElementsAre("method.id", "method.title",
                                   "method.brand_name", "method.supplier"));
  EXPECT_THAT(ViolationAt(created.status, "method.id"),
              HasSubstr("ID2021_045"));
  EXPECT_EQ(CountRows(server_, "methods"), 0);
}

TEST_F(MethodTest, MethodIdFormatIsStrict) {
  for (const char* id : {"ID2021_45", "id2021_045", "ID2021-045", "IDabcd_045",
                         "ID2021_0455", " ID2021_045"}) {
    EXPECT_THAT(FieldPaths(Create(ValidMethod(id)).status),
                ElementsAre("method.id"))
        << id;
  }
}

TEST_F(MethodTest, NorwegianLettersCountAsOneCharacter) {
  v1::Method method = ValidMethod("ID2021_045");
  std::string title;
  for (int i = 0; i < 200; ++i) title += "ø";  // 400 bytes, 200 characters
  method.set_title(title);
  EXPECT_TRUE(Create(method).status.ok());
  method.set_id("ID2021_046");
  method.set_title(title + "å");
  EXPECT_THAT(FieldPaths(Create(method).status), ElementsAre("method.title"));
}

TEST_F(MethodTest, ListPagesThroughEveryMethodOnce) {
  for (int i = 1; i <= 7; ++i) {
    ASSERT_TRUE(
        Create(ValidMethod(absl::StrFormat("ID2024_%03d", i))).status.ok());
  }
  std::vector<std::string> seen;
  v1::ListMethodsRequest request;
  request.set_page_size(3);
  int pages = 0;
  do {
    auto page = CALL(*stub_, ListMethods, request, v1::ListMethodsResponse);
    ASSERT_TRUE(page.status.ok()) << page.status.error_message();
    EXPECT_LE(page.response.methods_size(), 3);
    for (const auto& method : page.response.methods()) {
      seen.push_back(method.id());
    }
    request.set_page_token(page.response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(
      seen, ElementsAre("ID2024_001", "ID2024_002", "ID2024_003", "ID2024_004",
                        "ID2024_005", "ID2024_006", "ID2024_007"));
}

TEST_F(MethodTest, PageTokenOfAnotherFilterIsRefused) {
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(
        Create(ValidMethod(absl::StrFormat("ID2024_%03d", i))).status.ok());
  }
  v1::ListMethodsRequest request;
  request.set_page_size(1);
  auto first = CALL(*stub_, ListMethods, request, v1::ListMethodsResponse);
  ASSERT_FALSE(first.response.next_page_token().empty());
  request.set_page_token(first.response.next_page_token());
  request.set_therapeutic_area("Nevrologi");
  auto refused = CALL(*stub_, ListMethods, request, v1::ListMethodsResponse);
  EXPECT_THAT(FieldPaths(refused.status), ElementsAre("page_token"));
}

TEST_F(MethodTest, ListFiltersByAreaSupplierAndDerivedStatus) {
  ASSERT_TRUE(Create(ValidMethod("ID2024_001", "Onkologi")).status.ok());
  ASSERT_TRUE(Create(ValidMethod("ID2024_002", "Nevrologi")).status.ok());
  v1::Method other = ValidMethod("ID2024_003", "Onkologi");
  other.set_supplier("Roche Norge AS");
  ASSERT_TRUE(Create(other).status.ok());
  CreateDecisionOrFail(*stub_, IntroducedDecision("ID2024_003", kToday - 5));

  auto list = [&](v1::ListMethodsRequest request) {
    auto page = CALL(*stub_, ListMethods, request, v1::ListMethodsResponse);
    EXPECT_TRUE(page.status.ok()) << page.status.error_message();
    std::vector<std::string> ids;
    for (const auto& method : page.response.methods())
      ids.push_back(method.id());
    return ids;
  };
  v1::ListMethodsRequest by_area;
  by_area.set_therapeutic_area("onkologi");
  EXPECT_THAT(list(by_area), ElementsAre("ID2024_001", "ID2024_003"));
  v1::ListMethodsRequest by_supplier;
  by_supplier.set_supplier("Roche Norge AS");
  EXPECT_THAT(list(by_supplier), ElementsAre("ID2024_003"));
  v1::ListMethodsRequest by_status;
  by_status.set_status(v1::Method::INTRODUCED);
  EXPECT_THAT(list(by_status), ElementsAre("ID2024_003"));
  by_status.set_status(v1::Method::AWAITING_DECISION);
  EXPECT_THAT(list(by_status), ElementsAre("ID2024_001", "ID2024_002"));
}

TEST_F(MethodTest, UpdateChangesOnlyMaskedFields) {
  ASSERT_TRUE(Create(ValidMethod("ID2021_045")).status.ok());
  v1::UpdateMethodRequest request;
  request.mutable_method()->set_id("ID2021_045");
  request.mutable_method()->set_title("Larotrektinib (Vitrakvi)");
  request.mutable_method()->set_supplier("");  // not masked: ignored
  request.mutable_update_mask()->add_paths("title");
  auto updated = CALL(*stub_, UpdateMethod, request, v1::Method);
  ASSERT_TRUE(updated.status.ok()) << updated.status.error_message();
  EXPECT_EQ(updated.response.title(), "Larotrektinib (Vitrakvi)");
  EXPECT_EQ(updated.response.supplier(), "Bayer AS");
  EXPECT_EQ(updated.response.indication(),
            "Solide svulster med NTRK-genfusjon");
}

TEST_F(MethodTest, UpdateWithEmptyMaskReplacesEveryField) {
  ASSERT_TRUE(Create(ValidMethod("ID2021_045")).status.ok());
  v1::UpdateMethodRequest request;
  *request.mutable_method() = ValidMethod("ID2021_045", "Hematologi");
  request.mutable_method()->set_brand_name("");
  auto updated = CALL(*stub_, UpdateMethod, request, v1::Method);
  ASSERT_TRUE(updated.status.ok()) << updated.status.error_message();
  EXPECT_EQ(updated.response.therapeutic_area(), "Hematologi");
  EXPECT_EQ(updated.response.brand_name(), "");
}

TEST_F(MethodTest, UpdateRefusesUnknownPathsAndEmptiedRequiredFields) {
  ASSERT_TRUE(Create(ValidMethod("ID2021_045")).status.ok());
  v1::UpdateMethodRequest request;
  request.mutable_method()->set_id("ID2021_045");
  request.mutable_update_mask()->add_paths("title");
  request.mutable_update_mask()->add_paths("status");
  request.mutable_update_mask()->add_paths("id");
  auto refused = CALL(*stub_, UpdateMethod, request, v1::Method);
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldPaths(refused.status),
              UnorderedElementsAre("update_mask.paths[1]",
                                   "update_mask.paths[2]", "method.title"));
}

TEST_F(MethodTest, UpdateOfUnknownMethodIsNotFound) {
  v1::UpdateMethodRequest request;
  request.mutable_method()->set_id("ID2021_045");
  request.mutable_method()->set_title("x");
  request.mutable_update_mask()->add_paths("title");
  EXPECT_EQ(CALL(*stub_, UpdateMethod, request, v1::Method).status.error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace mea::testing
