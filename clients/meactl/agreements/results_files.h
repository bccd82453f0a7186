// The files given to `meactl results upload`, read in two passes: the first
// checks every row, counts the rows and digests the bytes, so that a broken
// file is reported (FILE:LINE:COLUMN) before anything is sent and the batch
// ids can be derived from the content; the second fills the batches. CSV
// files are streamed line by line; JSON files (a Results document, or a
// whole EvaluationInput whose `results` are used) are read whole.
#ifndef MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_FILES_H_
#define MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_FILES_H_

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/meactl/agreements/results_csv.h"
#include "mea/v1/agreements.pb.h"

namespace mea::meactl {

class ResultsFile;

// Where the rows of one batch came from: per row list of the batch
// (dispensings, patients, assessments, group_outcomes), the CSV line or
// the JSON index of each row.
struct BatchOrigins {
  const ResultsFile* file = nullptr;
  std::array<std::vector<int64_t>, 4> positions;
};

class ResultsFile {
 public:
  virtual ~ResultsFile() = default;

  // Opens and checks `path` ("-" reads `stdin_stream`). JSON when the first
  // non-blank character is '{', otherwise CSV of `kind` (or the kind its
  // header names). Errors are InvalidArgument naming the file.
  static absl::StatusOr<std::unique_ptr<ResultsFile>> Open(
      const std::string& path, std::istream& stdin_stream,
      std::optional<ResultKind> kind);

  const std::string& path() const { return path_; }
  // SHA-256 hex of the file's bytes.
  const std::string& digest() const { return digest_; }
  // Rows in the file; a patient's nested assessments count as rows.
  int64_t rows() const { return rows_; }

  // Starts the second pass.
  virtual absl::Status Rewind() = 0;
  // Appends rows to `batch` until it holds about `max_rows` rows or the file
  // ends, recording their origins. Returns the rows added; 0 at the end.
  virtual absl::StatusOr<int64_t> Fill(v1::ResultsBatch& batch,
                                       int64_t max_rows,
                                       BatchOrigins& origins) = 0;
  // "patients.csv:12" or "input.json results.dispensings[3]".
  virtual std::string Describe(ResultKind kind, int64_t position) const = 0;

 protected:
  std::string path_;
  std::string digest_;
  int64_t rows_ = 0;
};

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_FILES_H_
