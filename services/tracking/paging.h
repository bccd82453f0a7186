// Paging of the tracking List methods on top of services/rpc/pagination.h:
// storage is asked for one row more than the page holds, which tells
// whether a next page exists without counting.
#ifndef MEA_SERVICES_TRACKING_PAGING_H_
#define MEA_SERVICES_TRACKING_PAGING_H_

#include <string>
#include <vector>

#include "services/rpc/pagination.h"

namespace mea::services::tracking {

// Rows to ask storage for.
inline int32_t LookAheadLimit(const Page& page) { return page.size + 1; }

// Drops the look-ahead row, if any, and returns the next page's token, or
// "" on the last page.
template <typename Row>
std::string TrimToPage(std::vector<Row>& rows, const Page& page,
                       const std::string& filter) {
  if (rows.size() <= static_cast<size_t>(page.size)) return "";
  rows.resize(page.size);
  return PageToken(page.offset + page.size, filter);
}

}  // namespace mea::services::tracking

#endif  // MEA_SERVICES_TRACKING_PAGING_H_
