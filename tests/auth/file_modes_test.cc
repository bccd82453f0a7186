// mead's files are its user's alone (services/server/private_files.h): a new
// database, its -wal and -shm files are created 0600 whatever the umask
// mead was started with, and an existing database that group or others
// may read is named in the log at start.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/auth/background_process.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

// The permission bits of `path`, or -1 when it does not exist.
int ModeOf(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 07777);
}

// The address in mead's "serving on ADDRESS with ..." line.
std::string ServingAddress(const std::string& log) {
  const std::string marker = "serving on ";
  const size_t at = log.find(marker) + marker.size();
  return log.substr(at, log.find(' ', at) - at);
}

// Makes each change a new method (one template instance per lambda).
int next_method = 0;

// Starts mead (development mode) on `database`, makes one change so that
// the -wal and -shm files exist, and calls `check` while mead still runs
// (a clean shutdown removes them).
template <typename Check>
void WithMead(const std::string& database, const std::string& log_path,
              Check check) {
  BackgroundProcess mead(
      BinaryPath("mead"),
      {"--listen", "127.0.0.1:0", "--db", database, "--today", "2026-03-02"},
      log_path);
  ASSERT_TRUE(mead.WaitForLog("serving on ")) << mead.Log();
  CommandResult created = RunMeactl(
      ServingAddress(mead.Log()),
      {"methods", "create", "--id", absl::StrCat("ID2026_00", ++next_method),
       "--title", "T", "--substance", "S", "--supplier", "Leverandør A AS"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  check(mead.Log());
  EXPECT_EQ(mead.Stop(), 0);
}

// Runs the test's child processes with the common umask 022, under which
// files are created world-readable unless mead sees to it.
class FileModesTest : public ::testing::Test {
 protected:
  FileModesTest() : saved_umask_(umask(022)) {}
  ~FileModesTest() override { umask(saved_umask_); }

  TempDir folder_;

 private:
  mode_t saved_umask_;
};

TEST_F(FileModesTest, ANewDatabaseAndItsWalAndShmAreTheUsersAlone) {
  const std::string database = folder_.File("data/mea.db");
  WithMead(database, folder_.File("mead.log"), [&](const std::string& log) {
    for (const std::string& path :
         {database, database + "-wal", database + "-shm"}) {
      EXPECT_EQ(ModeOf(path), 0600) << path;
    }
    // The folder mead created for it, too.
    EXPECT_EQ(ModeOf(folder_.File("data")), 0700);
    EXPECT_FALSE(absl::StrContains(log, "has mode")) << log;
  });
}

TEST_F(FileModesTest, AnExistingReadableDatabaseIsNamedAtStart) {
  const std::string database = folder_.File("mea.db");
  WithMead(database, folder_.File("first.log"), [](const std::string&) {});
  ASSERT_EQ(chmod(database.c_str(), 0644), 0);

  WithMead(database, folder_.File("second.log"), [&](const std::string& log) {
    EXPECT_TRUE(absl::StrContains(
        log, absl::StrCat("mead: WARNING: ", database, " has mode 0644")))
        << log;
    // SQLite gives a new -wal and -shm the database's mode, whatever the
    // umask: they are named as well.
    EXPECT_EQ(ModeOf(database + "-wal"), 0644);
    EXPECT_TRUE(absl::StrContains(
        log, absl::StrCat("mead: WARNING: ", database, "-wal has mode 0644")))
        << log;
  });
}

}  // namespace
}  // namespace mea::testing
