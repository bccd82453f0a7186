#include "clients/meactl/agreements/results_csv.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/stubs/common.h"
#include "rules/civil_date.h"
#include "rules/decimal.h"

namespace mea::meactl {
namespace {

struct KindSpec {
  ResultKind kind;
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

const std::vector<KindSpec>& Specs() {
  static const std::vector<KindSpec>* specs = new std::vector<KindSpec>{
      {ResultKind::kDispensings, {"date", "units"}, {"patient"}},
      {ResultKind::kPatients,
       {"id", "start_date"},
       {"stop_date", "death_date"}},
      {ResultKind::kAssessments, {"patient", "date", "outcome"}, {}},
      {ResultKind::kGroupOutcomes, {"measure", "value", "n", "data_cut"}, {}},
  };
  return *specs;
}

const KindSpec& SpecOf(ResultKind kind) {
  for (const KindSpec& spec : Specs()) {
    if (spec.kind == kind) return spec;
  }
  return Specs().front();
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Whether `columns` is a header of `spec`: every required column, nothing
// unknown.
bool Fits(const KindSpec& spec, const std::vector<std::string>& columns) {
  for (const std::string& required : spec.required) {
    if (!Contains(columns, required)) return false;
  }
  for (const std::string& column : columns) {
    if (!Contains(spec.required, column) && !Contains(spec.optional, column)) {
      return false;
    }
  }
  return true;
}

std::string DescribeSpec(const KindSpec& spec) {
  std::string text = absl::StrCat(ResultKindName(spec.kind), ": ",
                                  absl::StrJoin(spec.required, ","));
  if (!spec.optional.empty()) {
    absl::StrAppend(&text, "[,", absl::StrJoin(spec.optional, ","), "]");
  }
  return text;
}

// Whether protobuf will accept `text` in a string field: the check it
// applies when it parses one, so that no row that reaches the server can be
// refused for its encoding.
bool IsUtf8(const std::string& text) {
  return google::protobuf::internal::IsStructurallyValidUTF8(
      text.data(), static_cast<int>(text.size()));
}

struct Field {
  std::string text;
  // 1-based character column where the field starts.
  int column = 1;
};

// Splits one line; quotes may hold commas and doubled quotes.
absl::StatusOr<std::vector<Field>> SplitLine(const std::string& line) {
  std::vector<Field> fields;
  size_t i = 0;
  while (true) {
    Field field;
    field.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          return absl::InvalidArgumentError(absl::StrCat(
              field.column, ": the quote is not closed on this line"));
        }
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field.text += '"';
          i += 2;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          field.text += line[i++];
        }
      }
      if (i < line.size() && line[i] != ',') {
        return absl::InvalidArgumentError(
            absl::StrCat(i + 1, ": a comma must follow a closing quote"));
      }
    } else {
      size_t end = line.find(',', i);
      if (end == std::string::npos) end = line.size();
      field.text = line.substr(i, end - i);
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

// Reads the next non-empty line; false at the end.
bool ReadLine(std::istream& in, std::string& line, int64_t& number) {
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) return true;
  }
  return false;
}

// Reads the values of one row. The first problem is kept (as "COLUMN:
// message") and later reads return empty values, so a row is filled in
// straight-line code and checked once with status().
class RowReader {
 public:
  RowReader(const std::vector<std::string>& columns,
            const std::vector<Field>& fields)
      : columns_(columns), fields_(fields) {}

  const absl::Status& status() const { return status_; }

  std::string Text(const std::string& column, bool required) {
    const Field& field = Get(column);
    if (required && field.text.empty()) {
      Fail(field, absl::StrCat(column, " is required"));
    } else if (!IsUtf8(field.text)) {
      Fail(field, absl::StrCat(column, " is not valid UTF-8 text"));
    }
    return status_.ok() ? field.text : "";
  }

  std::string Date(const std::string& column, bool required) {
    const Field& field = Get(column);
    if (field.text.empty()) return Text(column, required);
    absl::StatusOr<absl::CivilDay> day = rules::ParseDate(field.text);
    if (!day.ok()) {
      Fail(field, absl::StrCat(column, ": ", day.status().message()));
    }
    return status_.ok() ? field.text : "";
  }

  int64_t Integer(const std::string& column, int64_t minimum) {
    const Field& field = Get(column);
    int64_t value = 0;
    if (!absl::SimpleAtoi(field.text, &value)) {
      Fail(field, absl::StrCat(column, " must be a whole number, got \"",
                               field.text, "\""));
    } else if (value < minimum) {
      Fail(field, absl::StrCat(column, " must be at least ", minimum, ", got ",
                               value));
    }
    return status_.ok() ? value : 0;
  }

  std::string DecimalText(const std::string& column) {
    const Field& field = Get(column);
    absl::StatusOr<rules::Decimal> value = rules::Decimal::Parse(field.text);
    if (!value.ok()) {
      Fail(field, absl::StrCat(column, ": ", value.status().message()));
    }
    return status_.ok() ? field.text : "";
  }

  std::string Outcome(const std::string& column) {
    const Field& field = Get(column);
    for (const char* known :
         {"RESPONSE", "STABLE", "PROGRESSION", "NOT_EVALUABLE"}) {
      if (field.text == known) return field.text;
    }
    Fail(field, absl::StrCat(column,
                             " must be RESPONSE, STABLE, PROGRESSION or "
                             "NOT_EVALUABLE, got \"",
                             field.text, "\""));
    return "";
  }

 private:
  // The field of `column`; an empty one at column 0 when the file has none.
  const Field& Get(const std::string& column) const {
    static const Field* kAbsent = new Field{"", 0};
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i] == column) return fields_[i];
    }
    return *kAbsent;
  }

  void Fail(const Field& field, const std::string& message) {
    if (!status_.ok()) return;
    status_ = absl::InvalidArgumentError(
        absl::StrCat(std::max(field.column, 1), ": ", message));
  }

  const std::vector<std::string>& columns_;
  const std::vector<Field>& fields_;
  absl::Status status_;
};

absl::Status AddDispensing(RowReader& row, v1::ResultsBatch& batch) {
  v1::Dispensing* out = batch.add_dispensings();
  out->set_date(row.Date("date", true));
  out->set_units(row.Integer("units", 1));
  out->set_patient(row.Text("patient", false));
  return row.status();
}

absl::Status AddPatient(RowReader& row, v1::ResultsBatch& batch) {
  v1::PatientRecord* out = batch.add_patients();
  out->set_id(row.Text("id", true));
  out->set_start_date(row.Date("start_date", true));
  out->set_stop_date(row.Date("stop_date", false));
  out->set_death_date(row.Date("death_date", false));
  return row.status();
}

absl::Status AddAssessment(RowReader& row, v1::ResultsBatch& batch) {
  v1::PatientAssessment* out = batch.add_assessments();
  out->set_patient(row.Text("patient", true));
  out->set_date(row.Date("date", true));
  out->set_outcome(row.Outcome("outcome"));
  return row.status();
}

absl::Status AddGroupOutcome(RowReader& row, v1::ResultsBatch& batch) {
  v1::GroupOutcome* out = batch.add_group_outcomes();
  out->set_measure(row.Text("measure", true));
  out->set_value(row.DecimalText("value"));
  out->set_n(row.Integer("n", 0));
  out->set_data_cut(row.Date("data_cut", true));
  return row.status();
}

absl::Status AddRow(ResultKind kind, RowReader& row, v1::ResultsBatch& batch) {
  switch (kind) {
    case ResultKind::kDispensings:
      return AddDispensing(row, batch);
    case ResultKind::kPatients:
      return AddPatient(row, batch);
    case ResultKind::kAssessments:
      return AddAssessment(row, batch);
    case ResultKind::kGroupOutcomes:
      return AddGroupOutcome(row, batch);
  }
  return absl::InternalError("unknown kind");
}

// Removes the last row of `kind` (after a refused row, so that the batch
// holds only whole rows).
void RemoveLast(ResultKind kind, v1::ResultsBatch& batch) {
  switch (kind) {
    case ResultKind::kDispensings:
      batch.mutable_dispensings()->RemoveLast();
      break;
    case ResultKind::kPatients:
      batch.mutable_patients()->RemoveLast();
      break;
    case ResultKind::kAssessments:
      batch.mutable_assessments()->RemoveLast();
      break;
    case ResultKind::kGroupOutcomes:
      batch.mutable_group_outcomes()->RemoveLast();
      break;
  }
}

absl::StatusOr<ResultKind> KindOfHeader(const std::vector<std::string>& columns,
                                        std::optional<ResultKind> forced) {
  std::vector<std::string> known;
  for (const KindSpec& spec : Specs()) {
    if (forced.has_value() && spec.kind != *forced) continue;
    if (Fits(spec, columns)) return spec.kind;
    known.push_back(DescribeSpec(spec));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "1: the header \"", absl::StrJoin(columns, ","), "\" is not ",
      forced.has_value() ? "the header of " : "one of ",
      absl::StrJoin(known, "; ")));
}

}  // namespace

const char* ResultKindName(ResultKind kind) {
  switch (kind) {
    case ResultKind::kDispensings:
      return "dispensings";
    case ResultKind::kPatients:
      return "patients";
    case ResultKind::kAssessments:
      return "assessments";
    case ResultKind::kGroupOutcomes:
      return "group_outcomes";
  }
  return "";
}

std::optional<ResultKind> ParseResultKind(const std::string& name) {
  for (const KindSpec& spec : Specs()) {
    if (name == ResultKindName(spec.kind)) return spec.kind;
  }
  return std::nullopt;
}

absl::StatusOr<CsvResultsReader> CsvResultsReader::Open(
    const std::string& name, std::istream& in, std::optional<ResultKind> kind) {
  std::string header;
  int64_t line = 0;
  if (!ReadLine(in, header, line)) {
    return absl::InvalidArgumentError(
        absl::StrCat(name,
                     ":1:1: the file is empty; the first line must "
                     "be the header"));
  }
  // A byte-order mark from spreadsheet exports is not part of the name.
  if (header.rfind("\xEF\xBB\xBF", 0) == 0) header.erase(0, 3);
  absl::StatusOr<std::vector<Field>> fields = SplitLine(header);
  if (!fields.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ":", line, ":", fields.status().message()));
  }
  std::vector<std::string> columns;
  for (const Field& field : *fields) columns.push_back(field.text);
  absl::StatusOr<ResultKind> detected = KindOfHeader(columns, kind);
  if (!detected.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ":", line, ":", detected.status().message()));
  }
  CsvResultsReader reader(name, in, *detected, std::move(columns));
  reader.line_ = line;
  return reader;
}

absl::StatusOr<bool> CsvResultsReader::Next(v1::ResultsBatch& batch) {
  std::string text;
  if (!ReadLine(*in_, text, line_)) return false;
  absl::StatusOr<std::vector<Field>> fields = SplitLine(text);
  absl::Status status = fields.status();
  if (fields.ok() && fields->size() != columns_.size()) {
    status = absl::InvalidArgumentError(absl::StrCat(
        fields->size() > columns_.size() ? (*fields)[columns_.size()].column
                                         : static_cast<int>(text.size()) + 1,
        ": expected ", columns_.size(), " fields (",
        absl::StrJoin(columns_, ","), "), got ", fields->size()));
  }
  if (status.ok()) {
    RowReader row(columns_, *fields);
    status = AddRow(kind_, row, batch);
    if (!status.ok()) RemoveLast(kind_, batch);
  }
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ":", line_, ":", status.message()));
  }
  return true;
}

}  // namespace mea::meactl
