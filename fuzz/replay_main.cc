// Replays saved inputs through a fuzz target without libFuzzer, so that the
// inputs that once crashed (fuzz/regressions/<target>/) and the seeds run in
// every ctest run, built by the ordinary compiler.
//
// usage: fuzz_replay_<target> PATH...   (files, or folders read recursively)
// Exits 1 when no input was found: a replay of nothing proves nothing. A
// broken invariant aborts (fuzz_check.h), naming the file on stderr first.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::filesystem::path> InputsUnder(const std::string& argument) {
  std::vector<std::filesystem::path> inputs;
  const std::filesystem::path root(argument);
  if (std::filesystem::is_regular_file(root)) {
    inputs.push_back(root);
  } else if (std::filesystem::is_directory(root)) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(root)) {
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    }
  } else {
    std::cerr << "replay: no such file or folder: " << argument << "\n";
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace

int main(int argc, char** argv) {
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    for (const std::filesystem::path& path : InputsUnder(argv[i])) {
      const std::string bytes = Slurp(path);
      std::cerr << "replay: " << path.string() << " (" << bytes.size()
                << " bytes)" << std::endl;
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()),
                             bytes.size());
      ++replayed;
    }
  }
  std::cout << "replay: " << replayed << " inputs passed\n";
  return replayed > 0 ? 0 : 1;
}
