// Captures what this process writes to stderr (file descriptor 2), such as
// the server's log lines, while the object lives.
#ifndef MEA_TESTS_AUTH_CAPTURED_STDERR_H_
#define MEA_TESTS_AUTH_CAPTURED_STDERR_H_

#include <string>

#include "tests/support/temp_dir.h"

namespace mea::testing {

class CapturedStderr {
 public:
  CapturedStderr();
  // Restores stderr.
  ~CapturedStderr();
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  // Everything written so far.
  std::string Text() const;

 private:
  TempDir folder_;
  std::string path_;
  int saved_ = -1;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_CAPTURED_STDERR_H_
