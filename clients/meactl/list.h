// The list commands of meactl (methods list, decisions list, due,
// agreements list, settlements list, audit list): the paging flags they
// all take and the one body that fetches the pages and prints them. A list
// command reads its filters into the request and hands the rest to
// RunList:
//
//   std::optional<Paging> paging = ReadPaging(context, args);
//   if (!paging.has_value()) return kExitUsage;
//   v1::ListMethodsRequest request;  // the filters
//   return RunList(context, *Stub(context),
//                  &v1::TrackingService::Stub::ListMethods, request,
//                  *paging, [&](const v1::ListMethodsResponse& merged) {
//                    /* print the table */
//                  });
#ifndef MEA_CLIENTS_MEACTL_LIST_H_
#define MEA_CLIENTS_MEACTL_LIST_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "clients/meactl/cli.h"

namespace mea::meactl {

// --page_size N, --page_token T and --all.
struct Paging {
  // 0: the server's default.
  int32_t page_size = 0;
  std::string page_token;
  // Every page from page_token on, not only the first.
  bool all = false;
};

// Reads the paging flags (so that Args::Unused knows them; "all" must be a
// boolean flag of Args::Parse). nullopt after printing the problem when
// --page_size is not a positive number.
std::optional<Paging> ReadPaging(const Context& context, const Args& args);

// Calls a List RPC once, or with `all` page after page until the last,
// into `merged`: the first page whole, the rows of later pages appended,
// and the next_page_token of the last page read (empty when there is no
// more). `list` is the stub's method, e.g.
// &v1::TrackingService::Stub::ListMethods.
template <class Stub, class Request, class Response>
grpc::Status ListPages(const Context& context, Stub& stub,
                       grpc::Status (Stub::*list)(grpc::ClientContext*,
                                                  const Request&, Response*),
                       Request request, bool all, Response& merged) {
  bool first = true;
  do {
    Response page;
    std::unique_ptr<grpc::ClientContext> call = context.NewCallContext();
    grpc::Status status = (stub.*list)(call.get(), request, &page);
    if (!status.ok()) return status;
    request.set_page_token(page.next_page_token());
    if (first) {
      merged = std::move(page);
      first = false;
    } else {
      merged.MergeFrom(page);
      merged.set_next_page_token(request.page_token());
    }
  } while (all && !request.page_token().empty());
  return grpc::Status::OK;
}

// After a table: where the next page starts, when there is one.
void PrintMoreHint(const Context& context, const std::string& next_page_token);

// The body of every list command: lists `request` (its filters) with
// `paging` (ListPages), then prints the merged response, as JSON with
// --output json, else with `print(merged)` and the hint to the next page.
// Returns the exit status (a refused call: ReportError's).
template <class Stub, class Request, class Response, class Print>
int RunList(const Context& context, Stub& stub,
            grpc::Status (Stub::*list)(grpc::ClientContext*, const Request&,
                                       Response*),
            Request request, const Paging& paging, const Print& print) {
  request.set_page_size(paging.page_size);
  request.set_page_token(paging.page_token);
  Response merged;
  grpc::Status status =
      ListPages(context, stub, list, std::move(request), paging.all, merged);
  if (!status.ok()) return ReportError(context, status);
  if (context.json()) {
    PrintJson(context, merged);
    return kExitOk;
  }
  print(merged);
  PrintMoreHint(context, merged.next_page_token());
  return kExitOk;
}

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_LIST_H_
