// The content digest of a results batch (docs/results-formats.md, "Content
// digest"): the documented test vector, the digest the real server stores,
// and receipts stored with a version 1 digest by an older mead, which must
// still recognise a resend of the same batch after the upgrade.
#include <openssl/sha.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "services/agreements/results/digest.h"
#include "tests/agreements/agreement_fixtures.h"
#include "tests/support/database_inspection.h"

namespace mea::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

// The fenced blocks (``` ... ```) after the line `heading` of the document,
// without their fence lines.
std::vector<std::string> FencedBlocksAfter(const std::string& document,
                                           const std::string& heading) {
  std::vector<std::string> blocks;
  bool after_heading = false;
  bool inside = false;
  std::string block;
  for (absl::string_view line : absl::StrSplit(document, '\n')) {
    if (!after_heading) {
      after_heading = line == heading;
    } else if (line.substr(0, 3) == "```") {
      if (inside) blocks.push_back(block);
      inside = !inside;
      block.clear();
    } else if (inside) {
      absl::StrAppend(&block, line, "\n");
    } else if (line.substr(0, 3) == "## ") {
      break;
    }
  }
  return blocks;
}

// The test vector of the docs: the batch (JSON), its encoding (shown over
// several lines) and its digest.
struct TestVector {
  v1::ResultsBatch batch;
  std::string encoding;
  std::string digest;
};

TestVector DocumentedVector() {
  const std::vector<std::string> blocks = FencedBlocksAfter(
      ReadFile(std::string(MEA_SOURCE_DIR) + "/docs/results-formats.md"),
      "### Test vector");
  TestVector vector;
  EXPECT_THAT(blocks, SizeIs(3)) << "the batch, its encoding, its digest";
  if (blocks.size() != 3) return vector;
  auto parsed =
      google::protobuf::util::JsonStringToMessage(blocks[0], &vector.batch);
  EXPECT_TRUE(parsed.ok()) << parsed.ToString();
  vector.encoding = absl::StrReplaceAll(blocks[1], {{"\n", ""}});
  vector.digest = absl::StrReplaceAll(blocks[2], {{"\n", ""}});
  return vector;
}

// Version 1, computed here as the older mead did: the SHA-256 hex of
// protobuf's deterministic serialization of the batch.
std::string Version1Digest(const v1::ResultsBatch& batch) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    batch.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

TEST(ResultsDigestTest, TheDocumentedTestVector) {
  const TestVector vector = DocumentedVector();
  EXPECT_EQ(vector.batch.dispensings_size(), 2);
  EXPECT_THAT(vector.encoding, SizeIs(267));
  EXPECT_EQ(services::BatchEncoding(vector.batch), vector.encoding);
  EXPECT_EQ(services::BatchDigest(vector.batch), vector.digest);
}

TEST(ResultsDigestTest, OnlyTheStoredVersionOfTheSameContentMatches) {
  const v1::ResultsBatch batch = DocumentedVector().batch;
  v1::ResultsBatch other = batch;
  other.mutable_dispensings(1)->set_units(311);
  const std::string version1 = Version1Digest(batch);
  EXPECT_TRUE(services::IsDigestOf(services::BatchDigest(batch), batch));
  EXPECT_TRUE(services::IsDigestOf(version1, batch));
  EXPECT_FALSE(services::IsDigestOf(services::BatchDigest(other), batch));
  EXPECT_FALSE(services::IsDigestOf(Version1Digest(other), batch));
  // The hex of version 2 without its prefix, or with another version's, is
  // neither version.
  const std::string hex = services::BatchDigest(batch).substr(3);
  EXPECT_FALSE(services::IsDigestOf(hex, batch));
  EXPECT_FALSE(services::IsDigestOf("v3:" + hex, batch));
  EXPECT_FALSE(services::IsDigestOf("v2:" + version1, batch));
}

// The documented batch through the real UploadResults stream.
class StoredDigestTest : public AgreementTest {
 protected:
  void SetUp() override {
    vector_ = DocumentedVector();
    CreateMethod("ID2024_008");
    v1::Agreement agreement =
        SampleAgreement(vector_.batch.agreement_id(), "ID2024_008");
    agreement.set_state(v1::Agreement::ACTIVE);
    ASSERT_TRUE(Create(agreement).ok());
  }

  std::string StoredDigest() {
    return QueryValue(server_.database_path(),
                      "SELECT content_digest FROM result_batches WHERE "
                      "batch_id = '" +
                          vector_.batch.batch_id() + "'");
  }

  // What an older mead left: the receipt carries `digest`. Receipts are
  // immutable, so the trigger is dropped for the change and put back.
  void StoreDigest(const std::string& digest) {
    ASSERT_EQ(ExecSql(server_.database_path(),
                      absl::StrCat(
                          "DROP TRIGGER result_batches_no_update;"
                          "UPDATE result_batches SET content_digest = '",
                          digest, "';",
                          "CREATE TRIGGER result_batches_no_update BEFORE "
                          "UPDATE ON result_batches BEGIN SELECT RAISE(ABORT, "
                          "'batch receipts are immutable'); END;")),
              "");
    ASSERT_EQ(StoredDigest(), digest);
  }

  TestVector vector_;
};

TEST_F(StoredDigestTest, TheReceiptCarriesTheDocumentedDigest) {
  v1::UploadResultsResponse response;
  grpc::Status status = Upload({vector_.batch}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(response.receipts(), SizeIs(1));
  EXPECT_EQ(response.receipts(0).content_digest(), vector_.digest);
  EXPECT_EQ(StoredDigest(), vector_.digest);
}

TEST_F(StoredDigestTest, AVersion1ReceiptStillRecognisesItsBatch) {
  v1::UploadResultsResponse first;
  ASSERT_TRUE(Upload({vector_.batch}, &first).ok());
  const std::string version1 = Version1Digest(vector_.batch);
  StoreDigest(version1);
  server_.Restart();  // the upgraded mead
  agreements_ = server_.Agreements();

  v1::UploadResultsResponse again;
  grpc::Status status = Upload({vector_.batch}, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_THAT(again.receipts(), SizeIs(1));
  EXPECT_TRUE(again.receipts(0).duplicate());
  EXPECT_EQ(again.receipts(0).sequence(), first.receipts(0).sequence());
  EXPECT_EQ(again.receipts(0).content_digest(), version1);

  v1::ResultsBatch other = vector_.batch;
  other.mutable_dispensings(1)->set_units(311);
  status = Upload({other});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(), HasSubstr("with other content"));
  EXPECT_EQ(StoredDigest(), version1);
}

TEST_F(StoredDigestTest, ADigestOfNoKnownVersionMatchesNothing) {
  ASSERT_TRUE(Upload({vector_.batch}).ok());
  StoreDigest("v9:" + vector_.digest.substr(3));
  grpc::Status status = Upload({vector_.batch});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

}  // namespace
}  // namespace mea::testing
