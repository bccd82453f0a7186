#include "services/auth/auth_log.h"

#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"

namespace mea::services::auth {

void AuthLog(absl::string_view line) {
  // One write per line, so concurrent calls do not interleave mid-line.
  std::string whole = absl::StrCat("mead: auth: ", line, "\n");
  std::cerr.write(whole.data(), static_cast<std::streamsize>(whole.size()));
  std::cerr.flush();
}

}  // namespace mea::services::auth
