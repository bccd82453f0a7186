#include "clients/meactl/agreements/results_files.h"

#include <openssl/evp.h>

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "google/protobuf/util/json_util.h"
#include "mea/v1/evaluation.pb.h"

namespace mea::meactl {
namespace {

constexpr size_t kChunkBytes = 1 << 16;

// SHA-256 of everything `in` holds, as lowercase hex.
std::string DigestStream(std::istream& in) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  std::string chunk(kChunkBytes, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    EVP_DigestUpdate(context, chunk.data(), static_cast<size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context, digest, &length);
  EVP_MD_CTX_free(context);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
}

size_t KindIndex(ResultKind kind) { return static_cast<size_t>(kind); }

int64_t RowsOf(const v1::ResultsBatch& batch) {
  int64_t rows = batch.dispensings_size() + batch.patients_size() +
                 batch.assessments_size() + batch.group_outcomes_size();
  for (const v1::PatientRecord& patient : batch.patients()) {
    rows += patient.assessments_size();
  }
  return rows;
}

// A CSV file of one kind, read line by line.
class CsvFile : public ResultsFile {
 public:
  CsvFile(std::string path, std::string buffer, std::optional<ResultKind> kind)
      : buffer_(std::move(buffer)), kind_(kind) {
    path_ = std::move(path);
  }

  // Digests the bytes and checks every row.
  absl::Status FirstPass() {
    MEA_RETURN_IF_ERROR(OpenStream());
    digest_ = DigestStream(*stream_);
    MEA_RETURN_IF_ERROR(Rewind());
    v1::ResultsBatch scratch;
    while (true) {
      MEA_ASSIGN_OR_RETURN(const bool row, reader_->Next(scratch));
      if (!row) break;
      ++rows_;
      scratch.Clear();
    }
    return absl::OkStatus();
  }

  absl::Status Rewind() override {
    MEA_RETURN_IF_ERROR(OpenStream());
    MEA_ASSIGN_OR_RETURN(CsvResultsReader reader,
                         CsvResultsReader::Open(path_, *stream_, kind_));
    reader_.emplace(std::move(reader));
    kind_ = reader_->kind();
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Fill(v1::ResultsBatch& batch, int64_t max_rows,
                               BatchOrigins& origins) override {
    origins.file = this;
    std::vector<int64_t>& positions = origins.positions[KindIndex(*kind_)];
    int64_t added = 0;
    while (added < max_rows) {
      MEA_ASSIGN_OR_RETURN(const bool row, reader_->Next(batch));
      if (!row) break;
      positions.push_back(reader_->line());
      ++added;
    }
    return added;
  }

  std::string Describe(ResultKind, int64_t position) const override {
    return absl::StrCat(path_, ":", position);
  }

 private:
  absl::Status OpenStream() {
    if (path_ == "-") {
      stream_ = std::make_unique<std::istringstream>(buffer_);
      return absl::OkStatus();
    }
    auto file = std::make_unique<std::ifstream>(path_, std::ios::binary);
    if (!*file) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ": cannot be read"));
    }
    stream_ = std::move(file);
    return absl::OkStatus();
  }

  // Standard input, which can only be read once, is kept here.
  std::string buffer_;
  std::optional<ResultKind> kind_;
  std::unique_ptr<std::istream> stream_;
  std::optional<CsvResultsReader> reader_;
};

// A JSON Results document, or the results of an EvaluationInput. Patients
// come first, so that the dispensings after them name known patients.
class JsonFile : public ResultsFile {
 public:
  JsonFile(std::string path, const std::string& text, v1::Results results,
           std::string prefix)
      : results_(std::move(results)), prefix_(std::move(prefix)) {
    path_ = std::move(path);
    std::istringstream in(text);
    digest_ = DigestStream(in);
    v1::ResultsBatch all;
    *all.mutable_patients() = results_.patients();
    rows_ = RowsOf(all) + results_.dispensings_size() +
            results_.group_outcomes_size();
  }

  absl::Status Rewind() override {
    next_patient_ = next_dispensing_ = next_outcome_ = 0;
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Fill(v1::ResultsBatch& batch, int64_t max_rows,
                               BatchOrigins& origins) override {
    origins.file = this;
    int64_t added = 0;
    while (added < max_rows && next_patient_ < results_.patients_size()) {
      const v1::PatientRecord& patient = results_.patients(next_patient_);
      *batch.add_patients() = patient;
      origins.positions[KindIndex(ResultKind::kPatients)].push_back(
          next_patient_++);
      added += 1 + patient.assessments_size();
    }
    while (added < max_rows && next_dispensing_ < results_.dispensings_size()) {
      *batch.add_dispensings() = results_.dispensings(next_dispensing_);
      origins.positions[KindIndex(ResultKind::kDispensings)].push_back(
          next_dispensing_++);
      ++added;
    }
    while (added < max_rows && next_outcome_ < results_.group_outcomes_size()) {
      *batch.add_group_outcomes() = results_.group_outcomes(next_outcome_);
      origins.positions[KindIndex(ResultKind::kGroupOutcomes)].push_back(
          next_outcome_++);
      ++added;
    }
    return added;
  }

  std::string Describe(ResultKind kind, int64_t position) const override {
    return absl::StrCat(path_, " ", prefix_, ResultKindName(kind), "[",
                        position, "]");
  }

 private:
  v1::Results results_;
  std::string prefix_;
  int next_patient_ = 0;
  int next_dispensing_ = 0;
  int next_outcome_ = 0;
};

absl::StatusOr<std::unique_ptr<ResultsFile>> OpenJson(std::string path,
                                                      const std::string& text) {
  v1::Results results;
  auto as_results = google::protobuf::util::JsonStringToMessage(text, &results);
  if (as_results.ok()) {
    return std::make_unique<JsonFile>(std::move(path), text, std::move(results),
                                      "");
  }
  v1::EvaluationInput input;
  if (google::protobuf::util::JsonStringToMessage(text, &input).ok()) {
    return std::make_unique<JsonFile>(
        std::move(path), text, std::move(*input.mutable_results()), "results.");
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path,
                   ": neither a results document ({\"dispensings\": [...], "
                   "\"patients\": [...], \"group_outcomes\": [...]}) nor an "
                   "evaluation input: ",
                   as_results.ToString()));
}

// The whole of `path` ("-": standard input).
absl::StatusOr<std::string> ReadWhole(const std::string& path,
                                      std::istream& stdin_stream) {
  std::ostringstream text;
  if (path == "-") {
    text << stdin_stream.rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError(path + ": cannot be read");
  text << file.rdbuf();
  return text.str();
}

// Whether the first non-blank character of `in` is '{'.
bool LooksLikeJson(std::istream& in) {
  char c;
  while (in.get(c)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ResultsFile>> ResultsFile::Open(
    const std::string& path, std::istream& stdin_stream,
    std::optional<ResultKind> kind) {
  std::string buffer;
  bool json = false;
  if (path == "-") {
    MEA_ASSIGN_OR_RETURN(buffer, ReadWhole(path, stdin_stream));
    std::istringstream in(buffer);
    json = LooksLikeJson(in);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::InvalidArgumentError(path + ": cannot be read");
    json = LooksLikeJson(in);
  }
  if (json) {
    if (path != "-") {
      MEA_ASSIGN_OR_RETURN(buffer, ReadWhole(path, stdin_stream));
    }
    return OpenJson(path, buffer);
  }
  auto csv = std::make_unique<CsvFile>(path, std::move(buffer), kind);
  MEA_RETURN_IF_ERROR(csv->FirstPass());
  return csv;
}

}  // namespace mea::meactl
