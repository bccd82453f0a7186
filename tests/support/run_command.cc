#include "tests/support/run_command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/support/spawn.h"
#include "tests/support/temp_dir.h"

namespace mea::testing {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

}  // namespace

std::string BinaryPath(const std::string& name) {
  return std::string(MEA_BIN_DIR) + "/" + name;
}

CommandResult RunCommand(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::string& input) {
  // Files rather than pipes: no deadlock on large output, nothing to poll.
  TempDir folder;
  std::string in_path = folder.File("stdin");
  std::string out_path = folder.File("stdout");
  std::string err_path = folder.File("stderr");
  std::ofstream(in_path, std::ios::binary) << input;

  const int in = open(in_path.c_str(), O_RDONLY | O_CLOEXEC);
  const int created = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  const int out = open(out_path.c_str(), created, 0600);
  const int err = open(err_path.c_str(), created, 0600);
  const pid_t child = Spawn(program, args, in, out, err);
  for (const int descriptor : {in, out, err}) {
    if (descriptor >= 0) close(descriptor);
  }
  CommandResult result;
  int status = 0;
  if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  return result;
}

CommandResult RunMeactl(const std::string& server_address,
                        const std::vector<std::string>& args,
                        const std::string& input) {
  std::vector<std::string> all = {"--server", server_address};
  all.insert(all.end(), args.begin(), args.end());
  return RunCommand(BinaryPath("meactl"), all, input);
}

}  // namespace mea::testing
