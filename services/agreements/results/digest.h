// The content digest of a results batch: what makes a resend recognisable.
//
// A resent batch id is a duplicate when its content digest equals the one
// stored on the first receipt, and is refused (ALREADY_EXISTS) otherwise
// (results/ingestion.h). The stored digest must therefore be recomputable
// from the same batch for as long as the database lives, across upgrades
// of protobuf and additions to the schema. Protobuf documents that its
// serialization, deterministic or not, is stable across neither; so the
// digest is taken over an encoding the project defines itself, byte by
// byte, in docs/results-formats.md ("Content digest"), with a test vector
// that tests/agreements/results_digest_test.cc reads from that file.
//
// Versions, told apart by the stored text:
//   "v2:" + 64 lowercase hex digits: SHA-256 of BatchEncoding (every
//       receipt written since);
//   64 lowercase hex digits, no prefix: version 1, SHA-256 of protobuf's
//       deterministic serialization of the batch (receipts written
//       before). They are kept as they are and checked by recomputing
//       version 1, which holds as long as protobuf serializes the batch as
//       it did when it was stored.
//
// MessageDigest (protobuf's serialization) also remains the settlement's
// input digest: a record of what a settlement was computed from, never
// compared by mea with a recomputed value.
#ifndef MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_
#define MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_

#include <string>
#include <string_view>

#include "google/protobuf/message.h"
#include "mea/v1/agreements.pb.h"

namespace mea::services {

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Sha256Hex of the deterministic binary serialization of `message`.
std::string MessageDigest(const google::protobuf::Message& message);

// The version 2 encoding of `batch` (docs/results-formats.md): "mea.batch.v2"
// and then every field as a netstring, repeated fields preceded by their
// count.
std::string BatchEncoding(const v1::ResultsBatch& batch);

// The content digest stored on the receipt of a new batch:
// "v2:" + Sha256Hex(BatchEncoding(batch)).
std::string BatchDigest(const v1::ResultsBatch& batch);

// Whether `stored`, the content digest on an earlier receipt, is the digest
// of `batch` in the version it was stored in (above). A text of no known
// version matches no batch.
bool IsDigestOf(std::string_view stored, const v1::ResultsBatch& batch);

}  // namespace mea::services

#endif  // MEA_SERVICES_AGREEMENTS_RESULTS_DIGEST_H_
