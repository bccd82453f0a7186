#include "services/http/routes.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"
#include "services/http/fields.h"

namespace mea::services::http {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

bool IsFieldPathText(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' &&
        c != '.') {
      return false;
    }
  }
  return true;
}

absl::Status TemplateError(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("http template \"", text, "\": ", why));
}

// Splits "/a/b/{c}:verb" into the path part and the verb. The verb follows
// the last ':' that comes after every '}' (a variable's own text may not
// hold one).
std::pair<absl::string_view, absl::string_view> SplitVerb(
    absl::string_view text) {
  size_t brace = text.rfind('}');
  size_t colon = text.rfind(':');
  size_t last_slash = text.rfind('/');
  if (colon == absl::string_view::npos ||
      (brace != absl::string_view::npos && colon < brace) ||
      (last_slash != absl::string_view::npos && colon < last_slash)) {
    return {text, {}};
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

struct Pattern {
  std::string http_method;
  std::string path;
};

std::optional<Pattern> PatternOf(const google::api::HttpRule& rule) {
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      return Pattern{"GET", rule.get()};
    case google::api::HttpRule::kPost:
      return Pattern{"POST", rule.post()};
    case google::api::HttpRule::kPatch:
      return Pattern{"PATCH", rule.patch()};
    case google::api::HttpRule::kPut:
      return Pattern{"PUT", rule.put()};
    case google::api::HttpRule::kDelete:
      return Pattern{"DELETE", rule.delete_()};
    default:
      return std::nullopt;
  }
}

// A variable must name a singular scalar field. It may lie inside the body
// field ("{method.id}" with body "method"): the path's value wins.
absl::Status CheckVariable(const MethodDescriptor* method,
                           const std::string& field_path) {
  MEA_ASSIGN_OR_RETURN(const FieldChain chain,
                       ResolveFieldPath(method->input_type(), field_path));
  const FieldDescriptor* leaf = chain.back();
  if (leaf->is_repeated() ||
      leaf->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return absl::InvalidArgumentError("must be a singular scalar field");
  }
  return absl::OkStatus();
}

absl::Status CheckBody(const MethodDescriptor* method,
                       const std::string& http_method,
                       const std::string& body) {
  if (body.empty() || body == "*") {
    if (!body.empty() && http_method == "GET") {
      return absl::InvalidArgumentError("GET cannot take a body");
    }
    return absl::OkStatus();
  }
  const FieldDescriptor* field = method->input_type()->FindFieldByName(body);
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return absl::InvalidArgumentError(
        absl::StrCat("body \"", body, "\" is not a message field of ",
                     method->input_type()->full_name()));
  }
  return absl::OkStatus();
}

absl::StatusOr<HttpRoute> RouteOf(const MethodDescriptor* method,
                                  const google::api::HttpRule& rule) {
  std::optional<Pattern> pattern = PatternOf(rule);
  if (!pattern.has_value()) {
    return absl::InvalidArgumentError("custom HTTP methods are not supported");
  }
  if (!rule.response_body().empty()) {
    return absl::InvalidArgumentError("response_body is not supported");
  }
  HttpRoute route;
  MEA_ASSIGN_OR_RETURN(route.path, PathTemplate::Parse(pattern->path));
  MEA_RETURN_IF_ERROR(CheckBody(method, pattern->http_method, rule.body()));
  // Every error here is INVALID_ARGUMENT: the annotation is at fault.
  for (const std::string& variable : route.path.Variables()) {
    MEA_RETURN_IF_ERROR_WITH_CONTEXT(CheckVariable(method, variable),
                                     absl::StrCat("{", variable, "}"));
  }
  route.http_method = pattern->http_method;
  route.body = rule.body();
  route.method = method;
  route.grpc_path =
      absl::StrCat("/", method->service()->full_name(), "/", method->name());
  return route;
}

}  // namespace

std::optional<std::string> PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size() ||
        !absl::ascii_isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !absl::ascii_isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return std::nullopt;
    }
    std::string byte = absl::HexStringToBytes(text.substr(i + 1, 2));
    out += byte;
    i += 2;
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  if (!absl::StartsWith(text, "/")) {
    return TemplateError(text, "must start with '/'");
  }
  PathTemplate parsed;
  parsed.text_ = std::string(text);
  auto [path, verb] = SplitVerb(text);
  parsed.verb_ = std::string(verb);
  for (absl::string_view part :
       absl::StrSplit(path.substr(1), '/', absl::AllowEmpty())) {
    Segment segment;
    if (absl::StartsWith(part, "{") && absl::EndsWith(part, "}")) {
      absl::string_view inner = part.substr(1, part.size() - 2);
      if (absl::EndsWith(inner, "=*")) inner.remove_suffix(2);
      if (!IsFieldPathText(inner)) {
        return TemplateError(text, absl::StrCat("unsupported variable ", part));
      }
      segment.field_path = std::string(inner);
    } else if (part.empty() || absl::StrContains(part, "{") ||
               absl::StrContains(part, "*")) {
      return TemplateError(text,
                           absl::StrCat("unsupported segment \"", part, "\""));
    } else {
      segment.literal = std::string(part);
    }
    parsed.segments_.push_back(std::move(segment));
  }
  return parsed;
}

std::vector<std::string> PathTemplate::Variables() const {
  std::vector<std::string> variables;
  for (const Segment& segment : segments_) {
    if (!segment.field_path.empty()) variables.push_back(segment.field_path);
  }
  return variables;
}

std::optional<PathBindings> PathTemplate::Match(
    absl::string_view raw_path) const {
  if (!absl::ConsumePrefix(&raw_path, "/")) return std::nullopt;
  if (!verb_.empty() && !absl::ConsumeSuffix(&raw_path, ":" + verb_)) {
    return std::nullopt;
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(raw_path, '/', absl::AllowEmpty());
  if (parts.size() != segments_.size()) return std::nullopt;
  PathBindings bindings;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = segments_[i];
    if (segment.field_path.empty()) {
      if (parts[i] != segment.literal) return std::nullopt;
      continue;
    }
    std::optional<std::string> value = PercentDecode(parts[i]);
    if (!value.has_value() || value->empty()) return std::nullopt;
    bindings.emplace_back(segment.field_path, *std::move(value));
  }
  return bindings;
}

absl::StatusOr<RouteTable> RouteTable::Build(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  RouteTable table;
  for (const auto* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (!method->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule =
          method->options().GetExtension(google::api::http);
      std::vector<const google::api::HttpRule*> rules = {&rule};
      for (const auto& extra : rule.additional_bindings()) {
        rules.push_back(&extra);
      }
      for (const google::api::HttpRule* one : rules) {
        MEA_ASSIGN_OR_RETURN_WITH_CONTEXT(
            HttpRoute route, RouteOf(method, *one), method->full_name());
        table.routes_.push_back(std::move(route));
      }
    }
  }
  return table;
}

RouteTable::Found RouteTable::Find(absl::string_view http_method,
                                   absl::string_view raw_path) const {
  Found found;
  for (const HttpRoute& route : routes_) {
    std::optional<PathBindings> bindings = route.path.Match(raw_path);
    if (!bindings.has_value()) continue;
    if (route.http_method == http_method) {
      found.route = &route;
      found.bindings = *std::move(bindings);
      return found;
    }
    found.path_known = true;
    if (!found.allowed_methods.empty()) found.allowed_methods += ", ";
    found.allowed_methods += route.http_method;
  }
  return found;
}

}  // namespace mea::services::http
