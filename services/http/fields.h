// Request fields named in URLs (path variables and query parameters), set
// by protobuf reflection from their text form. The conventions follow
// google.api.http: repeated fields by repetition ("kinds=A&kinds=B"), enums
// by name, google.protobuf.FieldMask as comma-separated paths.
#ifndef MEA_SERVICES_HTTP_FIELDS_H_
#define MEA_SERVICES_HTTP_FIELDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace mea::services::http {

using FieldChain = std::vector<const google::protobuf::FieldDescriptor*>;

// Resolves "period.start" against `type`. Each part is a proto field name
// or its lowerCamelCase JSON name; every part but the last must be a
// singular message field. Errors are InvalidArgument with a description
// fit to follow the path ("unknown field").
absl::StatusOr<FieldChain> ResolveFieldPath(
    const google::protobuf::Descriptor* type, absl::string_view path);

// The path with proto field names ("period.start"), for field violations.
std::string CanonicalPath(const FieldChain& chain);

// Whether the leaf can be given as text: a scalar, an enum or a FieldMask
// (singular or repeated), but not another message.
bool IsTextSettable(const google::protobuf::FieldDescriptor* leaf);

// Sets the leaf of `chain` in `message` from `text` (a repeated leaf gets
// one more element). Errors are InvalidArgument with a description fit to
// follow the path, e.g. "must be an integer, got \"ten\"".
absl::Status SetFieldFromText(google::protobuf::Message* message,
                              const FieldChain& chain, absl::string_view text);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_FIELDS_H_
