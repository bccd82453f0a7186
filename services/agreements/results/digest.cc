#include "services/agreements/results/digest.h"

#include <openssl/sha.h>

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace mea::services {
namespace {

constexpr std::string_view kVersion2Prefix = "v2:";

// Appends the fields of docs/results-formats.md ("Content digest") as
// netstrings: "<byte length in decimal>:<bytes>,". The length prefix keeps
// the encoding unambiguous: no field can borrow another's bytes.
class Encoder {
 public:
  void Text(std::string_view text) {
    bytes_.append(std::to_string(text.size())).append(":");
    bytes_.append(text).append(",");
  }
  // Integers as decimal text ("-" before a negative one).
  void Number(int64_t number) { Text(std::to_string(number)); }
  std::string Take() { return std::move(bytes_); }

 private:
  std::string bytes_ = "mea.batch.v2";
};

void EncodeDispensings(const v1::ResultsBatch& batch, Encoder& out) {
  out.Number(batch.dispensings_size());
  for (const v1::Dispensing& row : batch.dispensings()) {
    out.Text(row.date());
    out.Number(row.units());
    out.Text(row.patient());
  }
}

void EncodePatients(const v1::ResultsBatch& batch, Encoder& out) {
  out.Number(batch.patients_size());
  for (const v1::PatientRecord& patient : batch.patients()) {
    out.Text(patient.id());
    out.Text(patient.start_date());
    out.Text(patient.stop_date());
    out.Text(patient.death_date());
    out.Number(patient.assessments_size());
    for (const v1::Assessment& assessment : patient.assessments()) {
      out.Text(assessment.date());
      out.Text(assessment.outcome());
    }
  }
}

void EncodeAssessments(const v1::ResultsBatch& batch, Encoder& out) {
  out.Number(batch.assessments_size());
  for (const v1::PatientAssessment& row : batch.assessments()) {
    out.Text(row.patient());
    out.Text(row.date());
    out.Text(row.outcome());
  }
}

void EncodeGroupOutcomes(const v1::ResultsBatch& batch, Encoder& out) {
  out.Number(batch.group_outcomes_size());
  for (const v1::GroupOutcome& row : batch.group_outcomes()) {
    out.Text(row.measure());
    out.Text(row.value());
    out.Number(row.n());
    out.Text(row.data_cut());
  }
}

// 64 lowercase hex digits: how every version 1 digest was written.
bool IsVersion1(std::string_view stored) {
  if (stored.size() != 64) return false;
  for (char c : stored) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string MessageDigest(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return Sha256Hex(bytes);
}

std::string BatchEncoding(const v1::ResultsBatch& batch) {
  Encoder out;
  out.Text(batch.agreement_id());
  out.Text(batch.batch_id());
  EncodeDispensings(batch, out);
  EncodePatients(batch, out);
  EncodeAssessments(batch, out);
  EncodeGroupOutcomes(batch, out);
  out.Text(batch.correction_reason());
  return out.Take();
}

std::string BatchDigest(const v1::ResultsBatch& batch) {
  return std::string(kVersion2Prefix) + Sha256Hex(BatchEncoding(batch));
}

bool IsDigestOf(std::string_view stored, const v1::ResultsBatch& batch) {
  if (stored.starts_with(kVersion2Prefix)) {
    return stored == BatchDigest(batch);
  }
  return IsVersion1(stored) && stored == MessageDigest(batch);
}

}  // namespace mea::services
