// The audit trail must not give away a figure to a role that may not see
// it (docs/security.md, "Who sees digests and hashes"). Each entry's
// request digest, state digest and hashes are derived from the request and
// the rows it wrote; whoever sees them and can guess the rest can try every
// price. For each kind of entry these tests run that brute force over a
// small price space that holds the real answer, on exactly what a caller
// receives: for SECRETARIAT it must find nothing, for PROCUREMENT (who may
// see the figures) it finds the answer, which shows the brute force works.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <memory>
#include <optional>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "services/audit/trail.h"
#include "storage/audit/chain.h"
#include "storage/audit/state.h"
#include "storage/core/database.h"
#include "tests/auth/secure_server.h"
#include "tests/support/run_command.h"

namespace mea::testing {
namespace {

using Rebuild =
    std::function<std::unique_ptr<google::protobuf::Message>(int64_t)>;

// The stored entry as the caller received it, with `request_digest` and
// `state_digest` as guessed.
storage::audit::AuditEntry Guessed(const v1::AuditEntry& seen,
                                   const std::string& request_digest,
                                   const std::string& state_digest) {
  storage::audit::AuditEntry entry;
  entry.sequence = seen.sequence();
  entry.version = seen.version();
  entry.record.time = seen.time();
  entry.record.principal = seen.principal();
  entry.record.organisation = seen.organisation();
  entry.record.role = seen.role();
  entry.record.credential = seen.credential();
  entry.record.rpc = seen.rpc();
  entry.record.resource = seen.resource();
  entry.record.request_digest = request_digest;
  entry.record.reason = seen.reason();
  entry.state_digest = state_digest;
  entry.previous_hash = seen.previous_hash();
  return entry;
}

// Whether what the caller received confirms the guess: the request digest
// itself, the state digest (when guessed), or the entry hash recomputed
// from the guess (every other field of the entry is visible).
bool Confirms(const v1::AuditEntry& seen, const std::string& request_digest,
              const std::string& state_digest, bool state_guessed) {
  if (seen.has_request_digest() && seen.request_digest() == request_digest) {
    return true;
  }
  if (state_guessed && seen.has_state_digest() &&
      seen.state_digest() == state_digest) {
    return true;
  }
  return seen.has_entry_hash() &&
         storage::audit::EntryHash(
             Guessed(seen, request_digest, state_digest)) == seen.entry_hash();
}

// The candidate in [from, to] whose request the caller's view confirms.
std::optional<int64_t> CrackRequest(const v1::AuditEntry& seen, int64_t from,
                                    int64_t to, const Rebuild& rebuild) {
  for (int64_t candidate = from; candidate <= to; ++candidate) {
    const std::string digest = services::RequestDigest(*rebuild(candidate));
    if (Confirms(seen, digest, seen.state_digest(), false)) return candidate;
  }
  return std::nullopt;
}

template <typename M>
M FromJson(const std::string& json) {
  M message;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &message).ok())
      << json;
  return message;
}

class AuditDisclosureTest : public ::testing::Test {
 protected:
  AuditDisclosureTest() : server_(SecureServer::Options{.tls = false}) {}

  void SetUp() override { server_.Seed(); }

  std::vector<v1::AuditEntry> Entries(Caller caller) {
    v1::ListAuditEntriesRequest request;
    request.set_page_size(1000);
    v1::ListAuditEntriesResponse response;
    grpc::Status status = server_.Audit()->ListAuditEntries(
        server_.Call(caller).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.entries().begin(), response.entries().end()};
  }

  // The newest entry of `rpc` on `resource`, as `caller` receives it.
  v1::AuditEntry Find(Caller caller, const std::string& rpc,
                      const std::string& resource) {
    v1::AuditEntry found;
    for (const v1::AuditEntry& entry : Entries(caller)) {
      if (absl::EndsWith(entry.rpc(), rpc) && entry.resource() == resource) {
        found = entry;
      }
    }
    EXPECT_NE(found.sequence(), 0) << rpc << " " << resource;
    return found;
  }

  // The brute force run as SECRETARIAT finds nothing; as PROCUREMENT it
  // finds `answer`.
  void ExpectOnlyProcurementCracks(const std::string& rpc,
                                   const std::string& resource, int64_t from,
                                   int64_t to, int64_t answer,
                                   const Rebuild& rebuild) {
    EXPECT_EQ(CrackRequest(Find(Caller::kSecretariat, rpc, resource), from, to,
                           rebuild),
              std::nullopt)
        << rpc << ": SECRETARIAT can recover the figure";
    EXPECT_EQ(CrackRequest(Find(Caller::kProcurement, rpc, resource), from, to,
                           rebuild),
              std::optional<int64_t>(answer))
        << rpc << ": the brute force does not work, so proves nothing";
  }

  SecureServer server_;
};

// "51234.00" for 5123400 øre.
std::string Kroner(int64_t kroner) { return absl::StrCat(kroner, ".00"); }

TEST_F(AuditDisclosureTest, CreateAgreementHidesTheUnitPrice) {
  constexpr int64_t kPrice = 51234;
  auto request_for = [](int64_t price) {
    auto request = std::make_unique<v1::CreateAgreementRequest>();
    *request->mutable_agreement() =
        SampleAgreement("SI-C", kMethodB, kSupplierB);
    request->mutable_agreement()->set_unit_price(Kroner(price));
    return request;
  };
  v1::Agreement created;
  ASSERT_TRUE(server_.Agreements()
                  ->CreateAgreement(server_.Call(Caller::kProcurement).get(),
                                    *request_for(kPrice), &created)
                  .ok());
  ExpectOnlyProcurementCracks("/CreateAgreement", "agreements/SI-C", 51000,
                              51500, kPrice, request_for);
}

TEST_F(AuditDisclosureTest, UpdateAgreementHidesTheUnitPrice) {
  constexpr int64_t kPrice = 47321;
  auto request_for = [](int64_t price) {
    auto request = std::make_unique<v1::UpdateAgreementRequest>();
    request->mutable_agreement()->set_id(kAgreementA);
    request->mutable_agreement()->set_unit_price(Kroner(price));
    request->mutable_update_mask()->add_paths("unit_price");
    return request;
  };
  v1::Agreement updated;
  grpc::Status status = server_.Agreements()->UpdateAgreement(
      server_.Call(Caller::kProcurement).get(), *request_for(kPrice), &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectOnlyProcurementCracks("/UpdateAgreement", "agreements/SI-A", 47000,
                              47500, kPrice, request_for);
}

TEST_F(AuditDisclosureTest, AResultsBatchHidesItsUnits) {
  constexpr int64_t kUnits = 137;
  auto request_for = [](int64_t units) {
    auto request = std::make_unique<v1::UploadResultsRequest>();
    *request->mutable_batch() = SampleBatch(kAgreementA, "b-units");
    // New dispensings only: the seed delivered the patient and outcomes.
    request->mutable_batch()->clear_patients();
    request->mutable_batch()->clear_group_outcomes();
    request->mutable_batch()->mutable_dispensings(1)->set_units(units);
    return request;
  };
  v1::UploadResultsResponse receipts;
  auto call = server_.Call(Caller::kProcurement);
  auto writer = server_.Agreements()->UploadResults(call.get(), &receipts);
  writer->Write(*request_for(kUnits));
  writer->WritesDone();
  grpc::Status uploaded = writer->Finish();
  ASSERT_TRUE(uploaded.ok()) << uploaded.error_message();
  ExpectOnlyProcurementCracks("/UploadResults",
                              "agreements/SI-A/batches/b-units", 1, 300, kUnits,
                              request_for);
}

TEST_F(AuditDisclosureTest, TrackingWritesHideTheirDigests) {
  constexpr int64_t kSecret = 417;
  auto request_for = [](int64_t number) {
    auto request = std::make_unique<v1::CreateMethodRequest>();
    *request = FromJson<v1::CreateMethodRequest>(
        R"json({"method": {"id": "ID2024_003", "active_substance":
        "testinib", "therapeutic_area": "Onkologi",
        "supplier": "Leverandør A AS"}})json");
    request->mutable_method()->set_title(absl::StrCat("Testmetode ", number));
    return request;
  };
  v1::Method method;
  grpc::Status status = server_.Tracking()->CreateMethod(
      server_.Call(Caller::kSecretariat).get(), *request_for(kSecret), &method);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectOnlyProcurementCracks("/CreateMethod", "methods/ID2024_003", 0, 999,
                              kSecret, request_for);
}

// A settlement's figures are in the rows it wrote, so its entry's state
// digest (and hash) would give them away: the brute force sets the net
// cost to each candidate in a copy of the database (everything else as
// stored, the most an attacker could know) and digests the groups the
// settlement wrote.
class SettlementCracker {
 public:
  explicit SettlementCracker(const std::string& source, TempDir& folder)
      : path_(folder.File("copy.db")) {
    sqlite3* from = nullptr;
    sqlite3* to = nullptr;
    sqlite3_open_v2(source.c_str(), &from, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_open(path_.c_str(), &to);
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    sqlite3_exec(to,
                 "DROP TRIGGER settlements_no_update;"
                 "DROP TRIGGER settlement_lines_no_update;"
                 "DROP TRIGGER settlement_triggers_no_update;",
                 nullptr, nullptr, nullptr);
    sqlite3_close(to);
    sqlite3_close(from);
    auto database = storage::Database::Open(path_);
    EXPECT_TRUE(database.ok()) << database.status();
    database_ = *std::move(database);
  }

  std::optional<int64_t> Crack(v1::AuditEntry seen,
                               const std::string& request_digest, int64_t from,
                               int64_t to) {
    // The request is known; only what follows from the rows may confirm.
    seen.clear_request_digest();
    for (int64_t candidate = from; candidate <= to; ++candidate) {
      std::string state_digest;
      database_
          ->Write([&](storage::Connection& c) {
            std::string touch = absl::StrCat(
                "UPDATE settlements SET net_cost_ore = ", candidate,
                " WHERE agreement_id = 'SI-A' AND number = 1;"
                "UPDATE settlement_lines SET amount_ore = amount_ore "
                "WHERE agreement_id = 'SI-A' AND number = 1;"
                "UPDATE settlement_triggers SET measure = measure "
                "WHERE agreement_id = 'SI-A' AND number = 1;");
            EXPECT_TRUE(c.Execute(touch).ok());
            auto groups = storage::audit::TakeTouchedGroups(c);
            EXPECT_TRUE(groups.ok());
            state_digest = storage::audit::StateListDigest(*groups);
            return absl::CancelledError("roll back");
          })
          .IgnoreError();
      if (Confirms(seen, request_digest, state_digest, true)) return candidate;
    }
    return std::nullopt;
  }

  int64_t NetCost() {
    int64_t net = 0;
    database_
        ->Read([&](storage::Connection& c) {
          auto statement = c.Prepare(
              "SELECT net_cost_ore FROM settlements "
              "WHERE agreement_id = 'SI-A' AND number = 1");
          EXPECT_TRUE(statement.ok() && *(*statement)->Step());
          net = (*statement)->ColumnInt64(0);
          (*statement)->Reset();
          return absl::OkStatus();
        })
        .IgnoreError();
    return net;
  }

 private:
  std::string path_;
  std::unique_ptr<storage::Database> database_;
};

TEST_F(AuditDisclosureTest, ASettlementHidesItsFigures) {
  // The request is public knowledge (the seed's), so the attacker has its
  // digest even when the entry does not show it.
  v1::SettleAgreementRequest settle = FromJson<v1::SettleAgreementRequest>(
      R"json({"agreement_id": "SI-A",
              "period": {"start": "2025-01-01", "end": "2025-12-31"},
              "as_of": "2026-02-01"})json");
  const std::string request_digest = services::RequestDigest(settle);
  SettlementCracker cracker(server_.server().database().path(),
                            server_.folder());
  const int64_t net = cracker.NetCost();
  const std::string resource = "agreements/SI-A/settlements/1";
  EXPECT_EQ(
      cracker.Crack(Find(Caller::kSecretariat, "/SettleAgreement", resource),
                    request_digest, net - 200, net + 200),
      std::nullopt);
  EXPECT_EQ(
      cracker.Crack(Find(Caller::kProcurement, "/SettleAgreement", resource),
                    request_digest, net - 200, net + 200),
      std::optional<int64_t>(net));
}

// Beyond the brute force: no hash-like value reaches SECRETARIAT at all.
TEST_F(AuditDisclosureTest, SecretariatGetsNoDigestOrHashAnywhere) {
  for (const v1::AuditEntry& entry : Entries(Caller::kSecretariat)) {
    EXPECT_FALSE(entry.has_request_digest()) << entry.sequence();
    EXPECT_FALSE(entry.has_state_digest()) << entry.sequence();
    EXPECT_FALSE(entry.has_entry_hash()) << entry.sequence();
    EXPECT_FALSE(entry.has_previous_hash()) << entry.sequence();
    EXPECT_FALSE(entry.principal().empty());
  }
  for (const v1::AuditEntry& entry : Entries(Caller::kProcurement)) {
    EXPECT_EQ(entry.entry_hash().size(), 64u);
  }
  v1::VerifyAuditChainResponse verified;
  ASSERT_TRUE(server_.Audit()
                  ->VerifyAuditChain(server_.Call(Caller::kSecretariat).get(),
                                     {}, &verified)
                  .ok());
  EXPECT_TRUE(verified.intact()) << verified.problem();
  EXPECT_GT(verified.head_sequence(), 0);
  EXPECT_FALSE(verified.has_head_hash());

  // meactl shows the cleared fields as absent, not as empty or zeros.
  const std::string token = server_.TokenFile(Caller::kSecretariat);
  CommandResult json =
      RunMeactl(server_.address(),
                {"--token_file", token, "--output", "json", "audit", "list"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(absl::StrContains(json.out, "\"principal\"")) << json.out;
  for (const char* field :
       {"request_digest", "entry_hash", "previous_hash", "state_digest"}) {
    EXPECT_FALSE(absl::StrContains(json.out, field)) << field << json.out;
  }
  EXPECT_FALSE(std::regex_search(json.out, std::regex("[0-9a-f]{64}")));
  CommandResult verify =
      RunMeactl(server_.address(), {"--token_file", token, "audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_TRUE(absl::StartsWith(verify.out, "intact: ")) << verify.out;
  EXPECT_FALSE(absl::StrContains(verify.out, "--anchor")) << verify.out;
  CommandResult verify_json =
      RunMeactl(server_.address(),
                {"--token_file", token, "--output", "json", "audit", "verify"});
  EXPECT_FALSE(absl::StrContains(verify_json.out, "head_hash"))
      << verify_json.out;
}

// A caller-supplied anchor would answer "is this the hash?" for guesses.
TEST_F(AuditDisclosureTest, OnlyRolesThatSeeFiguresMayCheckAnAnchor) {
  const v1::AuditEntry newest = Entries(Caller::kProcurement).back();
  v1::VerifyAuditChainRequest anchored;
  anchored.set_known_head_sequence(newest.sequence());
  anchored.set_known_head_hash(newest.entry_hash());
  v1::VerifyAuditChainResponse response;
  grpc::Status refused = server_.Audit()->VerifyAuditChain(
      server_.Call(Caller::kSecretariat).get(), anchored, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(refused.error_message(), "anchor"))
      << refused.error_message();
  EXPECT_FALSE(response.intact());

  grpc::Status allowed = server_.Audit()->VerifyAuditChain(
      server_.Call(Caller::kProcurement).get(), anchored, &response);
  ASSERT_TRUE(allowed.ok()) << allowed.error_message();
  EXPECT_TRUE(response.intact()) << response.problem();
  EXPECT_EQ(response.head_hash(), newest.entry_hash());
}

}  // namespace
}  // namespace mea::testing
