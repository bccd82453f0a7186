// Spreadsheet exports over HTTP, as CSV or Excel (.xlsx):
//
//   GET /v1/exports/dueItems.csv|.xlsx        query: the ListDueItems fields
//   GET /v1/exports/agreements/{agreement_id}/settlements/{number}.csv|.xlsx
//
// The data come through the gRPC channel with the caller's Authorization
// (export/source.h); the tables are export/tables.h's,
// the same that `meactl export` writes. The exchange's metadata goes with
// every call (services/http/exchange.h).
#ifndef MEA_SERVICES_HTTP_EXPORTS_H_
#define MEA_SERVICES_HTTP_EXPORTS_H_

#include <grpcpp/channel.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "services/http/exchange.h"

namespace mea::services::http {

// `format`: "csv" or "xlsx". OK once the download is written; otherwise
// the error to write (services/http/exchange.h).
absl::Status HandleDueExport(const std::shared_ptr<grpc::Channel>& channel,
                             const std::string& format,
                             const Exchange& exchange);

absl::Status HandleSettlementExport(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& agreement_id, const std::string& number,
    const std::string& format, const Exchange& exchange);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_EXPORTS_H_
