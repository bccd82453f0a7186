// Starts one of the project's binaries as a child process, safely from a
// test process that has threads (gRPC's).
#ifndef MEA_TESTS_SUPPORT_SPAWN_H_
#define MEA_TESTS_SUPPORT_SPAWN_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace mea::testing {

// Starts `program` with `args` in a child process whose stdin, stdout and
// stderr are the caller's descriptors `in`, `out` and `err` (the caller
// keeps them and closes them). Returns the child's pid, or -1 when fork
// fails; a child that cannot set up or exec exits 127.
//
// Everything the child needs is prepared before fork: between fork and
// exec only async-signal-safe calls may run, because another thread of the
// parent may hold the allocator's lock at the moment of the fork.
pid_t Spawn(const std::string& program, const std::vector<std::string>& args,
            int in, int out, int err);

}  // namespace mea::testing

#endif  // MEA_TESTS_SUPPORT_SPAWN_H_
