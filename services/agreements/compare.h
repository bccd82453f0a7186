// Side-by-side comparison of two settlements of the same results (two draft
// terms), for CompareDrafts: line by line by index, and the totals. Every
// difference is second - first, signed money with two decimals; a line
// that only one draft has counts as 0.00 on the other side.
#ifndef MEA_SERVICES_AGREEMENTS_COMPARE_H_
#define MEA_SERVICES_AGREEMENTS_COMPARE_H_

#include "mea/v1/agreements.pb.h"
#include "rules/settle.h"

namespace mea::services::agreements {

v1::CompareDraftsResponse CompareSettlements(const rules::Settlement& first,
                                             const rules::Settlement& second);

}  // namespace mea::services::agreements

#endif  // MEA_SERVICES_AGREEMENTS_COMPARE_H_
