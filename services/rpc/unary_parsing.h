// gRPC's synchronous server parses a unary request before any mea code
// runs, and answers one that does not parse (a text field that is not
// UTF-8, bytes cut short) with INTERNAL and an empty message: the client's
// mistake reported as the server's fault, with no field named. A service
// that derives from ParsesUnaryRequests and lists its unary methods with
// ParseRequestsOf gets, for each of them, a handler that reads the request
// as bytes and parses it here: a request that does not parse is answered
// INVALID_ARGUMENT with a google.rpc.BadRequest naming the fields
// (services/rpc/unparsable_request.h), and the method is never called; a
// request that parses reaches the service's own method unchanged, on the
// same thread, with the same ServerContext, so authorization, redaction,
// audit and deadlines behave exactly as before.
//
// How: gRPC's "streamed unary" form (grpc::Service::MarkMethodStreamed, as
// in the generated WithStreamedUnaryMethod_ classes). To the server the
// method becomes a stream of one read and one write, so gRPC hands over the
// request without parsing it. On the wire nothing changes for clients.
#ifndef MEA_SERVICES_RPC_UNARY_PARSING_H_
#define MEA_SERVICES_RPC_UNARY_PARSING_H_

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/method_handler.h>
#include <grpcpp/support/sync_stream.h>

#include <string>
#include <utility>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace mea::services {

// Reads the one request of a streamed-unary call into `request`: OK, or
// INVALID_ARGUMENT naming what does not parse (or that no request came).
grpc::Status ReadUnaryRequest(
    grpc::internal::ReaderInterface<grpc::ByteBuffer>& stream,
    google::protobuf::Message& request);

// The index gRPC's generated code gives `rpc` in the proto service
// `service_name` (the proto's order). Aborts when there is no such unary
// method taking `request_type`: a wrong registration is a programming error
// that must not start a server.
int UnaryMethodIndex(const std::string& service_name, const std::string& rpc,
                     const google::protobuf::Descriptor& request_type);

// Base for a service implementation: `GeneratedService` is the generated
// v1::XService::Service (or a generated wrapper of it).
template <class GeneratedService>
class ParsesUnaryRequests : public GeneratedService {
 protected:
  // `service_name` is the proto service's full name ("mea.v1.XService").
  explicit ParsesUnaryRequests(std::string service_name)
      : service_name_(std::move(service_name)) {}

  // Hands `method` (the service's own override of unary RPC `rpc`) the
  // request parsed here. Call once per unary method, in the constructor.
  template <class Service, class Request, class Response>
  void ParseRequestsOf(const std::string& rpc,
                       grpc::Status (Service::*method)(grpc::ServerContext*,
                                                       const Request*,
                                                       Response*)) {
    using Stream = grpc::ServerUnaryStreamer<grpc::ByteBuffer, Response>;
    auto* service = static_cast<Service*>(this);
    this->MarkMethodStreamed(
        UnaryMethodIndex(service_name_, rpc, *Request::descriptor()),
        new grpc::internal::StreamedUnaryHandler<grpc::ByteBuffer, Response>(
            [service, method](grpc::ServerContext* context, Stream* stream) {
              Request request;
              grpc::Status status = ReadUnaryRequest(*stream, request);
              if (!status.ok()) return status;
              Response response;
              status = (service->*method)(context, &request, &response);
              // Sent with the status, as a unary answer is.
              if (status.ok()) {
                stream->WriteLast(response, grpc::WriteOptions());
              }
              return status;
            }));
  }

 private:
  std::string service_name_;
};

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_UNARY_PARSING_H_
