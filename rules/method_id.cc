#include "rules/method_id.h"

#include "absl/strings/ascii.h"

namespace mea::rules {

bool IsMethodId(std::string_view id) {
  if (id.size() != 10 || id.substr(0, 2) != "ID" || id[6] != '_') return false;
  for (size_t i = 2; i < id.size(); ++i) {
    if (i != 6 && !absl::ascii_isdigit(static_cast<unsigned char>(id[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace mea::rules
