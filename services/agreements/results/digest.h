// SHA-256 digests of protobuf messages, for batch receipts (the content of a
// results batch) and settlements (the evaluation input they were computed
// from). The serialization is deterministic, so equal content always gives
// an equal digest and a resent batch is recognised.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_

#include <string>
#include <string_view>

#include "google/protobuf/message.h"

namespace mea::services {

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Sha256Hex of the deterministic binary serialization of `message`.
std::string MessageDigest(const google::protobuf::Message& message);

}  // namespace mea::services

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_
