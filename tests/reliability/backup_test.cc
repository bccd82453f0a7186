// Online backup (storage/core/backup.h, AdminService.BackupDatabase, `meactl
// backup`): consistent while the server keeps serving, and a restore gives
// identical dossiers and settlements.
#include "storage/core/backup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "mea/v1/admin.grpc.pb.h"
#include "common/clock.h"
#include "common/field_violations.h"
#include "common/grpc_status.h"
#include "services/server/server.h"
#include "storage/core/database.h"
#include "tests/reliability/sample_requests.h"
#include "tests/support/database_inspection.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"

namespace mea::testing {
namespace {

namespace fs = std::filesystem;
using google::protobuf::util::MessageDifferencer;

constexpr absl::CivilDay kToday(2026, 3, 2);

absl::Status InsertMethod(storage::Database& database, const std::string& id,
                          const std::string& title) {
  return database.Write([&](storage::Connection& connection) -> absl::Status {
    absl::StatusOr<storage::Statement*> insert = connection.Prepare(
        "INSERT INTO methods (id, title, active_substance, brand_name, "
        "indication, supplier, therapeutic_area, create_time, update_time) "
        "VALUES (?, ?, 'virkestoff', '', '', 'Leverandør AS', '', "
        "'2026-03-02T12:00:00Z', '2026-03-02T12:00:00Z')");
    if (!insert.ok()) return insert.status();
    (*insert)->Bind(1, id).Bind(2, title);
    return (*insert)->Run();
  });
}

std::vector<std::string> FilesIn(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The storage layer on its own: many small steps, a write in the middle.
TEST(BackupStorageTest, CopyInStepsIncludesWritesMadeMeanwhile) {
  TempDir folder;
  auto database = storage::Database::Open(folder.File("mea.db"));
  ASSERT_TRUE(database.ok()) << database.status();
  // About a megabyte, so that the copy takes many steps of 16 pages.
  for (int i = 0; i < 400; ++i) {
    ASSERT_TRUE(InsertMethod(**database, absl::StrFormat("ID2020_%03d", i),
                             std::string(2000, 'a' + i % 26))
                    .ok());
  }
  int steps = 0;
  bool wrote_during_backup = false;
  storage::BackupOptions options;
  options.pages_per_step = 16;
  options.after_step = [&](int64_t pages_left, int64_t) {
    if (++steps != 3) return;
    // Another request, served while the backup is half done.
    std::thread writer([&] {
      wrote_during_backup =
          InsertMethod(**database, "ID2099_999", "skrevet underveis").ok() &&
          pages_left > 0;
    });
    writer.join();
  };
  const std::string copy = folder.File("backup.db");
  auto stats = storage::BackupDatabase(**database, copy, options);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_TRUE(wrote_during_backup);
  EXPECT_GT(steps, 10);
  EXPECT_EQ(stats->path, copy);
  EXPECT_EQ(stats->bytes, static_cast<int64_t>(fs::file_size(copy)));
  EXPECT_GT(stats->pages, 200);

  EXPECT_EQ(IntegrityCheck(copy).value_or("unreadable"), "ok");
  // The copy is the database as it stood at the end: the write made in the
  // middle of the backup is in it.
  auto original = ContentDump(folder.File("mea.db"));
  auto copied = ContentDump(copy);
  ASSERT_TRUE(original.ok() && copied.ok());
  EXPECT_EQ(*copied, *original);
  EXPECT_EQ(QueryInt(copy,
                     "SELECT COUNT(*) FROM methods WHERE id = "
                     "'ID2099_999'")
                .value_or(-1),
            1);
  // Nothing left behind but the database's own files and the backup.
  EXPECT_EQ(FilesIn(folder.path()),
            (std::vector<std::string>{"backup.db", "mea.db", "mea.db-shm",
                                      "mea.db-wal"}));
}

TEST(BackupStorageTest, NeverOverwritesAndNeedsAnExistingFolder) {
  TempDir folder;
  auto database = storage::Database::Open(folder.File("mea.db"));
  ASSERT_TRUE(database.ok()) << database.status();
  const std::string precious = folder.File("precious.db");
  std::ofstream(precious) << "do not touch";

  auto existing = storage::BackupDatabase(**database, precious);
  EXPECT_EQ(existing.status().code(), absl::StatusCode::kAlreadyExists);
  std::ifstream kept(precious);
  std::stringstream text;
  text << kept.rdbuf();
  EXPECT_EQ(text.str(), "do not touch");

  auto live = storage::BackupDatabase(**database, folder.File("mea.db"));
  EXPECT_EQ(live.status().code(), absl::StatusCode::kAlreadyExists);

  auto nowhere =
      storage::BackupDatabase(**database, folder.File("missing/backup.db"));
  EXPECT_EQ(nowhere.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(FilesIn(folder.path()),
            (std::vector<std::string>{"mea.db", "mea.db-shm", "mea.db-wal",
                                      "precious.db"}));
}

class BackupServiceTest : public ::testing::Test {
 protected:
  BackupServiceTest()
      : tracking_(server_.Tracking()), agreements_(server_.Agreements()) {}

  void SetUp() override {
    for (const char* id : {"ID2024_001", "ID2024_002", "ID2024_003"}) {
      Create(samples::Method(id));
      v1::CreateDecisionRequest decision;
      *decision.mutable_decision() = samples::TemporaryDecision(id);
      v1::Decision created;
      grpc::ClientContext call;
      ASSERT_TRUE(tracking_->CreateDecision(&call, decision, &created).ok());
      const std::string agreement = absl::StrCat("SI-", id);
      v1::CreateAgreementRequest request;
      *request.mutable_agreement() = samples::Agreement(agreement, id);
      v1::Agreement stored;
      grpc::ClientContext create;
      ASSERT_TRUE(agreements_->CreateAgreement(&create, request, &stored).ok());
      v1::UploadResultsResponse receipts;
      ASSERT_TRUE(
          samples::Upload(*agreements_,
                          {samples::DispensingBatch(agreement, "b1", 300),
                           samples::PatientBatch(agreement, "b2", "P1")},
                          &receipts)
              .ok());
      v1::StoredSettlement settlement;
      grpc::ClientContext settle;
      ASSERT_TRUE(agreements_
                      ->SettleAgreement(&settle, samples::Settle2025(agreement),
                                        &settlement)
                      .ok());
    }
  }

  void Create(const v1::Method& method) {
    v1::CreateMethodRequest request;
    *request.mutable_method() = method;
    v1::Method created;
    grpc::ClientContext call;
    grpc::Status status = tracking_->CreateMethod(&call, request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  TestServer server_{kToday};
  std::unique_ptr<v1::TrackingService::Stub> tracking_;
  std::unique_ptr<v1::AgreementService::Stub> agreements_;
  TempDir backups_;
};

v1::Dossier DossierOf(v1::TrackingService::Stub& stub, const std::string& id) {
  v1::GetDossierRequest request;
  request.set_method_id(id);
  v1::Dossier dossier;
  grpc::ClientContext call;
  grpc::Status status = stub.GetDossier(&call, request, &dossier);
  EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
  return dossier;
}

v1::ListSettlementsResponse SettlementsOf(v1::AgreementService::Stub& stub,
                                          const std::string& agreement) {
  v1::ListSettlementsRequest request;
  request.set_agreement_id(agreement);
  v1::ListSettlementsResponse settlements;
  grpc::ClientContext call;
  grpc::Status status = stub.ListSettlements(&call, request, &settlements);
  EXPECT_TRUE(status.ok()) << agreement << ": " << status.error_message();
  return settlements;
}

TEST_F(BackupServiceTest, MeactlBackupWhileServingRestoresIdenticalState) {
  // Writes and reads go on during the backup; all must succeed.
  std::atomic<bool> stop = false;
  std::atomic<int> acknowledged = 0;
  std::atomic<int> failures = 0;
  std::thread writer([&] {
    auto stub = server_.Tracking();
    for (int i = 1; !stop && i < 1000; ++i) {
      v1::CreateMethodRequest request;
      *request.mutable_method() =
          samples::Method(absl::StrFormat("ID2032_%03d", i));
      v1::Method created;
      grpc::ClientContext call;
      if (!stub->CreateMethod(&call, request, &created).ok())
        ++failures;
      else
        acknowledged = i;
      v1::GetDossierRequest read;
      read.set_method_id("ID2024_001");
      v1::Dossier dossier;
      grpc::ClientContext read_call;
      if (!stub->GetDossier(&read_call, read, &dossier).ok()) ++failures;
    }
  });
  while (acknowledged < 5) std::this_thread::yield();
  const int before = acknowledged;
  const std::string path = server_.backup_dir() + "/mea-backup.db";
  CommandResult backup =
      RunMeactl(server_.address(), {"backup", "mea-backup.db"});
  const int after = acknowledged;
  stop = true;
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_NE(backup.out.find(path), std::string::npos) << backup.out;
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(IntegrityCheck(path).value_or("unreadable"), "ok");

  // Restore: a server started on a copy of the backup file.
  const std::string restored_path = backups_.File("restored.db");
  fs::copy_file(path, restored_path);
  FixedClock clock(kToday);
  services::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database_path = restored_path;
  options.clock = &clock;
  auto restored = services::MeaServer::Start(options);
  ASSERT_TRUE(restored.ok()) << restored.status();
  auto channel = grpc::CreateChannel((*restored)->address(),
                                     grpc::InsecureChannelCredentials());
  auto restored_tracking = v1::TrackingService::NewStub(channel);
  auto restored_agreements = v1::AgreementService::NewStub(channel);

  for (const char* id : {"ID2024_001", "ID2024_002", "ID2024_003"}) {
    EXPECT_TRUE(MessageDifferencer::Equals(DossierOf(*restored_tracking, id),
                                           DossierOf(*tracking_, id)))
        << id;
    const std::string agreement = absl::StrCat("SI-", id);
    v1::ListSettlementsResponse settlements =
        SettlementsOf(*restored_agreements, agreement);
    EXPECT_EQ(settlements.settlements_size(), 1);
    EXPECT_TRUE(MessageDifferencer::Equals(
        settlements, SettlementsOf(*agreements_, agreement)))
        << agreement;
  }
  // One consistent moment: the methods written meanwhile are there
  // without a gap, at least those acknowledged before the backup began and
  // at most those acknowledged by its end.
  auto copied = QueryInt(restored_path,
                         "SELECT COUNT(*) FROM methods WHERE id LIKE "
                         "'ID2032_%'");
  auto highest = QueryInt(restored_path,
                          "SELECT COALESCE(MAX(CAST(SUBSTR(id, 8) AS "
                          "INTEGER)), 0) FROM methods WHERE id LIKE "
                          "'ID2032_%'");
  ASSERT_TRUE(copied.ok() && highest.ok());
  EXPECT_EQ(*copied, *highest) << "a gap in what the backup holds";
  EXPECT_GE(*copied, before);
  EXPECT_LE(*copied, after + 1);
  for (int i = 1; i <= *copied; ++i) {
    const std::string id = absl::StrFormat("ID2032_%03d", i);
    EXPECT_TRUE(MessageDifferencer::Equals(DossierOf(*restored_tracking, id),
                                           DossierOf(*tracking_, id)))
        << id;
  }
  (*restored)->Shutdown(absl::ZeroDuration());
}

TEST_F(BackupServiceTest, MeactlPrintsJsonAndRefusesToOverwrite) {
  const std::string path = server_.backup_dir() + "/first.db";
  CommandResult json =
      RunMeactl(server_.address(), {"--output", "json", "backup", "first.db"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"pages\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"duration\""), std::string::npos) << json.out;

  CommandResult again = RunMeactl(server_.address(), {"backup", "first.db"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("ALREADY_EXISTS"), std::string::npos) << again.err;

  CommandResult usage = RunMeactl(server_.address(), {"backup"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(BackupServiceTest, TakesAFileNameNeverAPath) {
  auto admin = v1::AdminService::NewStub(grpc::CreateChannel(
      server_.address(), grpc::InsecureChannelCredentials()));
  // The attack this closes: a backup written into the web root (or any
  // folder the server can write) and downloaded from there.
  const std::vector<std::string> refused = {
      "",
      backups_.File("leak.db"),
      "web/leak.txt",
      "../leak.db",
      "..",
      ".hidden.db",
      std::string("a\0b.db", 6),
      std::string(256, 'x'),
      "mea backup.db",
  };
  for (const std::string& name : refused) {
    v1::BackupDatabaseRequest request;
    request.set_file_name(name);
    v1::BackupDatabaseResponse response;
    grpc::ClientContext call;
    grpc::Status status = admin->BackupDatabase(&call, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << name.substr(0, 40);
    auto violations = ViolationsOf(FromGrpcStatus(status));
    ASSERT_EQ(violations.size(), 1u) << name.substr(0, 40);
    EXPECT_EQ(violations[0].field, "file_name");
  }
  EXPECT_TRUE(FilesIn(backups_.path()).empty());
  EXPECT_TRUE(FilesIn(server_.backup_dir()).empty());
  EXPECT_FALSE(
      fs::exists(fs::path(server_.backup_dir()).parent_path() / "leak.db"));
}

TEST_F(BackupServiceTest, BackupFileIsReadableByMeadsUserOnly) {
  CommandResult backup = RunMeactl(server_.address(), {"backup", "private.db"});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  struct stat info;
  ASSERT_EQ(stat((server_.backup_dir() + "/private.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600);
  EXPECT_EQ(FilesIn(server_.backup_dir()),
            std::vector<std::string>{"private.db"});
}

// A server on a fresh database with `backup_dir` (empty: backups off) and
// `web_root`, stopped when this goes away; or why it refused to start.
class ServerWithBackupFolder {
 public:
  explicit ServerWithBackupFolder(const std::string& folder,
                                  const std::string& web_root = "") {
    services::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.database_path = data_.File("mea.db");
    options.clock = &clock_;
    options.backup_dir = folder;
    options.web_root = web_root;
    started_ = services::MeaServer::Start(options);
  }
  ~ServerWithBackupFolder() {
    if (started_.ok()) (*started_)->Shutdown(absl::ZeroDuration());
  }

  absl::Status status() const { return started_.status(); }
  services::MeaServer& server() { return **started_; }

 private:
  TempDir data_;
  FixedClock clock_{kToday};
  absl::StatusOr<std::unique_ptr<services::MeaServer>> started_;
};

absl::Status StartWithBackupFolder(const std::string& folder,
                                   const std::string& web_root = "") {
  return ServerWithBackupFolder(folder, web_root).status();
}

TEST(BackupFolderTest, MeadRefusesToStartWithAnUnsafeBackupFolder) {
  TempDir root;
  const std::string web = root.File("web");
  const std::string inside_web = web + "/backups";
  const std::string wide = root.File("wide");
  const std::string file = root.File("file");
  const std::string link = root.File("link");
  ASSERT_TRUE(fs::create_directories(inside_web));
  ASSERT_TRUE(fs::create_directory(wide));
  chmod(inside_web.c_str(), 0700);
  chmod(wide.c_str(), 0755);
  std::ofstream(file) << "not a folder\n";
  fs::create_directory_symlink(root.path(), link);

  struct Case {
    std::string folder;
    std::string web_root;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {root.File("missing"), "", "does not exist"},
      {file, "", "is not a directory"},
      {link, "", "is not a directory"},
      {wide, "", "has mode 0755"},
      {inside_web, web, "inside the web root"},
      {web + "/../web/backups", web, "inside the web root"},
  };
  for (const Case& c : cases) {
    absl::Status started = StartWithBackupFolder(c.folder, c.web_root);
    EXPECT_EQ(started.code(), absl::StatusCode::kFailedPrecondition)
        << c.folder;
    EXPECT_NE(started.message().find(c.reason), std::string::npos)
        << started.message();
  }
  // The web root itself is refused too, and a folder of its own is fine.
  chmod(web.c_str(), 0700);
  EXPECT_EQ(StartWithBackupFolder(web, web).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(StartWithBackupFolder(root.path(), web).ok());
}

TEST(BackupFolderTest, MeadRefusesAFolderOfAnotherUser) {
  if (geteuid() != 0) {
    GTEST_SKIP() << "needs root to give a folder to another user";
  }
  TempDir root;
  ASSERT_EQ(chown(root.path().c_str(), 65534, 65534), 0);
  absl::Status started = StartWithBackupFolder(root.path());
  EXPECT_EQ(started.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(started.message().find("owned by user 65534"), std::string::npos)
      << started.message();
  ASSERT_EQ(chown(root.path().c_str(), 0, 0), 0);
}

TEST(BackupFolderTest, BackupsAreOffWithoutAFolder) {
  ServerWithBackupFolder started("");
  ASSERT_TRUE(started.status().ok()) << started.status();
  CommandResult backup =
      RunMeactl(started.server().address(), {"backup", "x.db"});
  EXPECT_EQ(backup.exit_code, 1);
  EXPECT_NE(backup.err.find("--backup_dir"), std::string::npos) << backup.err;
}

}  // namespace
}  // namespace mea::testing
