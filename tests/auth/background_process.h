// A real binary (e.g. mead) running in the background for a test, with its
// stdout and stderr captured in files; stopped with SIGTERM.
#ifndef MEA_TESTS_AUTH_BACKGROUND_PROCESS_H_
#define MEA_TESTS_AUTH_BACKGROUND_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace mea::testing {

class BackgroundProcess {
 public:
  // Starts `program` with `args`; output goes to `log_path` (both streams).
  BackgroundProcess(const std::string& program,
                    const std::vector<std::string>& args,
                    const std::string& log_path);
  ~BackgroundProcess();

  // Waits (up to ~10 s) until the log contains `text`; false on timeout or
  // when the process ended.
  bool WaitForLog(const std::string& text);
  // SIGTERM, then waits; returns the exit code (-1 if killed).
  int Stop();
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_BACKGROUND_PROCESS_H_
