#include "export/source.h"

#include <grpcpp/client_context.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "mea/v1/agreements.grpc.pb.h"
#include "mea/v1/tracking.grpc.pb.h"

namespace mea::exports {
namespace {

// ListDueItems' largest page (see tracking.proto).
constexpr int kPageSize = 1000;
// A guard against a server that keeps answering with a page token.
constexpr int kMaxPages = 10000;

std::unique_ptr<grpc::ClientContext> NewCall(const Metadata& metadata) {
  auto call = std::make_unique<grpc::ClientContext>();
  call->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  for (const auto& [key, value] : metadata) call->AddMetadata(key, value);
  return call;
}

}  // namespace

absl::StatusOr<std::vector<v1::DueItem>> FetchDueItems(
    const std::shared_ptr<grpc::Channel>& channel,
    v1::ListDueItemsRequest request, const Metadata& metadata) {
  if (request.page_size() == 0) request.set_page_size(kPageSize);
  auto stub = v1::TrackingService::NewStub(channel);
  std::vector<v1::DueItem> items;
  for (int page = 0; page < kMaxPages; ++page) {
    v1::ListDueItemsResponse response;
    auto call = NewCall(metadata);
    MEA_RETURN_IF_ERROR(
        FromGrpcStatus(stub->ListDueItems(call.get(), request, &response)));
    items.insert(items.end(), response.items().begin(), response.items().end());
    if (response.next_page_token().empty()) return items;
    request.set_page_token(response.next_page_token());
  }
  return absl::InternalError("ListDueItems did not stop paging");
}

absl::StatusOr<v1::StoredSettlement> FetchSettlement(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& agreement_id, std::int64_t number,
    const Metadata& metadata) {
  v1::GetSettlementRequest request;
  request.set_agreement_id(agreement_id);
  request.set_number(number);
  v1::StoredSettlement stored;
  auto call = NewCall(metadata);
  MEA_RETURN_IF_ERROR(
      FromGrpcStatus(v1::AgreementService::NewStub(channel)->GetSettlement(
          call.get(), request, &stored)));
  return stored;
}

}  // namespace mea::exports
