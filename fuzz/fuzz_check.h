// FUZZ_CHECK: the assertion of the fuzz targets. A broken invariant prints
// what broke and aborts, which libFuzzer records as a crash (and saves the
// input) and which fails the regression replay in ctest. Unlike assert() it
// stays on in every build type, because the replay runs in Debug and
// Release alike.
#ifndef MEA_FUZZ_FUZZ_CHECK_H_
#define MEA_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                         \
  do {                                                                \
    if (!(condition)) {                                               \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
                   __LINE__, #condition);                             \
      std::abort();                                                   \
    }                                                                 \
  } while (false)

#endif  // MEA_FUZZ_FUZZ_CHECK_H_
