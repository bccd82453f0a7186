// One table in the format asked for: "csv" (RFC 4180, services/export_csv.h)
// or "xlsx" (Excel, services/export_xlsx.h). Shared by the HTTP exports and
// `meactl export`.
#ifndef MEA_SERVICES_EXPORT_RENDER_H_
#define MEA_SERVICES_EXPORT_RENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/export_table.h"

namespace mea::services::exports {

struct Rendered {
  std::string bytes;
  // The media type, e.g. "text/csv; charset=utf-8".
  std::string content_type;
};

// INVALID_ARGUMENT for a format other than "csv" or "xlsx".
absl::StatusOr<Rendered> RenderTable(const Table& table,
                                     const std::string& format);

}  // namespace mea::services::exports

#endif  // MEA_SERVICES_EXPORT_RENDER_H_
