// One table in the format asked for: "csv" (RFC 4180, export/csv.h)
// or "xlsx" (Excel, export/xlsx.h). Shared by the HTTP exports and
// `meactl export`.
#ifndef MEA_EXPORT_RENDER_H_
#define MEA_EXPORT_RENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "export/table.h"

namespace mea::exports {

struct Rendered {
  std::string bytes;
  // The media type, e.g. "text/csv; charset=utf-8".
  std::string content_type;
};

// INVALID_ARGUMENT for a format other than "csv" or "xlsx".
absl::StatusOr<Rendered> RenderTable(const Table& table,
                                     const std::string& format);

}  // namespace mea::exports

#endif  // MEA_EXPORT_RENDER_H_
