#include "common/loopback.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace mea {
namespace {

// The host of "host[:port]" or "[v6][:port]", with its brackets kept;
// nullopt when the port is not decimal digits or the brackets do not
// close where the host ends.
std::optional<absl::string_view> HostOf(absl::string_view host_port) {
  absl::string_view host = host_port;
  absl::string_view port;
  bool has_port = false;
  if (absl::StartsWith(host_port, "[")) {
    const size_t close = host_port.find(']');
    if (close == absl::string_view::npos) return std::nullopt;
    host = host_port.substr(0, close + 1);
    absl::string_view rest = host_port.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return std::nullopt;
      port = rest.substr(1);
      has_port = true;
    }
  } else if (const size_t colon = host_port.find(':');
             colon != absl::string_view::npos) {
    // A second colon: bare IPv6 or a URI scheme; neither is accepted.
    if (host_port.find(':', colon + 1) != absl::string_view::npos) {
      return std::nullopt;
    }
    host = host_port.substr(0, colon);
    port = host_port.substr(colon + 1);
    has_port = true;
  }
  if (has_port) {
    if (port.empty() || port.size() > 5) return std::nullopt;
    for (char c : port) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        return std::nullopt;
      }
    }
  }
  return host;
}

// Four decimal octets 0-255, no leading zeros (which inet_aton would read
// as octal), the first 127.
bool IsLoopbackIpv4(absl::string_view host) {
  std::vector<absl::string_view> octets = absl::StrSplit(host, '.');
  if (octets.size() != 4) return false;
  std::array<int, 4> values{};
  for (size_t i = 0; i < octets.size(); ++i) {
    absl::string_view octet = octets[i];
    if (octet.empty() || octet.size() > 3) return false;
    if (octet.size() > 1 && octet[0] == '0') return false;
    int value = 0;
    for (char c : octet) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    values[i] = value;
  }
  return values[0] == 127;
}

// "[...]" holding ::1 or ::ffff:127.x.y.z, in any spelling inet_pton reads
// (which takes no zone id and no other suffix).
bool IsLoopbackIpv6(absl::string_view host) {
  if (host.size() < 2 || host.front() != '[' || host.back() != ']') {
    return false;
  }
  const std::string inner(host.substr(1, host.size() - 2));
  std::array<uint8_t, 16> address{};
  if (inet_pton(AF_INET6, inner.c_str(), address.data()) != 1) return false;
  for (size_t i = 0; i < 10; ++i) {
    if (address[i] != 0) return false;
  }
  const bool zeros = address[10] == 0 && address[11] == 0;
  const bool mapped = address[10] == 0xff && address[11] == 0xff;
  if (zeros) {
    return address[12] == 0 && address[13] == 0 && address[14] == 0 &&
           address[15] == 1;
  }
  return mapped && address[12] == 127;
}

}  // namespace

bool IsLoopbackAddress(absl::string_view host_port) {
  std::optional<absl::string_view> host = HostOf(host_port);
  if (!host.has_value() || host->empty()) return false;
  return *host == "localhost" || IsLoopbackIpv4(*host) || IsLoopbackIpv6(*host);
}

}  // namespace mea
