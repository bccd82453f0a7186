#include "services/auth/call_peer.h"

#include "absl/strings/str_cat.h"

namespace mea::services::auth {
namespace {

// What gRPC's ServerContext::peer() says when the transport named none.
constexpr absl::string_view kNoPeer = "unknown";

// An address is short; anything longer is not one.
constexpr size_t kMaxAddressBytes = 128;

// Printable ASCII only: the text goes into a log line.
std::string Printable(absl::string_view text) {
  std::string printable(text.substr(0, kMaxAddressBytes));
  for (char& c : printable) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) c = '?';
  }
  if (text.size() > kMaxAddressBytes) printable += "...";
  return printable;
}

}  // namespace

bool IsInProcess(const CallTransport& transport) {
  // gRPC 1.51 reports "ipv4:..."/"ipv6:..." with "insecure" or "ssl" for
  // TCP, and no security type with its placeholder peer "unknown" for the
  // in-process transport. Both are required, so that a TCP call for which
  // gRPC failed to name one is still not taken for an in-process one
  // (tests/auth/refusal_log_test.cc pins this down for all three).
  return transport.security_type.empty() &&
         (transport.peer.empty() || transport.peer == kNoPeer);
}

std::string CallPeer(const CallTransport& transport,
                     std::optional<absl::string_view> http_client_address) {
  if (!IsInProcess(transport)) {
    return transport.peer.empty() ? "unknown" : Printable(transport.peer);
  }
  if (http_client_address.has_value() && !http_client_address->empty()) {
    return absl::StrCat("http:", Printable(*http_client_address));
  }
  return "inproc";
}

}  // namespace mea::services::auth
