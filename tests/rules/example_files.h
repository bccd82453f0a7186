#ifndef MEA_TESTS_RULES_EXAMPLE_FILES_H_
#define MEA_TESTS_RULES_EXAMPLE_FILES_H_

// Access to the worked examples of shared/examples (MEA_EXAMPLES_DIR).

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace mea::testing {

inline constexpr std::string_view kExampleNames[] = {
    "impress-expansion-cohort", "price-volume-with-cap", "payment-by-result"};

inline std::string ExamplePath(std::string_view file) {
  return std::string(MEA_EXAMPLES_DIR) + "/" + std::string(file);
}

// The file's contents, or "" when it cannot be read (the caller's
// expectations then fail with the file name).
inline std::string ReadExample(std::string_view file) {
  std::ifstream stream(ExamplePath(file), std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

}  // namespace mea::testing

#endif  // MEA_TESTS_RULES_EXAMPLE_FILES_H_
