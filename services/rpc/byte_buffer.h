// The bytes of a gRPC ByteBuffer as one string, for code that speaks the
// wire format directly (the HTTP gateway's generic calls, the raw-bytes
// results stream, the health probe in tests).
#ifndef MEA_SERVICES_RPC_BYTE_BUFFER_H_
#define MEA_SERVICES_RPC_BYTE_BUFFER_H_

#include <grpcpp/support/byte_buffer.h>

#include <string>
#include <vector>

namespace mea::services {

// Empty when the buffer cannot be read.
inline std::string ByteBufferToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

}  // namespace mea::services

#endif  // MEA_SERVICES_RPC_BYTE_BUFFER_H_
