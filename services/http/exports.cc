#include "services/http/exports.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "export/render.h"
#include "export/source.h"
#include "export/tables.h"
#include "common/field_violations.h"
#include "services/http/exchange.h"
#include "services/http/transcode.h"

namespace mea::services::http {
namespace {

// Sends the table as a download named `name`.`format`.
void WriteTable(const exports::Table& table, const std::string& name,
                const std::string& format, httplib::Response& response) {
  absl::StatusOr<exports::Rendered> rendered =
      exports::RenderTable(table, format);
  if (!rendered.ok()) {
    WriteError(response, rendered.status());
    return;
  }
  response.set_header("Cache-Control", "no-store");
  response.set_header(
      "Content-Disposition",
      absl::StrCat("attachment; filename=\"", name, ".", format, "\""));
  response.set_content(std::move(rendered->bytes), rendered->content_type);
}

// Agreement ids are 1 to 64 of A-Z, a-z, 0-9, '-', '_' (agreements.proto),
// so they are safe in a file name; anything else is left out of it.
std::string FileNamePart(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
        c == '_') {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void HandleDueExport(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& format,
                     const exports::Metadata& metadata,
                     const httplib::Request& request,
                     httplib::Response& response) {
  absl::StatusOr<QueryParams> query = QueryOf(request);
  if (!query.ok()) {
    WriteError(response, query.status());
    return;
  }
  FieldViolations violations;
  v1::ListDueItemsRequest due;
  ApplyQueryParameters(*query, {}, &due, &violations);
  if (!violations.empty()) {
    WriteError(response, violations.ToStatus());
    return;
  }
  absl::StatusOr<std::vector<v1::DueItem>> items =
      exports::FetchDueItems(channel, due, metadata);
  if (!items.ok()) {
    WriteError(response, items.status());
    return;
  }
  WriteTable(exports::DueItemsTable(*items), "frister-due-items", format,
             response);
}

void HandleSettlementExport(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& agreement_id,
                            const std::string& number,
                            const std::string& format,
                            const exports::Metadata& metadata,
                            const httplib::Request& request,
                            httplib::Response& response) {
  std::int64_t settlement_number = 0;
  if (!absl::SimpleAtoi(number, &settlement_number) || settlement_number < 1) {
    FieldViolations violations;
    violations.Add("number", absl::StrCat("must be a settlement number (1, "
                                          "2, ...), got \"",
                                          number, "\""));
    WriteError(response, violations.ToStatus());
    return;
  }
  absl::StatusOr<v1::StoredSettlement> stored = exports::FetchSettlement(
      channel, agreement_id, settlement_number, metadata);
  if (!stored.ok()) {
    WriteError(response, stored.status());
    return;
  }
  WriteTable(exports::SettlementTable(*stored),
             absl::StrCat("oppgjor-", FileNamePart(agreement_id), "-",
                          settlement_number),
             format, response);
}

}  // namespace mea::services::http
