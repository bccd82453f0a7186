// The HTTP routes of mea's gRPC services, read at startup from the
// `google.api.http` annotations in the protos: there is no hand-written
// per-route code, so a route exists exactly when the proto declares it.
//
// Supported template syntax (what mea's protos use, checked when the table
// is built): literal segments, single-segment variables "{field.path}" or
// "{field.path=*}", and an optional ":verb" after the last segment, e.g.
// "/v1/dataObligations/{id}:deliver". Variables name singular scalar
// fields, possibly inside singular message fields ("{batch.agreement_id}").
#ifndef MEA_SERVICES_HTTP_ROUTES_H_
#define MEA_SERVICES_HTTP_ROUTES_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace mea::services::http {

// (field path, decoded value) pairs taken from the URL path.
using PathBindings = std::vector<std::pair<std::string, std::string>>;

class PathTemplate {
 public:
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // Matches a raw (still percent-encoded) URL path without its query.
  // Variables are percent-decoded; an undecodable one does not match.
  std::optional<PathBindings> Match(absl::string_view raw_path) const;

  const std::string& text() const { return text_; }
  // The field paths of the variables, in order.
  std::vector<std::string> Variables() const;

 private:
  struct Segment {
    std::string literal;     // set for a literal segment
    std::string field_path;  // set for a variable
  };
  std::string text_;
  std::vector<Segment> segments_;
  std::string verb_;
};

struct HttpRoute {
  // "GET", "POST", "PATCH", "PUT" or "DELETE".
  std::string http_method;
  PathTemplate path;
  // "" (no body), "*" (the whole request) or a top-level field name.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;
  // "/mea.v1.TrackingService/GetMethod", as gRPC names it on the wire.
  std::string grpc_path;
};

// Thread safety: immutable once built; Find may run on any number of
// threads at once. The routes point at descriptors of the generated pool,
// which live as long as the program.
class RouteTable {
 public:
  // Every method of `services` that carries a google.api.http option (and
  // its additional_bindings) becomes a route. An annotation outside the
  // supported syntax, or naming a field that does not fit, is an error.
  static absl::StatusOr<RouteTable> Build(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  struct Found {
    const HttpRoute* route = nullptr;
    PathBindings bindings;
    // Some route has this path, for another HTTP method (405, not 404).
    bool path_known = false;
    // The HTTP methods that route the path ("GET, POST"), for Allow.
    std::string allowed_methods;
  };
  Found Find(absl::string_view http_method, absl::string_view raw_path) const;

  const std::vector<HttpRoute>& routes() const { return routes_; }

 private:
  std::vector<HttpRoute> routes_;
};

// Percent-decodes one URL path segment; nullopt for a malformed escape.
std::optional<std::string> PercentDecode(absl::string_view text);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_ROUTES_H_
