#include "tests/auth/background_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/auth/test_pki.h"
#include "tests/support/spawn.h"

namespace mea::testing {

BackgroundProcess::BackgroundProcess(const std::string& program,
                                     const std::vector<std::string>& args,
                                     const std::string& log_path)
    : log_path_(log_path) {
  const int log =
      open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  pid_ = Spawn(program, args, STDIN_FILENO, log, log);
  if (log >= 0) close(log);
}

BackgroundProcess::~BackgroundProcess() { Stop(); }

bool BackgroundProcess::WaitForLog(const std::string& text) {
  for (int i = 0; i < 200; ++i) {
    if (Log().find(text) != std::string::npos) return true;
    int status = 0;
    if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return Log().find(text) != std::string::npos;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int BackgroundProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string BackgroundProcess::Log() const { return ReadText(log_path_); }

}  // namespace mea::testing
