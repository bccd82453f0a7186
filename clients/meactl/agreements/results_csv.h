// The CSV formats of results files (docs/results-formats.md): one kind of
// row per file, a header line naming the columns (in any order), comma
// separated, optional double quotes ("" inside quotes is a quote), CRLF or
// LF line ends, empty lines skipped.
//
//   dispensings     date,units,patient          (patient optional)
//   patients        id,start_date,stop_date,death_date
//                                               (stop/death optional)
//   assessments     patient,date,outcome
//   group_outcomes  measure,value,n,data_cut
//
// Values are checked with the same codecs the server uses (dates, decimals,
// integers, outcomes), so a broken file is reported as FILE:LINE:COLUMN
// before anything is sent.
#ifndef MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_CSV_H_
#define MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_CSV_H_

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mea/v1/agreements.pb.h"

namespace mea::meactl {

enum class ResultKind { kDispensings, kPatients, kAssessments, kGroupOutcomes };

// "dispensings", "patients", "assessments", "group_outcomes".
const char* ResultKindName(ResultKind kind);
std::optional<ResultKind> ParseResultKind(const std::string& name);

class CsvResultsReader {
 public:
  // Reads the header line of `in`. `kind` forces the kind (--kind);
  // otherwise it is recognised from the header. `name` is the file name
  // used in error messages. `in` must outlive the reader.
  static absl::StatusOr<CsvResultsReader> Open(const std::string& name,
                                               std::istream& in,
                                               std::optional<ResultKind> kind);

  ResultKind kind() const { return kind_; }

  // Appends the next row to the matching list of `batch`; false at the end
  // of the file. Errors are InvalidArgument "FILE:LINE:COLUMN: ...".
  absl::StatusOr<bool> Next(v1::ResultsBatch& batch);

  // The line number of the row Next() read last.
  int64_t line() const { return line_; }

 private:
  CsvResultsReader(std::string name, std::istream& in, ResultKind kind,
                   std::vector<std::string> columns)
      : name_(std::move(name)),
        in_(&in),
        kind_(kind),
        columns_(std::move(columns)) {}

  std::string name_;
  std::istream* in_;
  ResultKind kind_;
  // Column names in file order.
  std::vector<std::string> columns_;
  int64_t line_ = 1;
};

}  // namespace mea::meactl

#endif  // MEA_CLIENTS_MEACTL_AGREEMENTS_RESULTS_CSV_H_
