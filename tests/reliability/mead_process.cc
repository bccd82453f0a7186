#include "tests/reliability/mead_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tests/support/spawn.h"
#include "common/limits.h"

namespace mea::testing {
namespace {

std::string DefaultBinary() { return std::string(MEA_BIN_DIR) + "/mead"; }

// The port mead wrote, once the file exists and holds a number.
int ReadPort(const std::string& path) {
  std::ifstream file(path);
  std::string text;
  std::getline(file, text);
  int port = 0;
  return absl::SimpleAtoi(text, &port) ? port : 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MeadProcess>> MeadProcess::Start(
    const MeadOptions& options, absl::Duration timeout) {
  const std::string port_file = options.database_path + ".port";
  unlink(port_file.c_str());
  std::vector<std::string> args = {
      "--listen=127.0.0.1:0", "--db=" + options.database_path,
      "--today=" + options.today, "--port_file=" + port_file};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  const int log = options.log_path.empty()
                      ? null
                      : open(options.log_path.c_str(),
                             O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const pid_t child =
      Spawn(options.binary.empty() ? DefaultBinary() : options.binary, args,
            null, log, log);
  if (log != null) close(log);
  close(null);
  if (child < 0) return absl::UnavailableError("fork failed");

  const absl::Time deadline = absl::Now() + timeout;
  int port = 0;
  while (port == 0) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) {
      return absl::UnavailableError(absl::StrCat(
          "mead exited before serving (status ", status, "); see ",
          options.log_path.empty() ? "its stderr" : options.log_path));
    }
    if (absl::Now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, nullptr, 0);
      return absl::DeadlineExceededError("mead did not start in time");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    port = ReadPort(port_file);
  }
  std::unique_ptr<MeadProcess> process(new MeadProcess(child, port));
  if (!process->Channel()->WaitForConnected(absl::ToChronoTime(deadline))) {
    return absl::DeadlineExceededError("mead does not accept connections");
  }
  return process;
}

MeadProcess::~MeadProcess() {
  if (running_) Kill();
}

std::string MeadProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

std::shared_ptr<grpc::Channel> MeadProcess::Channel() const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(static_cast<int>(kMaxMessageBytes));
  arguments.SetMaxSendMessageSize(static_cast<int>(kMaxMessageBytes));
  return grpc::CreateCustomChannel(
      address(), grpc::InsecureChannelCredentials(), arguments);
}

void MeadProcess::Kill() {
  if (!running_) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  running_ = false;
}

int MeadProcess::Terminate() {
  if (!running_) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  running_ = false;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int64_t MeadProcess::ResidentKilobytes() const {
  std::ifstream status(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest(line);
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, "kB");
    int64_t kilobytes = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(rest), &kilobytes)) {
      return kilobytes;
    }
  }
  return 0;
}

}  // namespace mea::testing
