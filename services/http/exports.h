// Spreadsheet exports over HTTP, as CSV or Excel (.xlsx):
//
//   GET /v1/exports/dueItems.csv|.xlsx        query: the ListDueItems fields
//   GET /v1/exports/agreements/{agreement_id}/settlements/{number}.csv|.xlsx
//
// The data come through the gRPC channel with the caller's Authorization
// (export/source.h); the tables are export/tables.h's,
// the same that `meactl export` writes. `metadata` goes with every call
// (services/http/exchange.h ForwardedMetadata).
#ifndef MEA_SERVICES_HTTP_EXPORTS_H_
#define MEA_SERVICES_HTTP_EXPORTS_H_

#include <grpcpp/channel.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "export/source.h"
#include "export/table.h"

namespace mea::services::http {

// "csv" or "xlsx".
void HandleDueExport(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& format,
                     const exports::Metadata& metadata,
                     const httplib::Request& request,
                     httplib::Response& response);

void HandleSettlementExport(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& agreement_id,
                            const std::string& number,
                            const std::string& format,
                            const exports::Metadata& metadata,
                            const httplib::Request& request,
                            httplib::Response& response);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_EXPORTS_H_
