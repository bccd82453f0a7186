// Collects field violations during validation at the service edge and turns
// them into one INVALID_ARGUMENT status that carries a google.rpc.BadRequest
// payload, so that every offending field path reaches the client.
#ifndef MEA_COMMON_FIELD_VIOLATIONS_H_
#define MEA_COMMON_FIELD_VIOLATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace mea {

// The type URL under which a serialized google.rpc.BadRequest is attached to
// an absl::Status payload.
inline constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";

class FieldViolations {
 public:
  struct Violation {
    std::string field;
    std::string description;
  };

  // `field` is the path from the request root, e.g.
  // "decision.follow_up.data_obligations[1].due_date".
  void Add(std::string_view field, std::string_view description);
  bool empty() const { return violations_.empty(); }
  size_t size() const { return violations_.size(); }
  const std::vector<Violation>& violations() const { return violations_; }

  // OK when empty; otherwise INVALID_ARGUMENT whose message is the first
  // violation ("path: description", plus a count of the others) and whose
  // BadRequest payload lists them: all of them, or as many of the first as
  // fit in gRPC's 8 KiB of trailing metadata (then the message says so).
  // Texts are cut at 256 bytes.
  absl::Status ToStatus() const;

 private:
  std::vector<Violation> violations_;
};

// The violations carried by `status` (empty if it has no BadRequest payload).
std::vector<FieldViolations::Violation> ViolationsOf(
    const absl::Status& status);

}  // namespace mea

#endif  // MEA_COMMON_FIELD_VIOLATIONS_H_
