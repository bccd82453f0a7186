// The real build/bin/mead as a child process, for the tests and the load
// generator that must kill it (SIGKILL), restart it on the same database
// file, or measure it from outside (/proc/PID/status).
//
// mead listens on 127.0.0.1 port 0 and reports the port it got through
// --port_file, so no port is guessed and no race with other tests arises.
#ifndef MEA_TESTS_RELIABILITY_MEAD_PROCESS_H_
#define MEA_TESTS_RELIABILITY_MEAD_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace mea::testing {

struct MeadOptions {
  // The mead binary; empty: MEA_BIN_DIR/mead.
  std::string binary;
  std::string database_path;
  // --today, so that nothing depends on the real date.
  std::string today = "2026-03-02";
  // mead's stderr goes here (appended); empty: /dev/null.
  std::string log_path;
  std::vector<std::string> extra_args;
};

class MeadProcess {
 public:
  // Starts mead and returns once it accepts connections (at most
  // `timeout`); fails, killing the child, when it does not.
  static absl::StatusOr<std::unique_ptr<MeadProcess>> Start(
      const MeadOptions& options, absl::Duration timeout = absl::Seconds(30));

  // Kills the child if it still runs.
  ~MeadProcess();
  MeadProcess(const MeadProcess&) = delete;
  MeadProcess& operator=(const MeadProcess&) = delete;

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  // "127.0.0.1:PORT".
  std::string address() const;
  // A channel to it that allows 64 MiB messages both ways.
  std::shared_ptr<grpc::Channel> Channel() const;

  // SIGKILL, then reaps the child: no shutdown code runs, as in a crash or
  // a power cut of the process.
  void Kill();
  // SIGTERM and waits for a clean exit; the exit status, or -1.
  int Terminate();

  // VmRSS of the running child in KiB (0 when it cannot be read).
  int64_t ResidentKilobytes() const;

 private:
  MeadProcess(pid_t pid, int port) : pid_(pid), port_(port) {}

  pid_t pid_;
  int port_;
  bool running_ = true;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_RELIABILITY_MEAD_PROCESS_H_
