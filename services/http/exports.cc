#include "services/http/exports.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/status_macros.h"
#include "export/render.h"
#include "export/source.h"
#include "export/tables.h"
#include "services/http/transcode.h"

namespace mea::services::http {
namespace {

// Sends the table as a download named `name`.`format`.
absl::Status WriteTable(const exports::Table& table, const std::string& name,
                        const std::string& format,
                        httplib::Response& response) {
  MEA_ASSIGN_OR_RETURN(exports::Rendered rendered,
                       exports::RenderTable(table, format));
  response.set_header("Cache-Control", "no-store");
  response.set_header(
      "Content-Disposition",
      absl::StrCat("attachment; filename=\"", name, ".", format, "\""));
  response.set_content(std::move(rendered.bytes), rendered.content_type);
  return absl::OkStatus();
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

absl::Status HandleDueExport(const std::shared_ptr<grpc::Channel>& channel,
                             const std::string& format,
                             const Exchange& exchange) {
  MEA_ASSIGN_OR_RETURN(const QueryParams query, QueryOf(exchange.request));
  FieldViolations violations;
  v1::ListDueItemsRequest due;
  ApplyQueryParameters(query, {}, &due, &violations);
  MEA_RETURN_IF_ERROR(violations.ToStatus());
  MEA_ASSIGN_OR_RETURN(const std::vector<v1::DueItem> items,
                       exports::FetchDueItems(channel, due, exchange.metadata));
  return WriteTable(exports::DueItemsTable(items), "frister-due-items", format,
                    exchange.response);
}

absl::Status HandleSettlementExport(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& agreement_id, const std::string& number,
    const std::string& format, const Exchange& exchange) {
  std::int64_t settlement_number = 0;
  if (!absl::SimpleAtoi(number, &settlement_number) || settlement_number < 1) {
    FieldViolations violations;
    violations.Add("number", absl::StrCat("must be a settlement number (1, "
                                          "2, ...), got \"",
                                          number, "\""));
    return violations.ToStatus();
  }
  MEA_ASSIGN_OR_RETURN(
      const v1::StoredSettlement stored,
      exports::FetchSettlement(channel, agreement_id, settlement_number,
                               exchange.metadata));
  return WriteTable(exports::SettlementTable(stored),
                    absl::StrCat("oppgjor-", FileNamePart(agreement_id), "-",
                                 settlement_number),
                    format, exchange.response);
}

}  // namespace mea::services::http
