// Which requests mead's HTTP door answers at all, checked before any route
// (docs/security.md, "The HTTP door"). A browser lets any web site send
// requests to a loopback port; these rules keep such requests from ever
// reaching a handler, in development mode and with tokens alike:
//
// 1. Host: the request must name this server (DNS rebinding points an
//    attacker's name at 127.0.0.1, so the browser sends
//    `Host: attacker.example`). Allowed: the host:port given to
//    --http_listen (with the bound port); on loopback also `localhost`,
//    `127.0.0.1` and `[::1]` with that port; and each --http_allowed_hosts
//    entry: "name:port" exactly, "name" on any port. A Host without a port
//    means the scheme's default port (80, 443). Otherwise 421.
// 2. Origin: a request other than GET and HEAD that carries an Origin must
//    come from one of those hosts with the door's scheme (https also when
//    the request comes through a trusted proxy, which ends TLS before
//    mead). `Origin: null` is another origin. Otherwise 403. A request
//    without Origin (curl, scripts) passes: browsers send one with every
//    cross-origin request that could change state.
// 3. Content-Type: a request with a body must say application/json
//    (parameters such as charset aside). text/plain, form encodings and
//    multipart are what a cross-site page may send without asking first
//    (a "simple request"); they get 415.
//
// Refusals carry the JSON error body of every other error.
#ifndef MEA_SERVICES_HTTP_DOOR_H_
#define MEA_SERVICES_HTTP_DOOR_H_

#include <httplib.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mea::services::http {

// "name", "name:port", "[v6]" or "[v6]:port", as in a Host header or a
// URL. The name is lowercased and IPv6 loses its brackets; port -1 when
// none is given. nullopt when malformed (empty name, bad port).
struct Authority {
  std::string host;
  int port = -1;
};
std::optional<Authority> ParseAuthority(absl::string_view text);

struct DoorOptions {
  // The host of --http_listen, brackets removed, and the bound port.
  std::string listen_host;
  int port = 0;
  // The door speaks HTTPS.
  bool https = false;
  // --http_allowed_hosts: "name" or "name:port".
  std::vector<std::string> allowed_hosts;
};

// Why a request is not answered: its HTTP status (421, 403, 415) and a
// status for the error body.
struct Refusal {
  int http_status = 0;
  absl::Status status;
};

// Thread safety: immutable once made; Check and the other const methods
// may run on any number of threads at once.
class DoorRules {
 public:
  DoorRules() = default;
  // INVALID_ARGUMENT for a malformed --http_allowed_hosts entry;
  // FAILED_PRECONDITION when mead listens on a wildcard address (0.0.0.0,
  // [::]) without --http_allowed_hosts, since no request could name it.
  static absl::StatusOr<DoorRules> Make(const DoorOptions& options);

  // Whether `host` (a Host header's value) names this server.
  bool AllowsHost(absl::string_view host) const;
  // Whether `origin` (an Origin header's value) is this server's own.
  bool IsOwnOrigin(absl::string_view origin, bool via_trusted_proxy) const;

  // The rules above, in order; nullopt: answer the request.
  std::optional<Refusal> Check(const httplib::Request& request,
                               bool via_trusted_proxy) const;

 private:
  bool Allows(const Authority& authority, int default_port) const;

  bool https_ = false;
  // Names allowed on any port, and (name, port) pairs.
  std::set<std::string> any_port_;
  std::set<std::pair<std::string, int>> exact_;
};

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_DOOR_H_
