// Fuzz target: the CSV reader of `meactl results upload`
// (clients/meactl/agreements/results_csv.h). The first byte chooses the --kind (none,
// or one of the four); the rest is the file.
//
// Whatever the bytes: Open and Next either succeed or fail with
// INVALID_ARGUMENT "FILE:LINE:..." and leave the batch unchanged; every row
// they accept holds values the server accepts (dates, decimals, counts,
// outcomes through the same codecs); and the batch, once filled, survives
// the trip to the server: it serialises and parses back equal, which is
// what the server's gRPC layer does with it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/meactl/agreements/results_csv.h"
#include "fuzz/fuzz_check.h"
#include "google/protobuf/util/message_differencer.h"
#include "mea/v1/agreements.pb.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"

namespace {

using mea::meactl::ResultKind;

constexpr char kName[] = "fuzz.csv";
// Rows read per input, so that one input stays fast.
constexpr int kMaxRows = 5000;

int Rows(const mea::v1::ResultsBatch& batch) {
  return batch.dispensings_size() + batch.patients_size() +
         batch.assessments_size() + batch.group_outcomes_size();
}

bool IsDate(const std::string& text) {
  return mea::rules::ParseDate(text).ok();
}

bool IsOutcome(const std::string& text) {
  return text == "RESPONSE" || text == "STABLE" || text == "PROGRESSION" ||
         text == "NOT_EVALUABLE";
}

// The last row of `kind` holds values the server would accept.
void CheckLastRow(ResultKind kind, const mea::v1::ResultsBatch& batch) {
  switch (kind) {
    case ResultKind::kDispensings: {
      const auto& row = *batch.dispensings().rbegin();
      FUZZ_CHECK(IsDate(row.date()));
      FUZZ_CHECK(row.units() >= 1);
      break;
    }
    case ResultKind::kPatients: {
      const auto& row = *batch.patients().rbegin();
      FUZZ_CHECK(!row.id().empty());
      FUZZ_CHECK(IsDate(row.start_date()));
      FUZZ_CHECK(row.stop_date().empty() || IsDate(row.stop_date()));
      FUZZ_CHECK(row.death_date().empty() || IsDate(row.death_date()));
      break;
    }
    case ResultKind::kAssessments: {
      const auto& row = *batch.assessments().rbegin();
      FUZZ_CHECK(!row.patient().empty());
      FUZZ_CHECK(IsDate(row.date()));
      FUZZ_CHECK(IsOutcome(row.outcome()));
      break;
    }
    case ResultKind::kGroupOutcomes: {
      const auto& row = *batch.group_outcomes().rbegin();
      FUZZ_CHECK(!row.measure().empty());
      FUZZ_CHECK(mea::rules::Decimal::Parse(row.value()).ok());
      FUZZ_CHECK(row.n() >= 0);
      FUZZ_CHECK(IsDate(row.data_cut()));
      break;
    }
  }
}

void CheckError(const absl::Status& status) {
  FUZZ_CHECK(absl::IsInvalidArgument(status));
  FUZZ_CHECK(absl::StartsWith(status.message(), absl::StrCat(kName, ":")));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::optional<ResultKind> forced;
  if (data[0] % 5 != 0) forced = static_cast<ResultKind>(data[0] % 5 - 1);
  std::istringstream file(
      std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  auto reader = mea::meactl::CsvResultsReader::Open(kName, file, forced);
  if (!reader.ok()) {
    CheckError(reader.status());
    return 0;
  }
  if (forced.has_value()) FUZZ_CHECK(reader->kind() == *forced);
  mea::v1::ResultsBatch batch;
  for (int i = 0; i < kMaxRows; ++i) {
    const int before = Rows(batch);
    absl::StatusOr<bool> next = reader->Next(batch);
    if (!next.ok()) {
      // A refused row leaves nothing behind; reading may go on.
      CheckError(next.status());
      FUZZ_CHECK(Rows(batch) == before);
      continue;
    }
    if (!*next) break;
    FUZZ_CHECK(Rows(batch) == before + 1);
    CheckLastRow(reader->kind(), batch);
  }
  std::string wire;
  FUZZ_CHECK(batch.SerializeToString(&wire));
  mea::v1::ResultsBatch received;
  FUZZ_CHECK(received.ParseFromString(wire));
  FUZZ_CHECK(
      google::protobuf::util::MessageDifferencer::Equals(received, batch));
  return 0;
}
