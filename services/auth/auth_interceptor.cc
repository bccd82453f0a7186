#include "services/auth/auth_interceptor.h"

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/byte_buffer.h>

#include <memory>
#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/auth/auth_log.h"
#include "services/auth/call_auth.h"
#include "services/grpc_status.h"
#include "services/redaction.h"

namespace mea::services::auth {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;

// The response type of "/package.Service/Method", or nullptr when the
// method is not one of the compiled-in protos (e.g. the health service).
const google::protobuf::Descriptor* ResponseType(absl::string_view rpc) {
  size_t slash = rpc.rfind('/');
  if (rpc.size() < 2 || slash == 0 || slash == absl::string_view::npos) {
    return nullptr;
  }
  std::string service(rpc.substr(1, slash - 1));
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          service);
  if (descriptor == nullptr) return nullptr;
  const google::protobuf::MethodDescriptor* method =
      descriptor->FindMethodByName(std::string(rpc.substr(slash + 1)));
  return method == nullptr ? nullptr : method->output_type();
}

class AuthInterceptor : public grpc::experimental::Interceptor {
 public:
  AuthInterceptor(grpc::experimental::ServerRpcInfo* info,
                  const Authenticator* authenticator)
      : context_(info->server_context()),
        rpc_(info->method() == nullptr ? "" : info->method()),
        authenticator_(authenticator) {}

  ~AuthInterceptor() override { ForgetCall(context_); }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      Decide(methods);
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      FilterMessage(methods);
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS) &&
        decided_ && !call_.refusal.ok()) {
      methods->ModifySendStatus(ToGrpcStatus(call_.refusal));
    }
    methods->Proceed();
  }

 private:
  void Decide(InterceptorBatchMethods* methods) {
    std::optional<absl::string_view> authorization;
    auto* metadata = methods->GetRecvInitialMetadata();
    if (metadata != nullptr) {
      auto found = metadata->find(kAuthorizationHeader);
      if (found != metadata->end()) {
        authorization =
            absl::string_view(found->second.data(), found->second.size());
      }
    }
    call_ = DecideCall(*authenticator_, rpc_, authorization);
    decided_ = true;
    RememberCall(context_, call_);
  }

  void FilterMessage(InterceptorBatchMethods* methods) {
    if (!decided_) return;
    grpc::ByteBuffer* buffer = methods->GetSerializedSendMessage();
    if (buffer == nullptr) return;
    if (!call_.refusal.ok()) {
      // A refused call answers nothing, whatever its handler produced.
      grpc::Slice empty;
      grpc::ByteBuffer nothing(&empty, 1);
      buffer->Swap(&nothing);
      return;
    }
    if (SeesAllConfidential(call_.principal)) return;
    const google::protobuf::Descriptor* type = ResponseType(rpc_);
    if (type == nullptr || !MayHoldConfidential(type)) return;
    RedactBuffer(type, *buffer);
  }

  void RedactBuffer(const google::protobuf::Descriptor* type,
                    grpc::ByteBuffer& buffer) {
    std::unique_ptr<google::protobuf::Message> message(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(type)
            ->New());
    grpc::ByteBuffer original(buffer);
    grpc::Status parsed = grpc::GenericDeserialize<grpc::ProtoBufferReader,
                                                   google::protobuf::Message>(
        &original, message.get());
    grpc::ByteBuffer redacted;
    bool own_buffer = false;
    if (parsed.ok()) {
      Redact(call_.principal, *message);
      parsed = grpc::GenericSerialize<grpc::ProtoBufferWriter,
                                      google::protobuf::Message>(
          *message, &redacted, &own_buffer);
    }
    if (!parsed.ok()) {
      // Never let an unredacted message through: send an empty one.
      AuthLog(std::string("could not redact a response of ") + rpc_);
      grpc::Slice empty;
      redacted = grpc::ByteBuffer(&empty, 1);
    }
    buffer.Swap(&redacted);
  }

  const grpc::ServerContextBase* context_;
  std::string rpc_;
  const Authenticator* authenticator_;
  bool decided_ = false;
  CallAuth call_;
};

}  // namespace

grpc::experimental::Interceptor*
AuthInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new AuthInterceptor(info, authenticator_);
}

}  // namespace mea::services::auth
