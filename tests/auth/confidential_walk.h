// Finds confidential fields in a message by walking it with reflection and
// the (mea.v1.confidential) option: the tests' own reading of the
// classification, independent of services/auth/redaction.cc.
#ifndef MEA_TESTS_AUTH_CONFIDENTIAL_WALK_H_
#define MEA_TESTS_AUTH_CONFIDENTIAL_WALK_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace mea::testing {

// Paths of the confidential fields that are set in `message`, leaving out
// the messages owned (mea.v1.owner_organisation) by `viewer_organisation`
// (pass "" to leave out nothing).
std::vector<std::string> SetConfidentialFields(
    const google::protobuf::Message& message,
    const std::string& viewer_organisation = "");

}  // namespace mea::testing

#endif  // MEA_TESTS_AUTH_CONFIDENTIAL_WALK_H_
