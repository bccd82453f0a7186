// What the exports and the calendar feed are made of, fetched through the
// public gRPC API on a channel: the server's HTTP gateway uses its
// in-process channel (so authentication and authorization apply as for any
// client), meactl uses its own. One way to fetch, whoever exports.
#ifndef MEA_EXPORT_SOURCE_H_
#define MEA_EXPORT_SOURCE_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"
#include "mea/v1/tracking.pb.h"

namespace mea::exports {

// Sent with every call, e.g. {"authorization", "Bearer ..."}.
using Metadata = std::vector<std::pair<std::string, std::string>>;

// Every item ListDueItems returns for `request`, following the pages from
// request.page_token (page_size 0 asks for the largest pages).
absl::StatusOr<std::vector<v1::DueItem>> FetchDueItems(
    const std::shared_ptr<grpc::Channel>& channel,
    v1::ListDueItemsRequest request, const Metadata& metadata);

absl::StatusOr<v1::StoredSettlement> FetchSettlement(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& agreement_id, std::int64_t number,
    const Metadata& metadata);

}  // namespace mea::exports

#endif  // MEA_EXPORT_SOURCE_H_
