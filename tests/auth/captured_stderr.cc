#include "tests/auth/captured_stderr.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "tests/auth/test_pki.h"

namespace mea::testing {

CapturedStderr::CapturedStderr() : path_(folder_.File("stderr")) {
  std::cerr.flush();
  std::fflush(stderr);
  saved_ = dup(STDERR_FILENO);
  const int file =
      open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  dup2(file, STDERR_FILENO);
  close(file);
}

CapturedStderr::~CapturedStderr() {
  std::cerr.flush();
  std::fflush(stderr);
  dup2(saved_, STDERR_FILENO);
  close(saved_);
}

std::string CapturedStderr::Text() const {
  std::cerr.flush();
  return ReadText(path_);
}

}  // namespace mea::testing
