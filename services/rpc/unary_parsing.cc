#include "services/rpc/unary_parsing.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <cstdlib>
#include <iostream>

#include "services/rpc/byte_buffer.h"
#include "common/grpc_status.h"
#include "services/rpc/unparsable_request.h"

namespace mea::services {

grpc::Status ReadUnaryRequest(
    grpc::internal::ReaderInterface<grpc::ByteBuffer>& stream,
    google::protobuf::Message& request) {
  grpc::ByteBuffer received;
  if (!stream.Read(&received)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "the call carries no request message");
  }
  // Parsing consumes its buffer; the copy shares the bytes, for the report.
  grpc::ByteBuffer kept(received);
  const grpc::Status parsed =
      grpc::GenericDeserialize<grpc::ProtoBufferReader,
                               google::protobuf::Message>(&received, &request);
  if (parsed.ok()) return parsed;
  return ToGrpcStatus(UnparsableRequestStatus(ByteBufferToString(kept),
                                              *request.GetDescriptor()));
}

int UnaryMethodIndex(const std::string& service_name, const std::string& rpc,
                     const google::protobuf::Descriptor& request_type) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          service_name);
  const google::protobuf::MethodDescriptor* method =
      service == nullptr ? nullptr : service->FindMethodByName(rpc);
  if (method == nullptr || method->client_streaming() ||
      method->server_streaming() || method->input_type() != &request_type) {
    std::cerr << "mead: " << service_name << "/" << rpc
              << " is not a unary method taking " << request_type.full_name()
              << "\n";
    std::abort();
  }
  return method->index();
}

}  // namespace mea::services
