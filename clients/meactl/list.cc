#include "clients/meactl/list.h"

#include <ostream>

#include "absl/strings/numbers.h"

namespace mea::meactl {

std::optional<Paging> ReadPaging(const Context& context, const Args& args) {
  Paging paging;
  paging.page_token = args.Get("page_token");
  paging.all = args.Get("all") == "true";
  const std::string size = args.Get("page_size");
  if (!size.empty() &&
      (!absl::SimpleAtoi(size, &paging.page_size) || paging.page_size <= 0)) {
    *context.err << "meactl: --page_size must be a positive number\n";
    return std::nullopt;
  }
  return paging;
}

void PrintMoreHint(const Context& context, const std::string& next_page_token) {
  if (next_page_token.empty()) return;
  *context.out << "(flere / more: --page_token " << next_page_token
               << ", or --all)\n";
}

}  // namespace mea::meactl
