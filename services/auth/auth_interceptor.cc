#include "services/auth/auth_interceptor.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/security/auth_context.h>
#include <grpcpp/support/byte_buffer.h>

#include <memory>
#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/auth/auth_log.h"
#include "services/auth/call_auth.h"
#include "services/auth/call_peer.h"
#include "services/auth/refusal_log.h"
#include "common/grpc_status.h"
#include "services/auth/redaction.h"

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
        authenticator_(authenticator) {
    call_.rpc = rpc_;
  }

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
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      FinishStatus(methods);
    }
    methods->Proceed();
  }

 private:
  // The value of metadata `key`, nullopt when absent.
  static std::optional<absl::string_view> Metadata(
      InterceptorBatchMethods* methods, absl::string_view key) {
    auto* metadata = methods->GetRecvInitialMetadata();
    if (metadata == nullptr) return std::nullopt;
    auto found = metadata->find(grpc::string_ref(key.data(), key.size()));
    if (found == metadata->end()) return std::nullopt;
    return absl::string_view(found->second.data(), found->second.size());
  }

  void Decide(InterceptorBatchMethods* methods) {
    call_ = DecideCall(*authenticator_, rpc_,
                       Metadata(methods, kAuthorizationHeader));
    decided_ = true;
    // The HTTP door's header is only read here, and CallPeer only believes
    // it on the in-process channel.
    peer_ = CallPeer(Transport(), Metadata(methods, kHttpClientAddressHeader));
    RememberCall(context_, call_);
  }

  // What gRPC tells of how the call arrived (services/auth/call_peer.h).
  CallTransport Transport() const {
    CallTransport transport;
    transport.peer = context_->peer();
    std::shared_ptr<const grpc::AuthContext> auth = context_->auth_context();
    if (auth != nullptr) {
      for (const grpc::string_ref& type : auth->FindPropertyValues(
               GRPC_TRANSPORT_SECURITY_TYPE_PROPERTY_NAME)) {
        transport.security_type.assign(type.data(), type.size());
      }
    }
    return transport;
  }

  // The final status: a refused call's refusal, whatever its handler sent
  // (second line of defence); and every refusal, whoever decided it (the
  // table here, or a handler's own-organisation check), is logged once.
  void FinishStatus(InterceptorBatchMethods* methods) {
    if (decided_ && !call_.refusal.ok()) {
      methods->ModifySendStatus(ToGrpcStatus(call_.refusal));
    }
    const grpc::Status sent = methods->GetSendStatus();
    const absl::Status status = FromGrpcStatus(sent);
    if (IsRefusal(status.code())) {
      LogRefusal(call_, status,
                 decided_ ? peer_ : CallPeer(Transport(), std::nullopt));
    }
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
  // For the log of refusals (services/auth/call_peer.h).
  std::string peer_;
};

}  // namespace

grpc::experimental::Interceptor*
AuthInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new AuthInterceptor(info, authenticator_);
}

}  // namespace mea::services::auth
