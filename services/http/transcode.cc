#include "services/http/transcode.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "services/http/fields.h"

namespace mea::services::http {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Where a route takes its fields from besides the query.
struct Bound {
  // Canonical field paths set by path variables.
  std::vector<std::string> path_fields;
  // The route's body selector: "", "*" or a top-level field name.
  std::string body;
};

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Why a query parameter may not set `path`, or "" when it may.
std::string Misplaced(const Bound& bound, const std::string& path) {
  if (bound.body == "*") {
    return "this route takes every field in the JSON body, not the query";
  }
  if (Contains(bound.path_fields, path)) return "is given by the URL path";
  if (!bound.body.empty() &&
      (path == bound.body || path.rfind(bound.body + ".", 0) == 0)) {
    return "belongs in the JSON body";
  }
  return "";
}

void ApplyQuery(const QueryParams& query,
                const std::vector<std::string>& reserved, const Bound& bound,
                Message* message, FieldViolations* violations) {
  std::map<std::string, int> seen;
  for (const auto& [name, value] : query) {
    if (Contains(reserved, name)) continue;
    absl::StatusOr<FieldChain> chain =
        ResolveFieldPath(message->GetDescriptor(), name);
    if (!chain.ok()) {
      violations->Add(name, absl::StrCat("unknown query parameter: ",
                                         chain.status().message()));
      continue;
    }
    const std::string path = CanonicalPath(*chain);
    if (std::string why = Misplaced(bound, path); !why.empty()) {
      violations->Add(path, why);
      continue;
    }
    if (!chain->back()->is_repeated() && ++seen[path] > 1) {
      violations->Add(path, "given more than once");
      continue;
    }
    if (absl::Status set = SetFieldFromText(message, *chain, value);
        !set.ok()) {
      violations->Add(path, std::string(set.message()));
    }
  }
}

// The body's target: the whole request or the body field's message.
Message* BodyTarget(const std::string& body, Message* request) {
  if (body == "*") return request;
  const FieldDescriptor* field =
      request->GetDescriptor()->FindFieldByName(body);
  return request->GetReflection()->MutableMessage(request, field);
}

bool IsBlank(absl::string_view text) {
  return absl::StripAsciiWhitespace(text).empty();
}

void ParseBody(const HttpRoute& route, absl::string_view body, Message* request,
               FieldViolations* violations) {
  if (route.body.empty()) {
    if (!IsBlank(body)) violations->Add("", "this route takes no body");
    return;
  }
  if (IsBlank(body)) return;
  Message* target = BodyTarget(route.body, request);
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), target, options);
  if (!parsed.ok()) {
    violations->Add(route.body == "*" ? "" : route.body,
                    absl::StrCat("the JSON body does not fit ",
                                 target->GetDescriptor()->full_name(), ": ",
                                 parsed.message().as_string()));
  }
}

void ApplyPath(const PathBindings& path, Message* request,
               FieldViolations* violations) {
  for (const auto& [field_path, value] : path) {
    absl::StatusOr<FieldChain> chain =
        ResolveFieldPath(request->GetDescriptor(), field_path);
    if (!chain.ok()) {
      violations->Add(field_path, std::string(chain.status().message()));
      continue;
    }
    if (absl::Status set = SetFieldFromText(request, *chain, value);
        !set.ok()) {
      violations->Add(CanonicalPath(*chain), std::string(set.message()));
    }
  }
}

}  // namespace

absl::Status BuildRequestMessage(const HttpRoute& route,
                                 const PathBindings& path,
                                 const QueryParams& query,
                                 absl::string_view body, Message* request) {
  FieldViolations violations;
  ParseBody(route, body, request, &violations);
  Bound bound;
  bound.body = route.body;
  for (const auto& [field_path, value] : path) {
    absl::StatusOr<FieldChain> chain =
        ResolveFieldPath(request->GetDescriptor(), field_path);
    if (chain.ok()) bound.path_fields.push_back(CanonicalPath(*chain));
  }
  ApplyQuery(query, {}, bound, request, &violations);
  ApplyPath(path, request, &violations);
  return violations.ToStatus();
}

void ApplyQueryParameters(const QueryParams& query,
                          const std::vector<std::string>& reserved,
                          Message* message, FieldViolations* violations) {
  ApplyQuery(query, reserved, Bound{}, message, violations);
}

absl::StatusOr<std::string> MessageToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  auto printed =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat("cannot print the answer as JSON: ",
                                            printed.message().as_string()));
  }
  return json;
}

}  // namespace mea::services::http
