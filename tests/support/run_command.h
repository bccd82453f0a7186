// Runs one of the project's real binaries (build/bin/meactl, mead) as a
// child process and captures what it printed.
#ifndef MEA_TESTS_SUPPORT_RUN_COMMAND_H_
#define MEA_TESTS_SUPPORT_RUN_COMMAND_H_

#include <string>
#include <vector>

namespace mea::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The path of a binary in build/bin, e.g. BinaryPath("meactl").
std::string BinaryPath(const std::string& name);

// Runs `program` with `args`, feeding `input` on stdin; waits for it.
CommandResult RunCommand(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::string& input = "");

// Runs build/bin/meactl --server ADDRESS ARGS...
CommandResult RunMeactl(const std::string& server_address,
                        const std::vector<std::string>& args,
                        const std::string& input = "");

}  // namespace mea::testing

#endif  // MEA_TESTS_SUPPORT_RUN_COMMAND_H_
